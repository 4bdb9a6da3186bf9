// Wood boilers (fuel/boiler.hpp, fuel/model.hpp, phase "fuel"): the year of a boiler worked out by
// hand on both energy bases, the stock carried from year to year, shortfalls met by backup fuel,
// a boiler that starts in the middle of the run, catchments by municipality and by radius on the
// real Fukuoka register, competing boilers independent of threads and record order, and bad
// boiler input named at its scenario place.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

#include "shinrin/core/error.hpp"
#include "shinrin/driver/load.hpp"
#include "shinrin/driver/run.hpp"
#include "shinrin/fuel/boiler.hpp"
#include "shinrin/io/fuel_tables.hpp"
#include "shinrin/io/results_reader.hpp"
#include "shinrin/io/scenario.hpp"
#include "test_support.hpp"

using namespace shinrin;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// The spa boiler of the demo, built by hand from the repository's tables: kerosene of the
// revised J-Credit list (HHV 36.5 GJ/kL, 0.0686 t CO2/GJ), 44 kL replaced a year, baseline
// efficiency 0.85, wood boiler 0.80, both HHV; wood at 25 % moisture, HHV of dry wood 20 MJ/kg.
fuel::Boiler spa_boiler() {
  const io::FossilFactorTable factors =
      io::load_fossil_factor_table(test::repo("data/fuel_factors.csv"));
  const io::WoodFuelTable wood = io::load_wood_fuel_table(test::repo("data/wood_fuel.csv"));
  fuel::Boiler b;
  b.name = "spa";
  b.sources = {fuel::Source::residues, fuel::Source::fuelwood};
  b.first_year = 2025;
  b.last_year = 2030;
  b.baseline = factors.get("kerosene", "jcredit_revised");
  b.backup = b.baseline;
  b.baseline_efficiency = {0.85, fuel::EnergyBasis::hhv};
  b.project_efficiency = {0.80, fuel::EnergyBasis::hhv};
  b.heat_demand = 44.0 * 36.5 * 0.85;
  b.moisture = 25.0;
  b.formula = fuel::HeatingValueFormula::gross_dry_matter;
  b.constants = wood.constants();
  b.drying_years = 1;
  b.stock_loss = 0.05;
  return b;
}

}  // namespace

TEST_CASE(
    "boiler year by hand on the HHV basis: need, burning, shortfall, backup, emissions, stock",
    "[fuel][boiler]") {
  const fuel::Boiler b = spa_boiler();
  // Heat demand: 44 kL x 36.5 GJ/kL x 0.85 = 1365.1 GJ.
  CHECK(b.heat_demand == Approx(1365.1).epsilon(1e-12));
  // Heating value (gross, dry matter only): 20 x (1 - 0.25) = 15 GJ per wet tonne; a dry tonne is
  // 100 / 75 wet tonnes: 20 GJ, of which 0.8 is useful: 16 GJ per dry tonne.
  CHECK(b.heating_value().mj_per_kg == Approx(15.0).epsilon(1e-12));
  CHECK(b.heat_per_dry_tonne() == Approx(16.0).epsilon(1e-12));
  CHECK(b.wood_need(2025) == Approx(1365.1 / 16.0).epsilon(1e-12));  // 85.31875 t dry
  CHECK(b.wood_need(2024) == 0.0);

  // 2025: 50 t of wood cut in 2023 seasoned in the shed; 30 t cut this year (not yet seasoned).
  fuel::Stock stock;
  stock.add(2023, 50.0);
  fuel::Supply supply;
  supply.dry[0] = 10.0;  // residues
  supply.dry[1] = 20.0;  // fuelwood
  const fuel::BoilerYear r = fuel::burn_year(b, 2025, supply, stock);
  CHECK(r.burnt_dry == Approx(50.0).epsilon(1e-12));
  CHECK(r.burnt_wet == Approx(50.0 / 0.75).epsilon(1e-12));
  CHECK(r.wood_energy == Approx(50.0 / 0.75 * 15.0).epsilon(1e-12));  // 1000 GJ
  CHECK(r.useful_heat == Approx(800.0).epsilon(1e-12));
  CHECK(r.shortfall == Approx(565.1).epsilon(1e-12));
  // Backup kerosene: 565.1 GJ / 0.85 / 36.5 GJ/kL = 18.21466 kL.
  CHECK(r.backup_fuel == Approx(565.1 / 0.85 / 36.5).epsilon(1e-12));
  // Kerosene the wood replaced: 800 / 0.85 / 36.5 = 25.78566 kL.
  CHECK(r.fossil_displaced == Approx(800.0 / 0.85 / 36.5).epsilon(1e-12));
  // EM_BL = 1365.1 / 0.85 x 0.0686 = 110.1687 t; EM_PJ = 18.21466 x 36.5 x 0.0686 = 45.6082 t.
  CHECK(r.baseline_emission == Approx(1365.1 / 0.85 * 0.0686).epsilon(1e-9));
  CHECK(r.project.total() == Approx(565.1 / 0.85 * 0.0686).epsilon(1e-9));
  CHECK(r.reduction == Approx(800.0 / 0.85 * 0.0686).epsilon(1e-9));  // 64.5647 t
  // The 30 t cut this year stay, less 5 %: 28.5 t.
  CHECK(r.supplied.total() == 30.0);
  CHECK(r.stock == Approx(28.5).epsilon(1e-12));
  CHECK(r.stock_lost == Approx(1.5).epsilon(1e-12));

  // 2026: the 28.5 t are seasoned now; with 80 t more cut this year the need (85.31875) is met
  // only by 28.5 t: the rest is shortfall again; the new cohort carries over.
  fuel::Supply more;
  more.dry[1] = 80.0;
  const fuel::BoilerYear r2 = fuel::burn_year(b, 2026, more, stock);
  CHECK(r2.burnt_dry == Approx(28.5).epsilon(1e-12));
  CHECK(r2.stock == Approx(80.0 * 0.95).epsilon(1e-12));
}

TEST_CASE("boiler year by hand on the LHV basis with the Sundberg heating value",
          "[fuel][boiler]") {
  fuel::Boiler b = spa_boiler();
  const io::FossilFactorTable factors =
      io::load_fossil_factor_table(test::repo("data/fuel_factors.csv"));
  const fuel::FossilFactor hhv = factors.get("kerosene", "jcredit_revised");
  REQUIRE(hhv.hhv_to_lhv.has_value());
  b.baseline = fuel::to_basis(hhv, fuel::EnergyBasis::lhv);
  b.backup = b.baseline;
  b.baseline_efficiency = {0.85, fuel::EnergyBasis::lhv};
  b.project_efficiency = {0.80, fuel::EnergyBasis::lhv};
  b.formula = fuel::HeatingValueFormula::sundberg;
  b.heat_demand = 1000.0;
  // Sundberg at M = 25 %: U = 100 x 25 / 75 = 33.333 %; q = (19.2 x 100 - 2.45 x 33.333) / 133.333
  // = 13.7875 MJ per wet kg; a dry tonne gives 13.7875 / 0.75 = 18.38333 GJ, 14.70667 GJ useful.
  const double q = (19.2 * 100.0 - 2.45 * (100.0 * 25.0 / 75.0)) / (100.0 + 100.0 * 25.0 / 75.0);
  CHECK(q == Approx(13.7875).epsilon(1e-12));
  CHECK(b.heating_value().mj_per_kg == Approx(q).epsilon(1e-12));
  CHECK(b.heat_per_dry_tonne() == Approx(q / 0.75 * 0.8).epsilon(1e-12));
  fuel::Stock stock;
  stock.add(2023, 100.0);
  const fuel::BoilerYear r = fuel::burn_year(b, 2025, fuel::Supply{}, stock);
  CHECK(r.burnt_dry == Approx(1000.0 / (q / 0.75 * 0.8)).epsilon(1e-12));  // 67.997 t
  CHECK(r.shortfall == Approx(0.0).margin(1e-9));
  // EM_BL on the LHV basis: 1000 / 0.85 GJ of kerosene LHV, at 0.0686 / f t CO2 per GJ LHV
  // (CO2 per kL is the same on both bases).
  const double f = *hhv.hhv_to_lhv;
  CHECK(r.baseline_emission == Approx(1000.0 / 0.85 * 0.0686 / f).epsilon(1e-9));
  CHECK(r.reduction == Approx(r.baseline_emission).epsilon(1e-12));
}

TEST_CASE("a full shed takes wood in the order of the boiler's sources and declines the rest",
          "[fuel][boiler]") {
  fuel::Boiler b = spa_boiler();  // burns 85.31875 t dry a year from wood cut up to the year before
  b.max_stock = 100.0;
  fuel::Supply offer;
  offer.dry[std::size_t(fuel::Source::residues)] = 20.0;
  offer.dry[std::size_t(fuel::Source::fuelwood)] = 30.0;
  offer.volume = 125.0;  // m3 of the 50 t offered
  // 70 t in the shed: room for 30 t.
  auto year_with = [&](std::vector<fuel::Source> sources) {
    b.sources = std::move(sources);
    fuel::Stock stock;
    stock.add(2024, 70.0);
    return fuel::burn_year(b, 2025, offer, stock);
  };
  const fuel::BoilerYear fuelwood_first =
      year_with({fuel::Source::fuelwood, fuel::Source::residues});
  CHECK(fuelwood_first.supplied.dry[std::size_t(fuel::Source::fuelwood)] == 30.0);
  CHECK(fuelwood_first.supplied.dry[std::size_t(fuel::Source::residues)] == 0.0);
  CHECK(fuelwood_first.declined == 20.0);
  CHECK(fuelwood_first.supplied.volume == Approx(125.0 * 30.0 / 50.0).epsilon(1e-12));
  CHECK(fuelwood_first.supplied_wet == Approx(30.0 / 0.75).epsilon(1e-12));  // 25 % moisture
  const fuel::BoilerYear residues_first =
      year_with({fuel::Source::residues, fuel::Source::fuelwood});
  CHECK(residues_first.supplied.dry[std::size_t(fuel::Source::residues)] == 20.0);
  CHECK(residues_first.supplied.dry[std::size_t(fuel::Source::fuelwood)] == 10.0);
  CHECK(residues_first.declined == 20.0);
  // Either way the 70 t seasoned burn (short of 85.3); the 30 t cut this year wait, less 5 %.
  CHECK(residues_first.burnt_dry == Approx(70.0).epsilon(1e-12));
  CHECK(residues_first.stock == Approx(30.0 * 0.95).epsilon(1e-12));
}

TEST_CASE(
    "a monthly demand profile: the year's wood burns in month order, the backup runs in the last "
    "months",
    "[fuel][boiler]") {
  fuel::Boiler b = spa_boiler();
  b.heat_demand = 1200.0;
  // Winter-heavy shares, April..March (they add up to 1).
  b.profile = std::array<double, 12>{0.05, 0.05, 0.05, 0.05, 0.05, 0.05,
                                     0.10, 0.10, 0.10, 0.15, 0.15, 0.10};
  // 60 t dry seasoned, 16 GJ of useful heat per dry tonne: 960 GJ from wood, 240 GJ short.
  fuel::Stock stock;
  stock.add(2023, 60.0);
  const fuel::BoilerYear r = fuel::burn_year(b, 2025, fuel::Supply{}, stock);
  CHECK(r.useful_heat == Approx(960.0).epsilon(1e-12));
  CHECK(r.shortfall == Approx(240.0).epsilon(1e-12));
  // Demand by month: 60 GJ April-September, 120 October-December, 180 January-February, 120 March.
  // Wood covers April..January in full (6 x 60 + 3 x 120 + 180 = 900 GJ), 60 GJ of February's 180;
  // February lacks 120 GJ and March all its 120 GJ: 240 GJ, the year's shortfall.
  const double demand[12] = {60, 60, 60, 60, 60, 60, 120, 120, 120, 180, 180, 120};
  const double heat[12] = {60, 60, 60, 60, 60, 60, 120, 120, 120, 180, 60, 0};
  for (std::size_t m = 0; m < 12; ++m) {
    INFO("month " << m);
    CHECK(r.heat_demand_month[m] == Approx(demand[m]).epsilon(1e-12));
    CHECK(r.useful_heat_month[m] == Approx(heat[m]).margin(1e-9));
    CHECK(r.shortfall_month[m] == Approx(demand[m] - heat[m]).margin(1e-9));
  }
  // Without a profile there are no monthly figures; the annual ones are the same.
  b.profile.reset();
  fuel::Stock again;
  again.add(2023, 60.0);
  const fuel::BoilerYear annual = fuel::burn_year(b, 2025, fuel::Supply{}, again);
  CHECK(annual.useful_heat == r.useful_heat);
  CHECK(annual.shortfall_month[11] == 0.0);
}

TEST_CASE("cut need: what to cut now so that the seasoned wood covers the year it burns",
          "[fuel][boiler]") {
  const fuel::Boiler b = spa_boiler();  // drying 1 year, loss 5 % a year, need 85.31875 t
  fuel::Stock empty;
  // Nothing in the shed: 2026's need, cut in 2025, loses 5 % by then: 85.31875 / 0.95.
  CHECK(fuel::cut_need(b, 2025, empty, 0.0) == Approx(85.31875 / 0.95).epsilon(1e-12));
  // 40 t already planned this year: 85.31875 - 40 x 0.95 still lacking, / 0.95 to cut.
  CHECK(fuel::cut_need(b, 2025, empty, 40.0) == Approx((85.31875 - 38.0) / 0.95).epsilon(1e-12));
  // A full shed (200 t seasoned) covers 2025 and, after burning 85.3 and losing 5 %, 2026 too.
  fuel::Stock full;
  full.add(2023, 200.0);
  CHECK(fuel::cut_need(b, 2025, full, 0.0) == 0.0);
  // Past the boiler's last year nothing is needed.
  CHECK(fuel::cut_need(b, 2030, empty, 0.0) == 0.0);
}

TEST_CASE("the demo boilers: heat balance every year, stock carried over, shortfalls reported",
          "[fuel][e2e]") {
  const std::string dir = test::scratch_dir("boilers-demo");
  for (const char* scenario : {"hinohara-demo.yaml", "hinohara-boilers-shortfall.yaml"}) {
    const std::string out = dir + "/" + scenario + ".h5";
    std::string log;
    REQUIRE(test::run_cli(
                "run " + test::repo(std::string("scenarios/") + scenario) + " --output " + out,
                log) == 0);
    const io::ResultsSummary s = io::read_summary(out);
    REQUIRE(s.boilers.size() == 1);
    const io::BoilerSummary& b = s.boilers[0];
    INFO(scenario);
    double shortfall_years = 0;
    for (std::size_t t = 1; t < s.year.size(); ++t) {
      // Every GJ of demand comes from wood or backup; EM_BL is the kerosene of the whole demand.
      CHECK(b.useful_heat[t] + b.shortfall[t] == Approx(b.heat_demand[t]).epsilon(1e-12));
      CHECK(b.heat_demand[t] == Approx(44.0 * 36.5 * 0.85).epsilon(1e-12));
      CHECK(b.baseline_emission[t] == Approx(44.0 * 36.5 * 0.0686).epsilon(1e-9));
      CHECK(b.backup_fuel_quantity[t] ==
            Approx(b.shortfall[t] / 0.85 / 36.5).epsilon(1e-9).margin(1e-12));
      CHECK(b.reduction[t] ==
            Approx(b.baseline_emission[t] - b.project_emission[t]).epsilon(1e-12));
      CHECK(b.burnt_dry_mass[t] <= 150.0 + 1e-9);  // max intake
      // Stock carried over: last year's + supplied - burnt, then 5 % lost.
      const double before =
          (t == 1 ? 90.0 : b.stock[t - 1]) + b.supplied_dry_mass[t] - b.burnt_dry_mass[t];
      CHECK(b.stock[t] == Approx(before * 0.95).epsilon(1e-9).margin(1e-9));
      CHECK(b.stock[t] <= 250.0 + 1e-9);  // the shed
      if (b.shortfall[t] > 1e-9) ++shortfall_years;
    }
    if (std::string(scenario) == "hinohara-boilers-shortfall.yaml") CHECK(shortfall_years >= 3);
    CHECK_THAT(log, Contains("wood boilers: wood burnt, heat, fossil CO2 avoided"));
    // info --json: one object per boiler with arrays per fiscal year.
    REQUIRE(test::run_cli("info --json " + out, log) == 0);
    char first[96];
    std::snprintf(first, sizeof first, "\"reduction_t_co2\": [%.17g, ", b.reduction[1]);
    CHECK_THAT(log, Contains("\"fuel\": [") && Contains("\"name\": \"kazuma_no_yu\"") &&
                        Contains("\"fiscal_years\": [2025, 2026") &&
                        Contains("\"wood_dry_t\": [") && Contains("\"wood_energy_gj\": [") &&
                        Contains("\"useful_heat_gj\": [") &&
                        Contains("\"baseline_emission_t_co2\": [") &&
                        Contains("\"project_emission_t_co2\": [") &&
                        Contains("\"shortfall_gj\": [") && Contains(first));
  }
}

namespace {

// The managed Fukuoka scenario for Hisayama with `fuel` appended.
std::string fukuoka_with_fuel(const std::string& fuel_yaml) {
  std::string text = test::read_text(test::repo("scenarios/fukuoka-managed.yaml"));
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (auto pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size())) {
      text.replace(pos, from.size(), to);
    }
  };
  replace_all("../../shared/data/fukuoka-forest-register/hisayama.fgb",
              test::shared("data/fukuoka-forest-register/hisayama.fgb"));
  replace_all("../data/", test::repo("data/"));
  return text + fuel_yaml;
}

// Two boilers 4.3 km apart in JGD2011 zone II (EPSG:6670), 3-km catchments that overlap.
const std::string kTwoBoilers = R"(
fuel:
  factors: {DATA}fuel_factors.csv
  wood: {DATA}wood_fuel.csv
  vintage: jcredit_revised
  epsg: 6670
  boilers:
    - name: west
      form: chips
      location: {x: -47300, y: 73300}
      catchment: {radius_km: 3}
      sources: [residues, fuelwood]
      demand: {useful_heat_gj: 800}
      efficiency: {project: 0.8, baseline: 0.85, basis: HHV}
      baseline_fuel: a_heavy_oil
      backup_fuel: a_heavy_oil
      years: {first: 2025, last: 2054}
      moisture_pct: 35
      heating_value: gross_dry_matter
      drying_years: 0
      stock_loss: 0.1
    - name: east
      form: firewood
      location: {x: -43600, y: 75500}
      catchment: {radius_km: 3}
      sources: [fuelwood]
      demand: {replaces: {fuel: kerosene, quantity: 20}}
      efficiency: {project: 0.8, baseline: 0.85, basis: HHV}
      baseline_fuel: kerosene
      backup_fuel: kerosene
      years: {first: 2030, last: 2054}
      moisture_pct: 25
      heating_value: gross_dry_matter
      drying_years: 1
      stock_loss: 0.05
)";

std::string two_boilers() {
  return fukuoka_with_fuel(test::expand(kTwoBoilers, {{"DATA", test::repo("data/")}}));
}

}  // namespace

TEST_CASE(
    "catchments on the real register: radius with the nearest boiler winning, and municipality",
    "[fuel][fukuoka]") {
  const std::string dir = test::scratch_dir("boilers-catchment");
  const std::string path = test::write_scenario(dir, "two.yaml", two_boilers());
  const driver::Loaded l = driver::load(io::load_scenario(path));
  const auto& p = l.inputs.parcels;
  REQUIRE(l.inputs.fuel.boilers.size() == 2);
  // Centroids computed here with GDAL, independently of the engine.
  GDALAllRegister();
  std::unique_ptr<GDALDataset> ds(GDALDataset::Open(
      test::shared("data/fukuoka-forest-register/hisayama.fgb").c_str(), GDAL_OF_VECTOR));
  OGRSpatialReference zone2;
  zone2.importFromEPSG(6670);
  zone2.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* layer = ds->GetLayer(0);
  std::unique_ptr<OGRCoordinateTransformation> tr(
      OGRCreateCoordinateTransformation(layer->GetSpatialRef(), &zone2));
  std::map<std::int64_t, std::pair<double, double>> centroid;
  for (auto& f : *layer) {
    OGRPoint c;
    f->GetGeometryRef()->Centroid(&c);
    c.transform(tr.get());
    centroid[f->GetFID()] = {c.getX(), c.getY()};
  }
  std::size_t west = 0, east = 0, both = 0, none = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto [x, y] = centroid.at(p.source_fid[i]);
    const double dw = std::hypot(x + 47300, y - 73300), de = std::hypot(x + 43600, y - 75500);
    const bool in_w = dw <= 3000.0, in_e = de <= 3000.0;
    const std::uint16_t expected = in_w && in_e ? (dw <= de ? 0 : 1)
                                   : in_w       ? 0
                                   : in_e       ? 1
                                                : fuel::kNoBoiler;
    CHECK(l.inputs.fuel.home[i] == expected);
    west += expected == 0;
    east += expected == 1;
    both += in_w && in_e;
    none += expected == fuel::kNoBoiler;
  }
  CHECK(west > 100);
  CHECK(east > 100);
  CHECK(both > 10);  // the overlap really exists, and the nearest boiler took it
  CHECK(none > 100);
  // A municipality catchment: every Hisayama parcel.
  std::string text = test::read_text(path);
  text = test::replace_once(
      text, "      catchment: {radius_km: 3}\n      sources: [residues, fuelwood]",
      "      catchment: {municipality: 久山町}\n      sources: [residues, fuelwood]");
  const driver::Loaded m =
      driver::load(io::load_scenario(test::write_scenario(dir, "muni.yaml", text)));
  for (std::size_t i = 0; i < m.inputs.parcels.size(); ++i) {
    // West takes every parcel it contains first in scenario order, unless east is nearer.
    CHECK(m.inputs.fuel.home[i] != fuel::kNoBoiler);
  }
}

TEST_CASE(
    "competing boilers: identical with 1 and 2 threads and with shuffled records, a boiler that "
    "starts later",
    "[fuel][fukuoka][threads]") {
  const std::string dir = test::scratch_dir("boilers-threads");
  const std::string path = test::write_scenario(dir, "two.yaml", two_boilers());
  // The shuffled layer: the same features in another order.
  const std::string original = test::shared("data/fukuoka-forest-register/hisayama.fgb");
  const std::string shuffled = dir + "/hisayama-shuffled.fgb";
  {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> src(GDALDataset::Open(original.c_str(), GDAL_OF_VECTOR));
    OGRLayer* in = src->GetLayer(0);
    std::vector<std::unique_ptr<OGRFeature>> features;
    for (auto& f : *in) features.emplace_back(f->Clone());
    std::mt19937 rng(7);
    std::shuffle(features.begin(), features.end(), rng);
    std::unique_ptr<GDALDataset> dst(GetGDALDriverManager()
                                         ->GetDriverByName("FlatGeobuf")
                                         ->Create(shuffled.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRLayer* out =
        dst->CreateLayer(in->GetName(), in->GetSpatialRef(), in->GetGeomType(), nullptr);
    for (int k = 0; k < in->GetLayerDefn()->GetFieldCount(); ++k)
      out->CreateField(in->GetLayerDefn()->GetFieldDefn(k));
    for (auto& f : features) {
      std::unique_ptr<OGRFeature> g(OGRFeature::CreateFeature(out->GetLayerDefn()));
      g->SetFrom(f.get());
      REQUIRE(out->CreateFeature(g.get()) == OGRERR_NONE);
    }
  }
  std::string log;
  REQUIRE(test::run_cli("run " + path + " --threads 1 --output " + dir + "/t1.h5", log) == 0);
  INFO(log);
  REQUIRE(test::run_cli("run " + path + " --threads 2 --output " + dir + "/t2.h5", log) == 0);
  REQUIRE(test::run_cli(
              "run " + path + " --threads 2 --parcels " + shuffled + " --output " + dir + "/s.h5",
              log) == 0);
  std::string py;
  CHECK(test::run_python("compare_results.py", dir + "/t1.h5 " + dir + "/t2.h5", py) == 0);
  INFO(py);
  CHECK(test::run_python("compare_results.py", "--by-key " + dir + "/t2.h5 " + dir + "/s.h5", py) ==
        0);
  // East starts in FY2030: no demand, burning or reduction before; it collects from FY2029 on
  // (one year of drying), and its stock is empty before that.
  const io::ResultsSummary s = io::read_summary(dir + "/t2.h5");
  REQUIRE(s.boilers.size() == 2);
  const io::BoilerSummary& east = s.boilers[1];
  for (std::size_t t = 1; t < s.year.size(); ++t) {
    INFO("FY" << s.year[t]);
    if (s.year[t] < 2029) CHECK(east.stock[t] == 0.0);
    if (s.year[t] < 2030) {
      CHECK(east.heat_demand[t] == 0.0);
      CHECK(east.burnt_dry_mass[t] == 0.0);
      CHECK(east.reduction[t] == 0.0);
    } else if (s.year[t] <= 2054) {
      CHECK(east.heat_demand[t] == Approx(20.0 * 36.5 * 0.85).epsilon(1e-12));
    } else {  // after its last year
      CHECK(east.heat_demand[t] == 0.0);
      CHECK(east.burnt_dry_mass[t] == 0.0);
    }
  }
  double west_burnt = 0.0;
  for (std::size_t t = 1; t < s.year.size(); ++t) west_burnt += s.boilers[0].burnt_dry_mass[t];
  CHECK(west_burnt > 0.0);
}

TEST_CASE("bad boiler input is named at its scenario place", "[fuel][config]") {
  const std::string dir = test::scratch_dir("boilers-errors");
  const std::string good = two_boilers();
  auto error_of = [&](const std::string& name, const std::string& text) {
    const std::string path = test::write_scenario(dir, name, text);
    return std::make_pair(path, test::input_error([&] { driver::load(io::load_scenario(path)); }));
  };
  SECTION("an unknown fuel lists the known fuels") {
    const std::string text =
        test::replace_once(good, "baseline_fuel: a_heavy_oil", "baseline_fuel: heavy_oil");
    const auto [path, msg] = error_of("fuel.yaml", text);
    CHECK_THAT(msg,
               StartsWith(test::place(path, text, "heavy_oil\n      backup_fuel: a_heavy_oil")) &&
                   Contains("heavy_oil") && Contains("kerosene"));
  }
  SECTION("an unknown vintage lists the known vintages") {
    const std::string text =
        test::replace_once(good, "vintage: jcredit_revised", "vintage: jcredit_2030");
    const auto [path, msg] = error_of("vintage.yaml", text);
    CHECK_THAT(msg, Contains("jcredit_2030") && Contains("jcredit_revised"));
  }
  SECTION("an efficiency outside (0, 1]") {
    const std::string text = test::replace_once(
        good,
        "efficiency: {project: 0.8, baseline: 0.85, basis: HHV}\n      baseline_fuel: kerosene",
        "efficiency: {project: 1.2, baseline: 0.85, basis: HHV}\n      baseline_fuel: kerosene");
    const auto [path, msg] = error_of("eff.yaml", text);
    CHECK_THAT(
        msg, StartsWith(test::place(
                 path, text, "1.2, baseline: 0.85, basis: HHV}\n      baseline_fuel: kerosene")) &&
                 Contains("'1.2' is not a number in (0, 1]"));
  }
  SECTION("a location outside the area of the boilers' CRS") {
    const std::string text =
        test::replace_once(good, "location: {x: -43600, y: 75500}", "location: {x: 9e6, y: 75500}");
    const auto [path, msg] = error_of("loc.yaml", text);
    CHECK_THAT(msg, StartsWith(test::place(path, text, "{x: 9e6, y: 75500}")) &&
                        Contains("outside the area of EPSG:6670"));
  }
  SECTION("a heating-value formula on the other basis than the efficiencies") {
    const std::string text =
        test::replace_once(good, "moisture_pct: 35\n      heating_value: gross_dry_matter",
                           "moisture_pct: 35\n      heating_value: sundberg");
    const auto [path, msg] = error_of("basis.yaml", text);
    CHECK_THAT(msg, Contains("on the HHV basis, but heating_value 'sundberg' gives LHV values"));
  }
  SECTION("a monthly profile that does not add up to 1, or has not 12 months") {
    const std::string text =
        test::replace_once(good, "demand: {useful_heat_gj: 800}",
                           "demand: {useful_heat_gj: 800, profile: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, "
                           "0.1, 0.1, 0.1, 0.1, 0.1, 0.1]}");
    const auto [path, msg] = error_of("profile.yaml", text);
    CHECK_THAT(
        msg, StartsWith(test::place(path, text, "[0.1, 0.1")) && Contains("add up to 1.2, not 1"));
    const std::string eleven =
        test::replace_once(good, "demand: {useful_heat_gj: 800}",
                           "demand: {useful_heat_gj: 800, profile: [0.5, 0.5]}");
    const auto [path2, msg2] = error_of("profile2.yaml", eleven);
    CHECK_THAT(msg2, Contains("give 12 monthly shares") && Contains("(got 2)"));
  }
  SECTION("an unknown source") {
    const std::string text = test::replace_once(good, "sources: [fuelwood]", "sources: [sawdust]");
    const auto [path, msg] = error_of("source.yaml", text);
    CHECK_THAT(msg, StartsWith(test::place(path, text, "sawdust")) &&
                        Contains("'sawdust' is not one of residues, fuelwood, extra_operations"));
  }
  SECTION("extra operations without a boiler_demand target") {
    const std::string text =
        test::replace_once(good, "sources: [fuelwood]", "sources: [fuelwood, extra_operations]");
    const auto [path, msg] = error_of("extra.yaml", text);
    CHECK_THAT(msg, Contains("boiler 'east' lists extra_operations among its sources, but no "
                             "planning target has rule "
                             "boiler_demand for it"));
  }
}
