#pragma once
//! Binds an explicit event list (a planner's plan; rows read by io/event_list.hpp) to the rows of
//! the landscape by register key:
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
#include "shinrin/setup/raw.hpp"
#include "shinrin/silviculture/regime.hpp"
#include "shinrin/state/handling.hpp"
#include "shinrin/state/landscape.hpp"

namespace shinrin::setup {

//! What the scenario provides for events; every event is checked against it.
struct EventRules {
  int first_year = 0;  //!< first simulated fiscal year
  int last_year = 0;   //!< last simulated fiscal year
  //! Density diagram per species (empty: none loaded); thinnings from below need one for the
  //! parcel's species (its regeneration species after a final-felling event).
  std::span<const std::optional<growth::DensityDiagram>> diagrams;
  //! Landscape::regime indexes into these (kNoRegime: none).
  std::span<const silviculture::Regime> regimes;
  bool removals = false;      //!< silviculture.events.removals is given
  bool regeneration = false;  //!< silviculture.events.regeneration is given
};

//! Events bound to landscape rows, in the CSR layout of silviculture::Management.
struct EventList {
  std::vector<std::uint32_t> offset;        //!< size parcels.size() + 1
  std::vector<silviculture::Event> events;  //!< row i: [offset[i], offset[i + 1]), by year
};

//! Binds `rows` to `parcels` (in their final order). `other_keys` are the keys of records that
//! are not simulated, with their handling class. Throws one InputError listing every problem
//! (up to 20, then how many more): unknown parcel key, a record that is not simulated, a year that
//! is not an integer or not simulated, an unknown operation, a bad intensity, the same parcel and
//! year twice, and events the scenario cannot carry out (no removal shares or regeneration for a
//! parcel without a regime, a thinning from below without a density diagram).
EventList bind_events(const RawEventList& rows, const Landscape& parcels,
                      const std::unordered_map<std::string, Handling>& other_keys,
                      const EventRules& rules);

}  // namespace shinrin::setup
