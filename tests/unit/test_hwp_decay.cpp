// Harvested wood products and dead organic matter: first-order decay against the closed forms of
// IPCC 2006 GL eq. 12.1 (DOMAIN.md section 5), derived here from the formula, not from the engine.
//   k = ln 2 / HL,  C(i+1) = e^-k C(i) + (1 - e^-k)/k Inflow(i)
// Single inflow I in year 1:   C(n) = I (1 - e^-k)/k e^(-k (n-1))
// Constant inflow I per year:  C(n) = I (1 - e^(-k n)) / k
#include <catch2/catch.hpp>
#include <cmath>

#include "shinrin/carbon/decay.hpp"
#include "shinrin/carbon/transfers.hpp"

using namespace shinrin;
using carbon::Flux;
using carbon::Module;
using carbon::Pool;

namespace {

// One parcel with a large above-ground pool that thinning moves into wood products.
struct OneParcel {
  carbon::PoolTable pools{1};
  carbon::HwpConfig hwp{carbon::FirstOrderRate::from_half_life(35.0),
                        carbon::FirstOrderRate::from_half_life(25.0),
                        carbon::FirstOrderRate::from_half_life(2.0)};
  OneParcel() {
    pools.pool(Pool::ag_biomass)[0] = 1e6;
    carbon::start_balance({0, 1}, pools);
  }
  // One year: inflows (sawnwood, panels, paper) by thinning, then wood-product decay.
  void year(double sawnwood, double panels, double paper) {
    carbon::FluxBlock f(1);
    if (sawnwood > 0) f.at(Flux::thinning_to_sawnwood, 0) = sawnwood;
    if (panels > 0) f.at(Flux::thinning_to_panels, 0) = panels;
    if (paper > 0) f.at(Flux::thinning_to_paper, 0) = paper;
    carbon::apply_fluxes({0, 1}, f, Module::thinning, pools);
    carbon::hwp_fluxes({0, 1}, hwp, pools, f);
    carbon::apply_fluxes({0, 1}, f, Module::hwp, pools);
    REQUIRE_FALSE(carbon::check_balance({0, 1}, pools).has_value());
  }
};

}  // namespace

TEST_CASE("HWP decay of a single inflow follows the closed form", "[carbon][hwp]") {
  OneParcel p;
  const double I = 10.0;
  const double half_lives[3] = {35.0, 25.0, 2.0};
  const Pool pools[3] = {Pool::hwp_sawnwood, Pool::hwp_panels, Pool::hwp_paper};
  for (int n = 1; n <= 100; ++n) {
    p.year(n == 1 ? I : 0.0, n == 1 ? I : 0.0, n == 1 ? I : 0.0);
    for (int c = 0; c < 3; ++c) {
      const double k = std::log(2.0) / half_lives[c];
      const double expected = I * (1.0 - std::exp(-k)) / k * std::exp(-k * (n - 1));
      INFO("category " << c << " year " << n);
      CHECK(p.pools.pool(pools[c])[0] == Approx(expected).epsilon(1e-12).margin(1e-300));
    }
  }
  // After the year of entry, a pool halves every half-life: 2^(-35/35) for sawnwood after 35 years.
  OneParcel q;
  q.year(I, 0, 0);
  const double first = q.pools.pool(Pool::hwp_sawnwood)[0];
  for (int n = 0; n < 35; ++n) q.year(0, 0, 0);
  CHECK(q.pools.pool(Pool::hwp_sawnwood)[0] / first == Approx(0.5).epsilon(1e-12));
}

TEST_CASE("HWP stocks under constant inflow follow the closed form", "[carbon][hwp]") {
  OneParcel p;
  const double I = 3.0;
  for (int n = 1; n <= 200; ++n) {
    p.year(I, I, I);
    for (auto [pool, hl] : {std::pair{Pool::hwp_sawnwood, 35.0}, std::pair{Pool::hwp_panels, 25.0},
                            std::pair{Pool::hwp_paper, 2.0}}) {
      const double k = std::log(2.0) / hl;
      INFO("half-life " << hl << " year " << n);
      CHECK(p.pools.pool(pool)[0] == Approx(I * (1.0 - std::exp(-k * n)) / k).epsilon(1e-11));
    }
  }
  // The stock tends to I / k: 3 x 35 / ln 2 = 151.48 t C for sawnwood.
  CHECK(p.pools.pool(Pool::hwp_sawnwood)[0] == Approx(3.0 * 35.0 / std::log(2.0)).epsilon(0.02));
}

TEST_CASE("dead wood and litter decay, with a share humified into soil", "[carbon][decay]") {
  carbon::PoolTable pools(1);
  pools.pool(Pool::ag_biomass)[0] = 1000.0;
  carbon::start_balance({0, 1}, pools);
  carbon::DecayConfig cfg;
  cfg.by_species = {
      {carbon::FirstOrderRate::from_rate(0.054), carbon::FirstOrderRate::from_rate(0.6), 0.2}};
  cfg.soil = carbon::FirstOrderRate::from_rate(0.02);
  cfg.soil_enabled = true;
  const std::uint16_t species[] = {0};
  carbon::init_dead_wood_rate({0, 1}, cfg, species, pools);
  // Year 1: 50 t C of stems left on site (dead wood) and 5 t C of foliage (litter).
  carbon::FluxBlock f(1);
  f.at(Flux::thinning_ag_to_dead_wood, 0) = 50.0;
  f.at(Flux::thinning_ag_to_litter, 0) = 5.0;
  carbon::apply_fluxes({0, 1}, f, Module::thinning, pools);
  carbon::decay_fluxes({0, 1}, cfg, species, pools, f);
  carbon::apply_fluxes({0, 1}, f, Module::decay, pools);
  REQUIRE_FALSE(carbon::check_balance({0, 1}, pools).has_value());
  const double kdw = 0.054, klt = 0.6, ks = 0.02;
  const double dw1 = 50.0 * (1 - std::exp(-kdw)) / kdw;  // kept of the year's inflow
  const double lt1 = 5.0 * (1 - std::exp(-klt)) / klt;
  const double humus = 0.2 * ((50.0 - dw1) + (5.0 - lt1));
  const double soil1 = humus * (1 - std::exp(-ks)) / ks;
  CHECK(pools.pool(Pool::dead_wood)[0] == Approx(dw1).epsilon(1e-12));
  CHECK(pools.pool(Pool::litter)[0] == Approx(lt1).epsilon(1e-12));
  CHECK(pools.pool(Pool::soil)[0] == Approx(soil1).epsilon(1e-12));
  // Emission: 80 % of what decayed from dead wood and litter, plus what left the soil.
  CHECK(pools.emission()[0] ==
        Approx(0.8 * ((50.0 - dw1) + (5.0 - lt1)) + (humus - soil1)).epsilon(1e-12));
  // Year 2, no inflow: plain exponential decay of the stocks.
  carbon::FluxBlock g(1);
  carbon::decay_fluxes({0, 1}, cfg, species, pools, g);
  carbon::apply_fluxes({0, 1}, g, Module::decay, pools);
  CHECK(pools.pool(Pool::dead_wood)[0] == Approx(dw1 * std::exp(-kdw)).epsilon(1e-12));
  CHECK(pools.pool(Pool::litter)[0] == Approx(lt1 * std::exp(-klt)).epsilon(1e-12));
  REQUIRE_FALSE(carbon::check_balance({0, 1}, pools).has_value());
}

TEST_CASE("the balance check catches a pool changed outside the flux channels", "[carbon]") {
  carbon::PoolTable pools(3);
  for (std::size_t i = 0; i < 3; ++i) pools.pool(Pool::ag_biomass)[i] = 100.0;
  carbon::start_balance({0, 3}, pools);
  CHECK_FALSE(carbon::check_balance({0, 3}, pools).has_value());
  pools.pool(Pool::litter)[1] += 1e-3;  // 1e-5 relative: above the 1e-6 tolerance
  const auto bad = carbon::check_balance({0, 3}, pools);
  REQUIRE(bad.has_value());
  CHECK(*bad == 1);
}
