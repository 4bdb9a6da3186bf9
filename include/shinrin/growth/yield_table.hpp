#pragma once
//! A yield table (収穫表) curve: stem volume [m3 ha-1] at tabulated stand ages [years], usually the
//! end of each 5-year age class (齢級 i ends at age 5 i).
//!
//! Between tabulated ages the volume is interpolated linearly, so the annual growth inside a class
//! is (V_{i+1} - V_i) / 5 as in the Forestry Agency "見える化" method (DOMAIN.md 1.1) [C]. Before
//! the first tabulated age the curve runs linearly from (0, 0); after the last it stays flat
//! (no growth beyond the table, the conservative choice for crediting).

#include <span>
#include <vector>

namespace shinrin::growth {

class YieldTable {
 public:
  //! `ages` strictly increasing and > 0 [years]; `volumes` same length, >= 0 [m3 ha-1].
  //! Throws shinrin::Error if that does not hold.
  YieldTable(std::vector<double> ages, std::vector<double> volumes);

  //! Interpolated stem volume at `age` [m3 ha-1].
  double volume_at(double age) const;

  std::span<const double> ages() const { return ages_; }
  std::span<const double> volumes() const { return volumes_; }

 private:
  std::vector<double> ages_;
  std::vector<double> volumes_;
};

}  // namespace shinrin::growth
