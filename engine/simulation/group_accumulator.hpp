#pragma once
// Sums of one block per group (species, municipality, regime, ...), added to a thread's
// fixed-point totals when the block ends. Groups met in the block get a slot; only those slots
// are zeroed and flushed, so a block costs the same whether there are 10 or 2000 groups.

#include <cstddef>
#include <vector>

#include "shinrin/core/fixed_sum.hpp"

namespace shinrin::sim {

class GroupAccumulator {
 public:
  GroupAccumulator(std::size_t groups, std::size_t times, std::size_t width)
      : times_(times), width_(width), slot_of_(groups, -1), totals_(groups * times * width) {}

  //! Slot of group g in the current block.
  int slot(std::size_t g) {
    if (slot_of_[g] < 0) {
      slot_of_[g] = static_cast<int>(touched_.size());
      touched_.push_back(g);
      partial_.resize(touched_.size() * times_ * width_, 0.0);
    }
    return slot_of_[g];
  }
  //! The `width` sums of a slot at time t.
  double* row(int slot, std::size_t t) {
    return partial_.data() + (std::size_t(slot) * times_ + t) * width_;
  }
  //! Adds the block sums to this thread's totals and clears the block.
  void flush() {
    const std::size_t n = times_ * width_;
    for (std::size_t s = 0; s < touched_.size(); ++s) {
      const std::size_t g = touched_[s];
      for (std::size_t k = 0; k < n; ++k) totals_[g * n + k].add(partial_[s * n + k]);
      slot_of_[g] = -1;
    }
    touched_.clear();
    partial_.clear();
  }
  const std::vector<FixedSum>& totals() const { return totals_; }
  std::size_t width() const { return width_; }

 private:
  std::size_t times_, width_;
  std::vector<int> slot_of_;
  std::vector<std::size_t> touched_;
  std::vector<double> partial_;
  std::vector<FixedSum> totals_;
};

}  // namespace shinrin::sim
