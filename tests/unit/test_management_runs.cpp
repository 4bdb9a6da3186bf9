// Whole runs under management: the demo (regimes + event list) and Fukuoka registers under a
// thinning + felling regime. The kernel checks every parcel's carbon balance after every module
// and year (a failure throws); here the totals are checked again from the outputs:
//   sum of pools(t) - sum of pools(t-1) = (CO2 removal(t) - CO2 emission(t)) x 12/44
//   CO2 emission(t) = 44/12 x the flux channels to the atmosphere
#include <catch2/catch.hpp>
#include <cmath>

#include "shinrin/driver/load.hpp"
#include "shinrin/driver/run.hpp"
#include "shinrin/io/scenario.hpp"
#include "test_support.hpp"

using namespace shinrin;
using sim::AggVar;

namespace {

double pools_total(const sim::GroupSeries& g, std::size_t t) {
  double s = 0.0;
  for (std::size_t k = 0; k < carbon::kPoolCount; ++k)
    s += g.at(0, t, static_cast<std::size_t>(AggVar::carbon_ag) + k);
  return s;
}

void check_totals_conserve_carbon(const sim::Aggregates& a) {
  const std::size_t times = a.total.times();
  double throughput = pools_total(a.total, 0);
  for (std::size_t t = 1; t < times; ++t) {
    INFO("time index " << t);
    const double removal = a.total.at(0, t, AggVar::co2_removal) * 12.0 / 44.0;
    const double emission = a.total.at(0, t, AggVar::co2_emission) * 12.0 / 44.0;
    // Live biomass follows the stand: where the expansion factor steps, its signed change.
    const double step = a.total.at(0, t, AggVar::co2_factor_step) * 12.0 / 44.0;
    throughput += removal + emission + std::abs(step);
    CHECK(std::abs((pools_total(a.total, t) - pools_total(a.total, t - 1)) -
                   (removal - emission + step)) <= 1e-6 * throughput);
    double to_atmosphere = 0.0;
    for (std::size_t c = 0; c < carbon::kFluxCount; ++c) {
      if (carbon::flux_info(carbon::Flux(c)).target == carbon::kAtmosphere)
        to_atmosphere += a.flux.at(0, t, c);
    }
    // Totals are exact to 2^-20 t per block (fixed-point reduction), hence the absolute margin.
    CHECK(to_atmosphere == Approx(emission).epsilon(1e-9).margin(1e-4));
    // Groupings add up to the totals.
    double by_regime = 0.0;
    for (std::size_t g = 0; g < a.by_regime.groups(); ++g)
      by_regime += a.by_regime.at(g, t, AggVar::co2_emission);
    CHECK(by_regime == Approx(a.total.at(0, t, AggVar::co2_emission)).epsilon(1e-9).margin(1e-6));
  }
}

}  // namespace

TEST_CASE("the demo under regimes and an event list conserves carbon every year",
          "[management][e2e]") {
  const std::string dir = test::scratch_dir("managed-demo");
  io::ScenarioOverrides ov;
  ov.output = dir + "/demo.h5";
  driver::Loaded setup =
      driver::load(io::load_scenario(test::repo("scenarios/hinohara-demo.yaml"), ov));
  const driver::RunOutcome r = driver::run_to_file(setup, "test");
  check_totals_conserve_carbon(r.result.aggregates);
  const std::size_t last = r.result.aggregates.total.times() - 1;
  double thinned = 0.0, felled = 0.0, hwp = 0.0;
  for (std::size_t t = 1; t <= last; ++t) {
    thinned += r.result.aggregates.total.at(0, t, AggVar::thinned_area);
    felled += r.result.aggregates.total.at(0, t, AggVar::felled_area);
  }
  for (auto v : {AggVar::carbon_hwp_sawnwood, AggVar::carbon_hwp_panels, AggVar::carbon_hwp_paper})
    hwp += r.result.aggregates.total.at(0, last, v);
  CHECK(thinned > 0.0);
  CHECK(felled > 0.0);
  CHECK(hwp > 0.0);
  CHECK(r.result.aggregates.total.at(0, last, AggVar::carbon_dead_wood) > 0.0);
  std::string out;
  const std::string cmd = "/usr/bin/python3 " + test::repo("tests/python/check_demo_events.py") +
                          " " + dir + "/demo.h5 2>&1";
  CHECK(std::system(cmd.c_str()) == 0);
  CHECK(std::system(("/usr/bin/python3 " + test::repo("tests/python/check_xarray.py") + " " + dir +
                     "/demo.h5")
                        .c_str()) == 0);
}

TEST_CASE("Fukuoka registers under a thinning and felling regime conserve carbon every year",
          "[management][fukuoka]") {
  const std::string dir = test::scratch_dir("managed-fukuoka");
  for (const char* name : {"hisayama", "kurate", "tagawa"}) {
    INFO(name);
    io::ScenarioOverrides ov;
    ov.parcels = test::shared(std::string("data/fukuoka-forest-register/") + name + ".fgb");
    ov.output = dir + "/" + name + ".h5";
    driver::Loaded setup =
        driver::load(io::load_scenario(test::repo("scenarios/fukuoka-managed.yaml"), ov));
    // Natural forest (天然林) is unmanaged: no regime names it.
    for (std::size_t i = 0; i < setup.inputs.parcels.size(); ++i) {
      if (setup.inputs.parcels.forest_type_names[setup.inputs.parcels.forest_type[i]] == "天然林") {
        CHECK(setup.inputs.parcels.regime[i] == kNoRegime);
      }
    }
    const driver::RunOutcome r = driver::run_to_file(setup, "test");
    check_totals_conserve_carbon(r.result.aggregates);
    CHECK(r.result.aggregates.total.at(0, 1, AggVar::felled_area) > 0.0);
  }
}
