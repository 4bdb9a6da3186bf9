#pragma once
//! Order-independent summation for aggregates.
//!
//! Parallel code sums each fixed block of parcels in double, in parcel order, then adds the block
//! sum here as an integer count of 2^-20 units. Integer addition is associative, so a total does
//! not depend on how blocks were spread over threads or MPI ranks: results are bitwise identical
//! for any thread or rank count. Resolution 9.5e-7 (t, m3, ha).
//!
//! Overflow is impossible by construction: the count is a 128-bit integer, and every block sum
//! added is at most kMaxAdd = 10^15 in magnitude (the simulation checks each block sum before
//! adding it and stops naming the block otherwise), i.e. below 2^70 counts; 2^57 such additions
//! would be needed to leave the range of the count, where a run of 10^6 parcels for 1000 years
//! with a few thousand totals makes about 10^10. (A 64-bit count, as before, held |total| <
//! 8.8e12 only: one register record of 10^15 ha wrapped the totals round.)

#include <cmath>
#include <cstdint>

namespace shinrin {

class FixedSum {
 public:
  __extension__ typedef __int128 Units;
  static constexpr double kScale = 1048576.0;  // 2^20 per unit
  //! Largest magnitude of a block sum add() takes [same unit as the aggregate].
  static constexpr double kMaxAdd = 1e15;

  //! Whether `value` may be added: finite and |value| <= kMaxAdd.
  static bool addable(double value) { return std::abs(value) <= kMaxAdd; }
  //! Adds a block sum [same unit as the aggregate]; addable(value) must hold.
  //! Rounds to the nearest unit, ties to even. Sums below 2^42 (4.4e12) take the 64-bit
  //! conversion (one instruction where math errno is off, as in the engine); larger ones the
  //! 128-bit one (a library call). Both give the same integer.
  void add(double value) {
    const double units = value * kScale;
    if (std::abs(units) < 0x1p62) {
      units_ += static_cast<std::int64_t>(std::llrint(units));
    } else {
      units_ += static_cast<Units>(std::nearbyint(units));
    }
  }
  //! Adds another fixed sum exactly.
  void add(const FixedSum& other) { units_ += other.units_; }
  //! The total as a double.
  double value() const { return static_cast<double>(units_) / kScale; }
  Units raw() const { return units_; }

 private:
  Units units_ = 0;
};

}  // namespace shinrin
