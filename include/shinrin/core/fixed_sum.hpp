#pragma once
//! Order-independent summation for aggregates.
//!
//! Parallel code sums each fixed block of parcels in double, in parcel order, then adds the block
//! sum here as an integer count of 2^-20 units. Integer addition is associative, so a total does
//! not depend on how blocks were spread over threads or MPI ranks: results are bitwise identical
//! for any thread or rank count. Range: |total| < 8.8e12 units (t, m3, ha); resolution 9.5e-7.

#include <cmath>
#include <cstdint>

namespace shinrin {

class FixedSum {
 public:
  static constexpr double kScale = 1048576.0;  // 2^20 per unit

  //! Adds a block sum [same unit as the aggregate].
  void add(double value) { units_ += static_cast<std::int64_t>(std::llrint(value * kScale)); }
  //! Adds another fixed sum exactly.
  void add(const FixedSum& other) { units_ += other.units_; }
  //! The total as a double.
  double value() const { return static_cast<double>(units_) / kScale; }
  std::int64_t raw() const { return units_; }

 private:
  std::int64_t units_ = 0;
};

}  // namespace shinrin
