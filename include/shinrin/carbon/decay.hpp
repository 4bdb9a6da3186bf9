#pragma once
//! Dead wood, litter and soil: first-order decay (first_order.hpp) with rates per species from
//! data/decay.csv. A share of what decays from dead wood and litter becomes soil carbon when the
//! soil pool is enabled; the rest goes to the atmosphere. Harvested wood products decay with the
//! IPCC default half-lives (hwp_decay).

#include <cstdint>
#include <span>
#include <vector>

#include "shinrin/carbon/first_order.hpp"
#include "shinrin/carbon/flux.hpp"
#include "shinrin/carbon/pools.hpp"
#include "shinrin/core/row_range.hpp"

namespace shinrin::carbon {

//! Decay constants of one species.
struct DecayRates {
  FirstOrderRate dead_wood;
  FirstOrderRate litter;
  double to_soil = 0.0;  //!< share of decayed dead wood and litter that becomes soil carbon [1]
  // Turnover of live biomass (carbon/turnover.hpp) [year-1]:
  double litterfall = 0.0;     //!< above-ground biomass to litter (foliage, fine branches)
  double ag_mortality = 0.0;   //!< above-ground biomass to dead wood (branches, trees that die)
  double root_turnover = 0.0;  //!< below-ground biomass to soil (fine roots); 0 without soil
};

struct DecayConfig {
  std::vector<DecayRates> by_species;  //!< indexed like the SpeciesTable
  FirstOrderRate soil;
  bool soil_enabled = false;
  double residue_to_litter =
      0.0;  //!< share of harvest residues (branches, foliage) that is litter [1]
};

//! Half-lives of harvested wood products in use [years]; IPCC defaults 35 / 25 / 2 (DOMAIN.md 5).
struct HwpConfig {
  FirstOrderRate sawnwood, panels, paper;
};

//! Decay of dead wood, litter and soil of `rows` this year into `fluxes` (channels of the decay
//! module). The year's inflows to dead wood, litter and soil are read from the turnover, thinning
//! and felling channels already in `fluxes` and already applied to `pools`. `input_species`
//! (indexed by block row) is the species of the stand that shed this year's inflow (the felled
//! stand where a felling replanted another species): its rates apply to the inflow, and dead wood
//! keeps its own rate per parcel (PoolTable::dead_wood_rate, updated here).
void decay_fluxes(RowRange rows, const DecayConfig& config,
                  std::span<const std::uint16_t> input_species, PoolTable& pools,
                  FluxBlock& fluxes);
//! The dead-wood rate of `rows` set to their species' rate (at initialisation) [year-1].
void init_dead_wood_rate(RowRange rows, const DecayConfig& config,
                         std::span<const std::uint16_t> species, PoolTable& pools);
//! Decay of harvested wood products in use: channels of the hwp module.
void hwp_fluxes(RowRange rows, const HwpConfig& config, const PoolTable& pools, FluxBlock& fluxes);

}  // namespace shinrin::carbon
