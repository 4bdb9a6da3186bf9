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
#include "shinrin/state/landscape.hpp"

namespace shinrin::fuel {

inline constexpr std::uint16_t kNoBoiler = std::numeric_limits<std::uint16_t>::max();

//! The parcels a boiler may draw on.
struct Catchment {
  enum class Kind : std::uint8_t { municipality, radius, parcels };
  Kind kind = Kind::municipality;
  std::uint16_t municipality = 0;   //!< Kind::municipality: index into municipality_names
  double radius = 0.0;              //!< Kind::radius: around the boiler [m]
  std::vector<std::uint32_t> rows;  //!< Kind::parcels: landscape rows, ascending

  //! Whether landscape row `row` lies in the catchment of boiler `b`; a radius compares squared
  //! distances (dx^2 + dy^2 <= r^2, [m2]).
  bool contains(const Landscape& p, const Boiler& b, std::size_t row) const;
};

struct FuelModel {
  std::vector<Boiler> boilers;
  std::vector<std::uint16_t> home;  //!< per landscape row: index into boilers, kNoBoiler = none
  //! per landscape row: centroid distance to the home boiler [m]; NaN without a home boiler or
  //! where the parcel or its home boiler has no location.
  std::vector<float> home_distance;
  bool enabled() const { return !boilers.empty(); }
};

//! Sets m.home and m.home_distance of every row of `p` by the rule above; catchments[k] is that
//! of m.boilers[k]. O(rows x boilers), no per-boiler row vectors.
void assign_homes(FuelModel& m, const std::vector<Catchment>& catchments, const Landscape& p);

}  // namespace shinrin::fuel
