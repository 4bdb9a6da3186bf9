#pragma once
//! A yield table (収穫表) curve: stem volume [m3 ha-1] at tabulated stand ages [years], usually the
//! end of each 5-year age class (齢級 i ends at age 5 i).
//!
//! Between tabulated ages the volume is interpolated linearly, so the annual growth inside a class
//! is (V_{i+1} - V_i) / 5 as in the Forestry Agency "見える化" method (DOMAIN.md 1.1) [C]. Before
//! the first tabulated age the curve runs linearly from (0, 0). After the last tabulated age the
//! curve continues by the rule of table_extension.hpp: the Richards curve fitted to the table,
//! joined at the last age, V(a) = V_L + R(a) - R(L) (flat where no curve can be fitted).

#include <span>
#include <vector>

#include "shinrin/growth/table_extension.hpp"

namespace shinrin::growth {

class YieldTable {
 public:
  //! `ages` strictly increasing and > 0 [years]; `volumes` same length, >= 0 [m3 ha-1].
  //! Throws shinrin::Error if that does not hold. Fits the extension past the last age.
  YieldTable(std::vector<double> ages, std::vector<double> volumes);

  //! Stem volume at `age` [m3 ha-1]: interpolated within the table, extended past its last age.
  double volume_at(double age) const;
  //! How the curve continues past the last tabulated age.
  const TableExtension& extension() const { return extension_; }

  std::span<const double> ages() const { return ages_; }
  std::span<const double> volumes() const { return volumes_; }

 private:
  std::vector<double> ages_;
  std::vector<double> volumes_;
  TableExtension extension_;
};

}  // namespace shinrin::growth
