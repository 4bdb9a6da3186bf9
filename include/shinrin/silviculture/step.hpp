#pragma once
//! The silviculture phase of one year for a range of parcels, after growth.
//!
//! For each parcel, at most one operation a year, in this order of precedence:
//!   1. an event of the event list for this fiscal year (applied as given);
//!   2. its regime's final felling: stand age >= rotation age, or the fiscal year is listed;
//!   3. its regime's scheduled thinning at the stand's age;
//!   4. its regime's density trigger: Ry > above (after this year's growth), age >= min_age and
//!      at least min_interval years since the last thinning -> thin down to Ry = to.
//! Thinnings remove shares of stems and volume (thinning.hpp) and the same share of the biomass
//! pools (harvest.hpp). A final felling removes everything, then the stand regenerates: age 0,
//! volume 0, the regeneration's species, growth curve and stems.
//! Silviculture changes stand state and emits fluxes; it reads the pools but never writes them.

#include <cstdint>
#include <span>

#include "shinrin/carbon/flux.hpp"
#include "shinrin/carbon/pools.hpp"
#include "shinrin/core/row_range.hpp"
#include "shinrin/growth/growth_table.hpp"
#include "shinrin/params/species_params.hpp"
#include "shinrin/silviculture/harvest.hpp"
#include "shinrin/silviculture/management.hpp"
#include "shinrin/state/parcel_table.hpp"

namespace shinrin::silviculture {

struct StepInputs {
  const Management* management = nullptr;
  const SpeciesTable* species = nullptr;
  const growth::GrowthTable* growth = nullptr;
  double residue_to_litter = 0.0;  //!< [1]
};

//! What happened to each row of a block this year (indexed from rows.first).
struct StepRecord {
  std::span<Operation> operation;
  std::span<StreamVolumes> streams;    //!< written only where operation is not none
  std::span<std::uint16_t> species;    //!< species of the removed wood, likewise
};

//! Runs fiscal year `fiscal_year` for `rows` and records what happened in `record`.
void step(RowRange rows, int fiscal_year, const StepInputs& in, ParcelTable& parcels,
          const carbon::PoolTable& pools, carbon::FluxBlock& fluxes, const StepRecord& record);

}  // namespace shinrin::silviculture
