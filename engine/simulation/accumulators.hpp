#pragma once
// Aggregates of a run (internal to the simulation module).
//
// A block of parcels adds each row's values to its cell (species, municipality, regime group:
// Inputs::cells) in row order, in double. When the block's pass of the year ends, every touched
// cell is added into the thread's totals per species, municipality and regime as fixed-point
// integers (core/fixed_sum.hpp). Integer addition is associative, so the totals, merged over
// threads at the end, do not depend on which thread ran which block.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "shinrin/core/fixed_sum.hpp"
#include "shinrin/simulation/inputs.hpp"

namespace shinrin::sim {

//! Fixed-point totals per group, time index and variable.
class GroupTotals {
 public:
  GroupTotals(std::size_t groups, std::size_t times, std::size_t width)
      : times_(times), width_(width), sums_(groups * times * width) {}
  //! Adds the first `n` of `values` to group g at time t.
  void add(std::size_t g, std::size_t t, const double* values, std::size_t n) {
    FixedSum* dst = &sums_[(g * times_ + t) * width_];
    for (std::size_t v = 0; v < n; ++v) dst[v].add(values[v]);
  }
  //! Adds `other` exactly.
  void merge(const GroupTotals& other) {
    for (std::size_t k = 0; k < sums_.size(); ++k) sums_[k].add(other.sums_[k]);
  }
  //! One group holding the exact sum over all groups.
  GroupTotals summed() const {
    GroupTotals out(1, times_, width_);
    const std::size_t stride = times_ * width_;
    for (std::size_t k = 0; k < sums_.size(); ++k) out.sums_[k % stride].add(sums_[k]);
    return out;
  }
  double value(std::size_t g, std::size_t t, std::size_t v) const {
    return sums_[(g * times_ + t) * width_ + v].value();
  }
  std::size_t width() const { return width_; }
  //! Every sum, e.g. to add them over MPI ranks (parallel/ranks.hpp).
  std::span<FixedSum> sums() { return sums_; }

 private:
  std::size_t times_, width_;
  std::vector<FixedSum> sums_;
};

//! Sums of one block's pass per cell, then distributed to the three groupings.
//!
//! Each touched cell's row is an allocation of its own, kept (and zeroed) for the next pass, so a
//! pointer row() returns stays valid until flush() however many other cells are touched after it:
//! a parcel adds to its own cell and to the cell of the stand it felled or cut. (The rows were once
//! one growing vector, and a second cell of a parcel could move the first one's row away under
//! the pointer: the emission of a felling that replanted another species was lost from the totals.)
class CellSums {
 public:
  CellSums(std::size_t cells, std::size_t width, std::size_t regular)
      : width_(width), regular_(regular), slot_of_(cells, -1) {}

  //! The `width` sums of cell c in this pass (zero when first touched); valid until flush().
  double* row(std::uint32_t c) {
    int& s = slot_of_[c];
    if (s < 0) {
      s = static_cast<int>(touched_.size());
      touched_.push_back(c);
      if (rows_.size() < touched_.size()) rows_.push_back(std::make_unique<double[]>(width_));
    }
    return rows_[std::size_t(s)].get();
  }
  //! Variables from `regular` on were written in this pass (else only the first `regular`).
  void mark_full() { full_ = true; }

  bool any_non_finite() const {
    return any_of([](double v) { return !std::isfinite(v); });
  }
  //! Whether a sum cannot be added to the fixed-point totals (not finite, or beyond
  //! FixedSum::kMaxAdd).
  bool any_not_addable() const {
    return any_of([](double v) { return !FixedSum::addable(v); });
  }

  //! Adds the touched cells into the groupings at time t and clears the pass.
  void flush(const std::vector<Cell>& cells, std::size_t t, GroupTotals& by_species,
             GroupTotals& by_municipality, GroupTotals& by_regime) {
    const std::size_t n = full_ ? width_ : regular_;
    for (std::size_t s = 0; s < touched_.size(); ++s) {
      const Cell& c = cells[touched_[s]];
      double* v = rows_[s].get();
      by_species.add(c.species, t, v, n);
      by_municipality.add(c.municipality, t, v, n);
      by_regime.add(c.regime, t, v, n);
      std::fill_n(v, width_, 0.0);
      slot_of_[touched_[s]] = -1;
    }
    touched_.clear();
    full_ = false;
  }

 private:
  template <class Pred>
  bool any_of(Pred pred) const {
    for (std::size_t s = 0; s < touched_.size(); ++s) {
      const double* v = rows_[s].get();
      for (std::size_t k = 0; k < width_; ++k) {
        if (pred(v[k])) return true;
      }
    }
    return false;
  }

  std::size_t width_, regular_;
  std::vector<int> slot_of_;
  std::vector<std::uint32_t> touched_;
  std::vector<std::unique_ptr<double[]>> rows_;  // rows_[s]: the sums of touched_[s]
  bool full_ = false;
};

}  // namespace shinrin::sim
