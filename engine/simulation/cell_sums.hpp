#pragma once
// Block sums per cell = (species, municipality, regime group): each row adds its values to one
// cell, and when the block ends the cells are added into the three groupings. A row thus costs
// one set of additions instead of one per grouping, and the order of additions is fixed by the
// block's rows, so results stay independent of threads.

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "group_accumulator.hpp"

namespace shinrin::sim {

class CellSums {
 public:
  CellSums(std::size_t times, std::size_t width, std::size_t full_from)
      : times_(times), width_(width), full_from_(full_from), full_(times, false) {}

  //! Cell of (species, municipality, regime group), created on first use.
  int cell(std::uint16_t species, std::uint16_t municipality, std::uint16_t regime) {
    const std::uint64_t key = (std::uint64_t(species) << 32) | (std::uint64_t(municipality) << 16) | regime;
    const auto [it, inserted] = index_.try_emplace(key, static_cast<int>(keys_.size()));
    if (inserted) {
      keys_.push_back({species, municipality, regime});
      sums_.resize(keys_.size() * times_ * width_, 0.0);
    }
    return it->second;
  }
  //! The `width` sums of a cell at time t.
  double* row(int cell, std::size_t t) { return sums_.data() + (std::size_t(cell) * times_ + t) * width_; }
  //! Values from `full_from` on were written at time t (else only the first `full_from` are used).
  void mark_full(std::size_t t) { full_[t] = true; }

  bool any_non_finite() const {
    for (double v : sums_) {
      if (!std::isfinite(v)) return true;
    }
    return false;
  }

  //! Adds every cell into the groupings and clears the block.
  void distribute(GroupAccumulator& by_species, GroupAccumulator& by_municipality, GroupAccumulator& by_regime) {
    for (std::size_t c = 0; c < keys_.size(); ++c) {
      const Key& k = keys_[c];
      const int s = by_species.slot(k.species), m = by_municipality.slot(k.municipality), g = by_regime.slot(k.regime);
      for (std::size_t t = 0; t < times_; ++t) {
        const double* src = row(int(c), t);
        double* ds = by_species.row(s, t);
        double* dm = by_municipality.row(m, t);
        double* dg = by_regime.row(g, t);
        const std::size_t n = full_[t] ? width_ : full_from_;
        for (std::size_t v = 0; v < n; ++v) {
          ds[v] += src[v];
          dm[v] += src[v];
          dg[v] += src[v];
        }
      }
    }
    index_.clear();
    keys_.clear();
    sums_.clear();
    full_.assign(times_, false);
  }

 private:
  struct Key {
    std::uint16_t species, municipality, regime;
  };
  std::size_t times_, width_, full_from_;
  std::vector<bool> full_;
  std::unordered_map<std::uint64_t, int> index_;
  std::vector<Key> keys_;
  std::vector<double> sums_;
};

}  // namespace shinrin::sim
