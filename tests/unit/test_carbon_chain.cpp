// The stock-change chain against DOMAIN.md section 8, worked examples TC1 and TC2.
#include <catch2/catch.hpp>

#include "shinrin/carbon/biomass.hpp"
#include "shinrin/carbon/conversion.hpp"
#include "shinrin/carbon/transfers.hpp"
#include "shinrin/core/units.hpp"
#include "test_support.hpp"

using namespace shinrin;

TEST_CASE("TC1: sugi young stand, 25 m3/ha at age 10, gives 7.7028 t C and 28.2436 t CO2",
          "[carbon]") {
  const SpeciesTable species = test::repo_species();
  const SpeciesParams& sugi = species[*species.find("sugi")];
  // 25 x 0.314 = 7.85; x 1.57 = 12.3245; x 1.25 = 15.405625; x 0.5 = 7.7028125 t C.
  const double carbon = 25.0 * carbon::ag_carbon_per_m3(sugi, 10) * (1.0 + sugi.R);
  CHECK(carbon == Approx(7.7028125).epsilon(1e-12));
  // x 44/12 = 28.24364583 t CO2.
  CHECK(25.0 * carbon::co2_per_m3(sugi, 10) == Approx(28.2436458333).epsilon(1e-10));

  // The same through the biomass pools of one parcel of 1 ha.
  carbon::PoolTable pools(1);
  const auto factors = carbon::biomass_factors(species);
  const std::uint16_t sp[] = {static_cast<std::uint16_t>(*species.find("sugi"))};
  const std::int16_t age[] = {10};
  const float volume[] = {25.0f};
  carbon::init_biomass({0, 1}, factors, sp, age, volume, pools);
  CHECK(pools.pool(carbon::Pool::ag_biomass)[0] + pools.pool(carbon::Pool::bg_biomass)[0] ==
        Approx(7.7028125).epsilon(1e-12));
  CHECK(pools.pool(carbon::Pool::bg_biomass)[0] == Approx(7.7028125 * 0.25 / 1.25).epsilon(1e-12));
}

TEST_CASE("TC2: conversion factors switch BEF between age 20 and 21", "[carbon]") {
  const SpeciesTable species = test::repo_species();
  const SpeciesParams& sugi = species[*species.find("sugi")];
  const SpeciesParams& hinoki = species[*species.find("hinoki")];
  // 1.57 x 1.25 x 0.314 x 0.5 x 44/12 = 1.129746; 1.23 x ... = 0.885088.
  CHECK(carbon::co2_per_m3(sugi, 20) == Approx(1.129746).margin(5e-7));
  CHECK(carbon::co2_per_m3(sugi, 21) == Approx(0.885088).margin(5e-7));
  // 1.24 x 1.26 x 0.407 x 0.5 x 44/12 = 1.165811.
  CHECK(carbon::co2_per_m3(hinoki, 25) == Approx(1.165811).margin(5e-7));
}

TEST_CASE("TC2: period-weighted BEF from age 18 to 23 is 1.366", "[carbon]") {
  const SpeciesTable species = test::repo_species();
  const SpeciesParams& sugi = species[*species.find("sugi")];
  // Two years at 1.57 (reaching 19, 20), three at 1.23 (reaching 21, 22, 23): 6.83 / 5 = 1.366.
  CHECK(carbon::period_weighted_bef(sugi, 18, 23) == Approx(1.366).epsilon(1e-12));

  // Growing 1 m3/ha/year from 18 to 23: the growth channels carry the same weighted factor,
  // CO2 = 5 m3 x 1.366 x 1.25 x 0.314 x 0.5 x 44/12; the pools follow the stand and end at
  // 5 m3 x BEF_old: the factor step (2 m3 x (1.23 - 1.57) in the year reaching 21) is on its own
  // channel.
  carbon::PoolTable pools(1);
  const auto factors = carbon::biomass_factors(species);
  const std::uint16_t sp[] = {static_cast<std::uint16_t>(*species.find("sugi"))};
  std::int16_t age[] = {18};
  float volume[] = {0.0f};
  carbon::init_biomass({0, 1}, factors, sp, age, volume, pools);
  carbon::start_balance({0, 1}, pools);
  double co2_total = 0.0, step_total = 0.0;
  for (int year = 0; year < 5; ++year) {
    age[0] = static_cast<std::int16_t>(age[0] + 1);
    volume[0] += 1.0f;
    const float dv[] = {1.0f};
    carbon::FluxBlock fluxes(1);
    carbon::growth_fluxes({0, 1}, factors, sp, age, volume, dv, fluxes);
    co2_total += (fluxes.get(carbon::Flux::growth_ag, 0) + fluxes.get(carbon::Flux::growth_bg, 0)) *
                 44.0 / 12.0;
    const double step =
        fluxes.get(carbon::Flux::factor_step_ag, 0) + fluxes.get(carbon::Flux::factor_step_bg, 0);
    if (age[0] != 21) CHECK(step == 0.0);
    step_total += step;
    carbon::apply_fluxes({0, 1}, fluxes, carbon::Module::growth, pools);
    CHECK_FALSE(carbon::check_balance({0, 1}, pools).has_value());
  }
  CHECK(step_total == Approx(2.0 * (1.23 - 1.57) * 1.25 * 0.314 * 0.5).epsilon(1e-12));
  CHECK(pools.total(0) - pools.initial()[0] ==
        Approx(co2_total * 12.0 / 44.0 + step_total).epsilon(1e-12));
  CHECK(pools.total(0) == Approx(5.0 * 1.23 * 1.25 * 0.314 * 0.5).epsilon(1e-12));
  CHECK(co2_total == Approx(5.0 * 1.366 * 1.25 * 0.314 * 0.5 * 44.0 / 12.0).epsilon(1e-12));
}
