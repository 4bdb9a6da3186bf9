#pragma once
//! An explicit event list (a planner's plan, scenario key silviculture.events.path): CSV
//!
//!   parcel,year,operation,intensity
//!   12-3,2027,thinning_from_below,0.3
//!   12-3,2040,final_felling,
//!
//! parcel   register key (parcels.fields.id); an event applies to every simulated record with that
//!          key (both storeys of a two-storey stand)
//! year     fiscal year, one of the simulated years
//! operation
//!          thinning_from_below    下層間伐: smallest trees first (needs a density diagram)
//!          row_thinning           列状間伐: trees of every size, volume share = stems share
//!          thinning_left_on_site  切り捨て間伐: from below, every felled stem stays on site
//!          final_felling          主伐: every stem; regeneration follows
//! intensity
//!          thinnings: share of stems removed, in (0, 1); final_felling: empty or 1
//!
//! Every problem names the file and line; all are collected into one InputError.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "shinrin/growth/density_diagram.hpp"
#include "shinrin/silviculture/regime.hpp"
#include "shinrin/state/handling.hpp"
#include "shinrin/state/parcel_table.hpp"

namespace shinrin::io {

//! What the scenario provides for events; every event is checked against it.
struct EventRules {
  int first_year = 0;  //!< first simulated fiscal year
  int last_year = 0;   //!< last simulated fiscal year
  //! Density diagram per species (empty: none loaded); thinnings from below need one for the
  //! parcel's species (its regeneration species after a final-felling event).
  std::span<const std::optional<growth::DensityDiagram>> diagrams;
  //! ParcelTable::regime indexes into these (silviculture::kNoRegime: none).
  std::span<const silviculture::Regime> regimes;
  bool removals = false;      //!< silviculture.events.removals is given
  bool regeneration = false;  //!< silviculture.events.regeneration is given
};

//! Events bound to parcel rows, in the CSR layout of silviculture::Management.
struct EventList {
  std::vector<std::uint32_t> offset;        //!< size parcels.size() + 1
  std::vector<silviculture::Event> events;  //!< row i: [offset[i], offset[i + 1]), by year
};

//! Reads `path` and binds it to the rows of `parcels` (in their final order) by register key.
//! `other_keys` are the keys of records that are not simulated, with their handling class.
//! Throws one InputError listing every problem (up to 20, then how many more): unknown parcel
//! key, a record that is not simulated, a year that is not an integer or not simulated, an
//! unknown operation, a bad intensity, the same parcel and year twice, and events the scenario
//! cannot carry out (no removal shares or regeneration for a parcel without a regime, a thinning
//! from below without a density diagram).
EventList read_event_list(const std::string& path, const ParcelTable& parcels,
                          const std::unordered_map<std::string, Handling>& other_keys,
                          const EventRules& rules);

}  // namespace shinrin::io
