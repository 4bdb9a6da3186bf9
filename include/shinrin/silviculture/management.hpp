#pragma once
//! Management of a run: regimes, wood use, and an explicit event list (scenario section
//! `silviculture`). Read-only during the run.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "shinrin/silviculture/regime.hpp"
#include "shinrin/silviculture/wood_use.hpp"

namespace shinrin::silviculture {

struct Management {
  bool enabled = false;
  std::vector<Regime> regimes;
  WoodUse wood_use;
  //! Removal shares and regeneration for events on parcels without a regime.
  RemovalShares event_thinning_removals;
  RemovalShares event_felling_removals;
  Regeneration event_regeneration;
  //! Events of parcel row i are events[event_offset[i] .. event_offset[i + 1]), sorted by year.
  std::vector<std::uint32_t> event_offset;
  std::vector<Event> events;

  //! The event of landscape row `row` in `fiscal_year`, or nullptr.
  const Event* event_in(std::size_t row, int fiscal_year) const {
    if (events.empty()) return nullptr;  // no event list: no per-row lookup
    for (std::uint32_t e = event_offset[row]; e < event_offset[row + 1]; ++e) {
      if (events[e].year == fiscal_year) return &events[e];
      if (events[e].year > fiscal_year) break;
    }
    return nullptr;
  }
};

}  // namespace shinrin::silviculture
