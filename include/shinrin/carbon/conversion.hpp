#pragma once
//! The stock-change factor chain (DOMAIN.md 1.1) [C]:
//!   carbon in above-ground biomass [t C ha-1] = V x BEF(age) x D x CF
//!   carbon in below-ground biomass [t C ha-1] = above-ground x R
//!   CO2 per m3 of stem volume [t CO2 m-3]     = BEF(age) x (1 + R) x D x CF x 44/12
//! BEF(age) is the young-stand factor for ages <= 20 and the old-stand factor from age 21.
//! For growth over a period the BEF of each year is the one of the age the stand reaches in that
//! year, which is what DOMAIN.md TC2's period-weighted BEF is (18 -> 23: two years at 1.57, three
//! at 1.23).

#include "shinrin/params/species_params.hpp"

namespace shinrin::carbon {

//! BEF for a stand of `age` years [1].
inline double bef_at_age(const SpeciesParams& sp, int age) {
  return age <= kBefSwitchAge ? sp.bef_young : sp.bef_old;
}

//! Above-ground biomass carbon per m3 of stem volume at `age` [t C m-3] = BEF x D x CF.
inline double ag_carbon_per_m3(const SpeciesParams& sp, int age) {
  return bef_at_age(sp, age) * sp.D * sp.CF;
}

//! Total (above + below ground) CO2 per m3 of stem volume at `age` [t CO2 m-3].
double co2_per_m3(const SpeciesParams& sp, int age);

//! Mean BEF over the years a stand grows from `age_from` to `age_to` (> age_from), each year
//! weighted once with the BEF of the age reached in that year [1].
double period_weighted_bef(const SpeciesParams& sp, int age_from, int age_to);

}  // namespace shinrin::carbon
