#pragma once
//! The boilers of a run and which of them each parcel supplies (its home boiler).
//!
//! Catchments: a boiler draws on the parcels of a municipality, the parcels whose centroid lies
//! within a radius of the boiler (distance in the fuel section's projected CRS), or a list of
//! register keys. Several boilers compete for a parcel by a fixed rule: the parcel's wood goes to
//! the nearest boiler whose catchment contains it (where the parcel and every such boiler have
//! locations), else to the first such boiler in scenario order; ties of distance go to the
//! earlier boiler. So each parcel has at most one home boiler, and results do not depend on the
//! order of records or on threads.

#include <cstdint>
#include <limits>
#include <vector>

#include "shinrin/fuel/boiler.hpp"

namespace shinrin::fuel {

inline constexpr std::uint16_t kNoBoiler = std::numeric_limits<std::uint16_t>::max();

struct FuelModel {
  std::vector<Boiler> boilers;
  std::vector<std::uint16_t> home;  //!< per landscape row: index into boilers, kNoBoiler = none
  bool enabled() const { return !boilers.empty(); }
};

}  // namespace shinrin::fuel
