#pragma once
//! Live-biomass carbon from stem volume (DOMAIN.md 1.1) [C]:
//!   initial:  C_ag = V x BEF(age) x D x CF,  C_bg = C_ag x R                      [t C ha-1]
//!   growth:   dC_ag = dV x BEF(age reached) x D x CF,  dC_bg = dC_ag x R           [t C ha-1]
//!   removal:  CO2 = (dC_ag + dC_bg) x 44/12                                         [t CO2 ha-1]
//! Growth reaches the pools as uptake fluxes applied by transfers.hpp.
//! The pools accumulate the methodology's growth flux, so pool change always equals the credited
//! absorption. After the stand passes age 20 the pools therefore differ from V x BEF_old x D x CF
//! recomputed from scratch; that recomputed stock is not what the methodologies credit.

#include <cstdint>
#include <span>
#include <vector>

#include "shinrin/carbon/flux.hpp"
#include "shinrin/carbon/pools.hpp"
#include "shinrin/core/row_range.hpp"
#include "shinrin/params/species_params.hpp"

namespace shinrin::carbon {

//! Per-species factors read by the kernel.
struct BiomassFactors {
  double ag_young = 0.0;  //!< BEF(<= 20) x D x CF [t C m-3]
  double ag_old = 0.0;    //!< BEF(>= 21) x D x CF [t C m-3]
  double R = 0.0;         //!< root-to-shoot ratio [1]
  double at_age(int age) const { return age <= kBefSwitchAge ? ag_young : ag_old; }
};

std::vector<BiomassFactors> biomass_factors(const SpeciesTable& species);

//! Sets the biomass pools of `rows` from stem volume [m3 ha-1] and age [years].
void init_biomass(RowRange rows, std::span<const BiomassFactors> factors,
                  std::span<const std::uint16_t> species, std::span<const std::int16_t> age,
                  std::span<const float> volume, PoolTable& pools);

//! This year's growth of `rows` as uptake fluxes (growth_ag, growth_bg) into `fluxes`. `age` is
//! the age reached this year and `dv` the stem-volume increment [m3 ha-1], indexed from
//! rows.first.
void growth_fluxes(RowRange rows, std::span<const BiomassFactors> factors,
                   std::span<const std::uint16_t> species, std::span<const std::int16_t> age,
                   std::span<const float> dv, FluxBlock& fluxes);

}  // namespace shinrin::carbon
