// Dead wood, litter and soil as real stocks: initial stocks from the survey table, turnover of live
// biomass that keeps an unmanaged stand near steady state, biomass that follows the stand, and
// dead wood that keeps the decay rate of the species it came from.
#include <catch2/catch.hpp>
#include <cmath>

#include "shinrin/carbon/biomass.hpp"
#include "shinrin/carbon/initial_stocks.hpp"
#include "shinrin/carbon/transfers.hpp"
#include "shinrin/carbon/turnover.hpp"
#include "shinrin/driver/run.hpp"
#include "shinrin/io/dom_initial_table.hpp"
#include "shinrin/io/stand_tables.hpp"
#include "shinrin/simulation/outputs.hpp"
#include "test_support.hpp"

using namespace shinrin;
using carbon::Flux;
using carbon::Module;
using carbon::Pool;

namespace {

std::uint16_t code(const SpeciesTable& species, const char* c) {
  return static_cast<std::uint16_t>(*species.find(c));
}

// The repository's decay and turnover table for `used` species, soil on.
carbon::DecayConfig repo_decay(const SpeciesTable& species, std::vector<std::size_t> used) {
  return io::load_decay_table(test::repo("data/decay.csv"), species, used, true).config;
}

// One year of an unmanaged stand whose biomass does not change (a flat yield table): turnover,
// then decay, each applied as the phases do.
void year_of_flat_stand(const carbon::DecayConfig& decay, std::span<const std::uint16_t> species,
                        carbon::PoolTable& pools) {
  carbon::FluxBlock f(1);
  carbon::turnover_fluxes({0, 1}, decay, species, pools, f);
  carbon::apply_fluxes({0, 1}, f, Module::turnover, pools);
  carbon::decay_fluxes({0, 1}, decay, species, pools, f);
  carbon::apply_fluxes({0, 1}, f, Module::decay, pools);
}

}  // namespace

TEST_CASE("initial dead wood, litter and soil per hectare are the survey table's values",
          "[carbon][dom]") {
  const SpeciesTable species = test::repo_species();
  const char* codes[] = {"sugi", "hinoki", "buna", "akamatsu", "kunugi"};
  std::vector<std::size_t> used;
  for (const char* c : codes) used.push_back(code(species, c));
  const io::DomInitialTable table =
      io::load_dom_initial_table(test::repo("data/dom_initial.csv"), species, used, true);
  carbon::InitialStocks init;
  init.method = carbon::InitialMethod::table;
  init.by_species_type = table.by_species_type;
  init.natural_type = {0, 1};  // forest type 0 plantation (人工林), 1 natural (天然林)
  const carbon::DecayConfig decay = repo_decay(species, used);

  // (species, forest type) -> dead wood, litter, soil [t C ha-1] from DOMAIN.md 5.1:
  //   dead wood: sugi plantation 11.6, hinoki plantation 11.4 (Inatomi et al. 2017), natural
  //     forests 6.0 (secondary broadleaf), other plantations 7.5 (the all-forest mean);
  //   litter: sugi 4.4, hinoki 3.1, Fagus 7.3 (Takahashi et al. 2010), other natural 5.4 (the
  //     midpoint of 3.5-7.3), other conifers 4.4;
  //   soil: 87.0 everywhere (brown forest soils, 0-30 cm).
  struct Expect {
    const char* species;
    std::uint8_t type;
    double dead_wood, litter, soil;
  };
  const Expect expect[] = {
      {"sugi", 0, 11.6, 4.4, 87.0},  {"hinoki", 0, 11.4, 3.1, 87.0},  {"sugi", 1, 6.0, 4.4, 87.0},
      {"buna", 1, 6.0, 7.3, 87.0},   {"akamatsu", 0, 7.5, 4.4, 87.0}, {"kunugi", 1, 6.0, 5.4, 87.0},
      {"kunugi", 0, 7.5, 4.4, 87.0},
  };
  const std::size_t n = std::size(expect);
  carbon::PoolTable pools(n);
  std::vector<std::uint16_t> sp(n);
  std::vector<std::uint8_t> type(n);
  for (std::size_t i = 0; i < n; ++i) {
    sp[i] = code(species, expect[i].species);
    type[i] = expect[i].type;
  }
  carbon::init_dead_organic_matter({0, n}, init, decay, sp, type, pools);
  for (std::size_t i = 0; i < n; ++i) {
    INFO(expect[i].species << (expect[i].type ? " natural" : " plantation"));
    CHECK(pools.pool(Pool::dead_wood)[i] == expect[i].dead_wood);
    CHECK(pools.pool(Pool::litter)[i] == expect[i].litter);
    CHECK(pools.pool(Pool::soil)[i] == expect[i].soil);
  }

  // With the soil pool off, soil starts at zero.
  carbon::DecayConfig no_soil = decay;
  no_soil.soil_enabled = false;
  carbon::init_dead_organic_matter({0, n}, init, no_soil, sp, type, pools);
  CHECK(pools.pool(Pool::soil)[0] == 0.0);
  CHECK(pools.pool(Pool::dead_wood)[0] == 11.6);
}

TEST_CASE("an unmanaged mature stand keeps dead wood, litter and soil near steady state",
          "[carbon][dom]") {
  const SpeciesTable species = test::repo_species();
  const std::uint16_t sugi[] = {code(species, "sugi")};
  const carbon::DecayConfig decay = repo_decay(species, {sugi[0]});
  // A mature sugi stand of 400 m3 ha-1: C_ag = 400 x 1.23 x 0.314 x 0.5, C_bg = C_ag x 0.25.
  const double ag = 400.0 * 1.23 * 0.314 * 0.5, bg = ag * 0.25;
  // Steady state of the inputs (data/decay.csv) and decay rates: I / k.
  const double dw_in = 0.0081 * ag, lt_in = 0.034 * ag, root_in = 0.056 * bg;
  const double dw_ss = dw_in / 0.054, lt_ss = lt_in / 0.6,
               soil_ss = (0.2 * (dw_in + lt_in) + root_in) / 0.02;
  // The calibration in data/decay.csv aims at the survey stocks of sugi plantations.
  CHECK(dw_ss == Approx(11.6).epsilon(0.01));
  CHECK(lt_ss == Approx(4.4).epsilon(0.01));
  CHECK(soil_ss == Approx(87.0).epsilon(0.01));

  SECTION("from the survey table, 200 years stay within 2 % of steady state") {
    carbon::PoolTable pools(1);
    pools.pool(Pool::ag_biomass)[0] = ag;
    pools.pool(Pool::bg_biomass)[0] = bg;
    pools.pool(Pool::dead_wood)[0] = 11.6;
    pools.pool(Pool::litter)[0] = 4.4;
    pools.pool(Pool::soil)[0] = 87.0;
    carbon::init_dead_wood_rate({0, 1}, decay, sugi, pools);
    carbon::start_balance({0, 1}, pools);
    for (int year = 1; year <= 200; ++year) {
      year_of_flat_stand(decay, sugi, pools);
      INFO("year " << year);
      REQUIRE_FALSE(carbon::check_balance({0, 1}, pools).has_value());
      REQUIRE(pools.pool(Pool::dead_wood)[0] == Approx(dw_ss).epsilon(0.02));
      REQUIRE(pools.pool(Pool::litter)[0] == Approx(lt_ss).epsilon(0.02));
      REQUIRE(pools.pool(Pool::soil)[0] == Approx(soil_ss).epsilon(0.02));
    }
    // Live biomass is unchanged: turnover was taken up again.
    CHECK(pools.pool(Pool::ag_biomass)[0] == Approx(ag).epsilon(1e-12));
    CHECK(pools.pool(Pool::bg_biomass)[0] == Approx(bg).epsilon(1e-12));
  }
  SECTION("a spin-up from zero converges to the steady state that steady_state starts at") {
    carbon::PoolTable spun(1), start(1);
    for (carbon::PoolTable* p : {&spun, &start}) {
      p->pool(Pool::ag_biomass)[0] = ag;
      p->pool(Pool::bg_biomass)[0] = bg;
      carbon::init_dead_wood_rate({0, 1}, decay, sugi, *p);
    }
    carbon::steady_state_stocks({0, 1}, decay, sugi, start);
    CHECK(start.pool(Pool::dead_wood)[0] == Approx(dw_ss).epsilon(1e-12));
    CHECK(start.pool(Pool::litter)[0] == Approx(lt_ss).epsilon(1e-12));
    CHECK(start.pool(Pool::soil)[0] == Approx(soil_ss).epsilon(1e-12));
    double last_soil = 0.0;
    for (int year = 1; year <= 1000; ++year) {
      year_of_flat_stand(decay, sugi, spun);
      CHECK(spun.pool(Pool::soil)[0] >= last_soil);  // approaches from below, monotonically
      last_soil = spun.pool(Pool::soil)[0];
    }
    // Soil's half-life is 35 years: after 1,000 years the gap is below 1e-8 of the stock.
    CHECK(spun.pool(Pool::dead_wood)[0] == Approx(dw_ss).epsilon(1e-8));
    CHECK(spun.pool(Pool::litter)[0] == Approx(lt_ss).epsilon(1e-8));
    CHECK(spun.pool(Pool::soil)[0] == Approx(soil_ss).epsilon(1e-8));
    // Started at steady state, a year changes nothing.
    year_of_flat_stand(decay, sugi, start);
    CHECK(start.pool(Pool::soil)[0] == Approx(soil_ss).epsilon(1e-12));
    CHECK(start.pool(Pool::dead_wood)[0] == Approx(dw_ss).epsilon(1e-12));
  }
}

TEST_CASE("biomass at a given volume and age does not depend on the age the run started at",
          "[carbon][dom]") {
  const SpeciesTable species = test::repo_species();
  const auto factors = carbon::biomass_factors(species);
  const std::uint16_t sp[] = {code(species, "sugi"), code(species, "sugi")};
  // Two sugi stands on the same line V(a) = 10 a m3 ha-1, one started at 15, one at 21; both
  // grow to 40.
  std::int16_t age[] = {15, 21};
  float volume[] = {150.0f, 210.0f};
  carbon::PoolTable pools(2);
  carbon::init_biomass({0, 2}, factors, sp, age, volume, pools);
  carbon::start_balance({0, 2}, pools);
  double step = 0.0;
  while (age[0] < 40 || age[1] < 40) {
    float dv[] = {0.0f, 0.0f};  // a stand at 40 waits for the other (no growth, no step)
    for (std::size_t i = 0; i < 2; ++i) {
      if (age[i] < 40) {
        age[i] = static_cast<std::int16_t>(age[i] + 1);
        volume[i] += 10.0f;
        dv[i] = 10.0f;
      }
    }
    carbon::FluxBlock f(2);
    carbon::growth_fluxes({0, 2}, factors, sp, age, volume, dv, f);
    step += f.get(Flux::factor_step_ag, 0) + f.get(Flux::factor_step_bg, 0);
    carbon::apply_fluxes({0, 2}, f, Module::growth, pools);
    REQUIRE_FALSE(carbon::check_balance({0, 2}, pools).has_value());
  }
  // At 40: 400 m3 x BEF_old 1.23 x D 0.314 x CF 0.5 above ground, x R 0.25 below.
  const double ag = 400.0 * 1.23 * 0.314 * 0.5;
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(pools.pool(Pool::ag_biomass)[i] == Approx(ag).epsilon(1e-12));
    CHECK(pools.pool(Pool::bg_biomass)[i] == Approx(ag * 0.25).epsilon(1e-12));
  }
  // The stand started at 15 passed the BEF age: 200 m3 x (1.23 - 1.57) x 0.314 x 0.5 x 1.25 on
  // the factor-step channels in the year it reached 21.
  CHECK(step == Approx(200.0 * (1.23 - 1.57) * 0.314 * 0.5 * 1.25).epsilon(1e-12));
}

TEST_CASE("dead wood of a felled sugi stand replanted with hinoki decays at the sugi rate",
          "[carbon][dom]") {
  const SpeciesTable species = test::repo_species();
  const std::uint16_t sugi = code(species, "sugi"), hinoki = code(species, "hinoki");
  const carbon::DecayConfig decay = repo_decay(species, {sugi, hinoki});
  carbon::PoolTable pools(1);
  const std::uint16_t before[] = {sugi};
  carbon::init_dead_wood_rate({0, 1}, decay, before, pools);
  pools.pool(Pool::ag_biomass)[0] = 40.0;
  carbon::start_balance({0, 1}, pools);
  // The felling year: 40 t C of the sugi stand left on site; its inflow decays at the sugi rate.
  carbon::FluxBlock f(1);
  f.at(Flux::felling_ag_to_dead_wood, 0) = 40.0;
  carbon::apply_fluxes({0, 1}, f, Module::felling, pools);
  carbon::decay_fluxes({0, 1}, decay, before, pools, f);
  carbon::apply_fluxes({0, 1}, f, Module::decay, pools);
  const double k_sugi = 0.054, k_hinoki = 0.086;  // data/decay.csv (Inagaki et al. 2009)
  const double dw1 = 40.0 * (1.0 - std::exp(-k_sugi)) / k_sugi;
  CHECK(pools.pool(Pool::dead_wood)[0] == Approx(dw1).epsilon(1e-12));
  // Replanted with hinoki (no biomass yet, so no new inputs): ten more years at the sugi rate.
  const std::uint16_t after[] = {hinoki};
  for (int year = 0; year < 10; ++year) {
    carbon::FluxBlock g(1);
    carbon::decay_fluxes({0, 1}, decay, after, pools, g);
    carbon::apply_fluxes({0, 1}, g, Module::decay, pools);
  }
  // float k: the parcel's rate is kept in single precision.
  CHECK(pools.pool(Pool::dead_wood)[0] == Approx(dw1 * std::exp(-10.0 * k_sugi)).epsilon(1e-6));
  CHECK(pools.pool(Pool::dead_wood)[0] != Approx(dw1 * std::exp(-10.0 * k_hinoki)).epsilon(1e-3));
  CHECK_FALSE(carbon::check_balance({0, 1}, pools).has_value());
}

TEST_CASE("a register-only run holds dead organic matter instead of decaying it to zero",
          "[carbon][dom][e2e][fukuoka]") {
  const std::string dir = test::scratch_dir("dom-register");
  io::ScenarioOverrides ov;
  ov.output = dir + "/register.h5";
  driver::Loaded setup =
      driver::load(io::load_scenario(test::repo("scenarios/fukuoka-register.yaml"), ov));
  const driver::RunOutcome r = driver::run_to_file(setup, "test");
  const sim::GroupSeries& total = r.result.aggregates.total;
  double area = 0.0;
  for (double a : setup.inputs.parcels.area_ha) area += a;
  using sim::AggVar;
  auto per_ha = [&](AggVar v, std::size_t t) { return total.at(0, t, v) / area; };
  // Every parcel starts with the table's 87 t C ha-1 of soil.
  CHECK(per_ha(AggVar::carbon_soil, 0) == Approx(87.0).epsilon(1e-6));
  const std::size_t last = total.times() - 1;
  // Unmanaged for 30 years: the stocks stay in the range of Japanese surveys (DOMAIN.md 5.1:
  // dead wood 7.5 +- 9.7, litter 3-7, soil 70-130 t C ha-1), far from zero.
  for (std::size_t t = 0; t <= last; t += 5) {
    INFO("time index " << t);
    CHECK(per_ha(AggVar::carbon_dead_wood, t) > 5.0);
    CHECK(per_ha(AggVar::carbon_dead_wood, t) < 20.0);
    CHECK(per_ha(AggVar::carbon_litter, t) > 3.0);
    CHECK(per_ha(AggVar::carbon_litter, t) < 7.5);
    CHECK(per_ha(AggVar::carbon_soil, t) > 80.0);
    CHECK(per_ha(AggVar::carbon_soil, t) < 100.0);
  }
  // The factor step is on its own channel and in its own variable, and they agree [t C].
  double step_channels = 0.0, step_var = 0.0;
  for (std::size_t t = 1; t <= last; ++t) {
    step_channels += r.result.aggregates.flux.at(0, t, std::size_t(Flux::factor_step_ag)) +
                     r.result.aggregates.flux.at(0, t, std::size_t(Flux::factor_step_bg));
    step_var += total.at(0, t, AggVar::co2_factor_step) * 12.0 / 44.0;
  }
  CHECK(step_channels < 0.0);  // young sugi and hinoki pass 20 years: the factor falls
  CHECK(step_var == Approx(step_channels).epsilon(1e-6));
}
