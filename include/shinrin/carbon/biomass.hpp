#pragma once
//! Live-biomass carbon follows the stand's state (volume, age, species), as in the national
//! inventory's stock-difference method (DOMAIN.md 1.1) [C]:
//!   C_ag = V x BEF(age) x D x CF,  C_bg = C_ag x R                                [t C ha-1]
//! Each year the pools move from the stock of last year's state to the stock of this year's:
//!   growth:       dC_ag = dV x BEF(age reached) x D x CF,  dC_bg = dC_ag x R        [t C ha-1]
//!   factor step:  V_before x (BEF(age reached) - BEF(age before)) x D x CF (x R for roots), on its
//!                 own signed channel, only in the year the factor steps (BEF at 20/21); negative
//!                 when the factor falls (carbon released to the atmosphere)
//! so a stand of a given volume and age holds the same biomass whatever age the run started at.
//! What turnover moves to dead organic matter is replaced by growth the same year (turnover.hpp).
//! A credit scheme's arithmetic (growth x BEF of the age class, period-weighted factors) is the
//! crediting module's, from the simulated states; it is never read off these pools.
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

//! This year's growth of `rows` as uptake fluxes (growth_ag, growth_bg) and the factor step
//! (factor_step_ag, factor_step_bg) into `fluxes`. `age` is the age reached this year, `volume`
//! the stem volume reached [m3 ha-1] and `dv` this year's increment [m3 ha-1], indexed from
//! rows.first.
void growth_fluxes(RowRange rows, std::span<const BiomassFactors> factors,
                   std::span<const std::uint16_t> species, std::span<const std::int16_t> age,
                   std::span<const float> volume, std::span<const float> dv, FluxBlock& fluxes);

}  // namespace shinrin::carbon
