// Crediting over whole runs: the crediting phase fills each project's ledger from the simulated
// stands (periods that split the same years sum to the same figures; thread count does not
// matter), a project whose only change is the regime credits project minus baseline, the FO-001
// project on the Hisayama register adds up from parcels to strata to the chain and is printed and
// written as monitoring-report tables, and the admission rules refuse what the methodologies do.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>

#include "hand_world.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/crediting/ledger.hpp"
#include "shinrin/driver/load.hpp"
#include "shinrin/driver/run.hpp"
#include "shinrin/growth/richards.hpp"
#include "shinrin/io/results_reader.hpp"
#include "shinrin/io/scenario.hpp"
#include "test_support.hpp"

using namespace shinrin;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// Thinned at 25 (30 % of stems, from below) and clear-felled at 60, replanted with hinoki.
silviculture::Regime managed_regime(const test::World& w) {
  silviculture::Regime r;
  r.name = "managed";
  r.thinnings = {
      {25, 0.3, silviculture::IntensityBasis::stems, silviculture::ThinningMethod::from_below}};
  r.rotation_age = 60;
  r.thinning_removals = {0.3, 0.3, 0.2, 0.2, 0.0};
  r.felling_removals = {0.6, 0.25, 0.15, 0.0, 0.3};
  r.regeneration = {true, silviculture::RegenerationMethod::replant, w.hinoki, 3000.0};
  return r;
}

// Sugi parcels of ages 15..66 (every 3 years) on 0.5..2.2 ha under the managed regime.
void add_parcels(test::World& w) {
  w.model.management.regimes = {managed_regime(w)};
  for (int k = 0; k < 18; ++k) w.add(15 + 3 * k, 0, 0.5 + 0.1 * k);
  w.in.parcels.sort_canonical();
}

// An FO-001 project over every parcel, each with a treatment on record since FY1990.
crediting::Project fo001_project(const test::World& w, std::vector<crediting::Period> periods,
                                 std::string name) {
  crediting::Project p;
  p.name = std::move(name);
  p.rules = &crediting::fo001();
  p.periods = std::move(periods);
  p.cf = 0.5;
  p.buffer_share = 0.03;
  p.rounding_step = 1.0;
  p.treatment_since = 1990;
  p.replanting = true;
  p.standard_rotation_age.assign(w.in.species.size(), 0);
  p.standard_rotation_age[w.sugi] = 40;
  p.standard_rotation_age[w.hinoki] = 45;
  const std::size_t n = w.in.parcels.size();
  p.set_rows(std::vector<std::uint8_t>(n, 1), w.in.parcels.area_ha);
  p.record_year.assign(n, 2000);
  return p;
}

std::vector<crediting::Period> yearly(int first, int years) {
  std::vector<crediting::Period> out;
  for (int y = first; y < first + years; ++y) out.push_back({y, y});
  return out;
}

}  // namespace

TEST_CASE("crediting run: periods split the same years into the same sums, threads do not matter",
          "[crediting][e2e]") {
  test::World w;
  add_parcels(w);
  w.in.credit.projects = {fo001_project(w, yearly(2025, 8), "yearly"),
                          fo001_project(w, {{2025, 2028}, {2029, 2032}}, "halves"),
                          fo001_project(w, {{2025, 2032}}, "whole")};
  const sim::Aggregates agg = w.run(10);
  const auto credits = driver::credits_of(w.in, w.state, agg, nullptr);
  REQUIRE(credits.size() == 3);
  auto total = [](const crediting::Credits& c, auto field) {
    double s = 0.0;
    for (const auto& ch : c.chains) s += field(ch);
    return s;
  };
  for (auto field : {+[](const crediting::Chain& c) { return c.sum.absorption; },
                     +[](const crediting::Chain& c) { return c.sum.emission; },
                     +[](const crediting::Chain& c) { return c.sum.replanting; },
                     +[](const crediting::Chain& c) { return c.net; }}) {
    const double whole = total(credits[2], field);
    CHECK(total(credits[0], field) == Approx(whole).epsilon(1e-12));
    CHECK(total(credits[1], field) == Approx(whole).epsilon(1e-12));
  }
  // The run fells (rotation 60), replants and thins: every term is there.
  const crediting::Chain& whole = credits[2].chains[0];
  CHECK(whole.sum.absorption > 0.0);
  CHECK(whole.sum.emission > 0.0);
  CHECK(whole.sum.replanting > 0.0);
  // Parcels add up to the chain, and strata too.
  for (const auto& c : credits) {
    for (std::size_t k = 0; k < c.chains.size(); ++k) {
      double parcels = 0.0, strata = 0.0;
      for (std::size_t r = 0; r < w.in.parcels.size(); ++r)
        parcels += c.parcel_credited[r * c.chains.size() + k];
      for (const auto& s : c.strata) {
        if (s.period == k) strata += s.net;
      }
      CHECK(parcels == Approx(c.chains[k].credited).epsilon(1e-12).margin(1e-9));
      CHECK(strata == Approx(c.chains[k].net).epsilon(1e-12).margin(1e-9));
    }
  }
  // One thread gives the same ledger, bit for bit.
  const State two = w.state;
  w.config.threads = 1;
  const sim::Aggregates agg1 = w.run(10);
  const auto one = driver::credits_of(w.in, w.state, agg1, nullptr);
  for (std::size_t p = 0; p < credits.size(); ++p) {
    CHECK(one[p].parcel_credited == credits[p].parcel_credited);
    for (std::size_t k = 0; k < credits[p].chains.size(); ++k)
      CHECK(one[p].chains[k].issued == credits[p].chains[k].issued);
  }
}

TEST_CASE("crediting run: a project whose only change is the regime credits project minus baseline",
          "[crediting][e2e]") {
  test::World w;
  add_parcels(w);
  crediting::Project p = fo001_project(w, yearly(2025, 6), "managed");
  p.baseline = crediting::Baseline::unmanaged;
  w.in.credit.projects = {p};
  const sim::Aggregates agg = w.run(6);
  const sim::Inputs base_in = driver::baseline_inputs(w.in);
  State base(base_in.parcels.size());
  sim::RunConfig config;
  (void)sim::run(base_in, base, config, nullptr);
  const auto credits = driver::credits_of(w.in, w.state, agg, &base);

  // The baseline by hand: the same parcels with no regime, credited without a baseline.
  test::World bare;
  add_parcels(bare);
  std::fill(bare.in.parcels.regime.begin(), bare.in.parcels.regime.end(), kNoRegime);
  bare.in.credit.projects = {fo001_project(bare, yearly(2025, 6), "bare")};
  const sim::Aggregates bare_agg = bare.run(6);
  const auto bare_credits = driver::credits_of(bare.in, bare.state, bare_agg, nullptr);

  const auto& c = credits[0];
  REQUIRE(c.has_baseline);
  for (std::size_t k = 0; k < c.chains.size(); ++k) {
    CHECK(c.chains[k].baseline_net == Approx(bare_credits[0].chains[k].net).epsilon(1e-12));
    CHECK(c.chains[k].credited ==
          Approx(c.chains[k].net - bare_credits[0].chains[k].net).epsilon(1e-12));
    for (std::size_t r = 0; r < p.rows.size(); ++r) {
      const std::size_t at = r * c.chains.size() + k;
      CHECK(c.parcel_credited[at] ==
            Approx(w.state.credit[0].entries[at].net() - bare.state.credit[0].entries[at].net())
                .margin(1e-9));
    }
  }
  // The crediting phase reads the stand of the right year: the first parcel (sugi aged 15 at the
  // start, 0.5 ha, unmanaged) reaches 16 in FY2025 and 17 in FY2026.
  const std::size_t first = bare.row(0);
  const growth::RichardsParams sugi{589.3, 0.042715, 2.527251};
  const double young = 1.57 * 1.25 * 0.314 * 0.5 * 44.0 / 12.0;
  for (int k = 0; k < 2; ++k) {
    const double expected =
        0.5 * (growth::richards_volume(sugi, 16 + k) - growth::richards_volume(sugi, 15 + k)) *
        young;
    CHECK(bare.state.credit[0].entries[first * 6 + std::size_t(k)].absorption ==
          Approx(expected).epsilon(1e-5));
  }
  // Unmanaged, nothing is felled: the baseline has no emission, the project has (rotation 60).
  double felled = 0.0;
  for (const auto& ch : bare_credits[0].chains) felled += ch.sum.emission;
  CHECK(felled == 0.0);
}

namespace {

// The FO-001 scenario of the repository with absolute paths, `edit` applied to its text.
std::string fo001_scenario(const std::function<std::string(std::string)>& edit = nullptr) {
  std::string text = test::read_text(test::repo("scenarios/fukuoka-fo001.yaml"));
  text = test::replace_once(text, "../../shared/data/fukuoka-forest-register/hisayama.fgb",
                            test::shared("data/fukuoka-forest-register/hisayama.fgb"));
  for (std::size_t pos = text.find("../data/"); pos != std::string::npos;
       pos = text.find("../data/")) {
    text.replace(pos, 3, test::repo(""));
  }
  return edit ? edit(text) : text;
}

}  // namespace

TEST_CASE("crediting run: the FO-001 project on the Hisayama register, its report and tables",
          "[crediting][e2e][fukuoka]") {
  const std::string dir = test::scratch_dir("crediting-fo001");
  const std::string out = dir + "/fo001.h5";
  const std::string path = test::write_scenario(
      dir, "fo001.yaml", fo001_scenario([&](std::string t) {
        return test::replace_once(t, "path: fukuoka-fo001-results.h5", "path: " + out);
      }));
  const driver::Loaded loaded = driver::load(io::load_scenario(path));
  const driver::RunOutcome outcome = driver::run_to_file(loaded, "test");
  REQUIRE(outcome.credits.size() == 1);
  const crediting::Credits& c = outcome.credits[0];
  REQUIRE(c.chains.size() == 8);
  const crediting::Project& p = loaded.inputs.credit.projects[0];
  CHECK(p.buffer_share == 0.03);  // data/crediting.csv
  CHECK(p.standard_rotation_age[*loaded.inputs.species.find("sugi")] == 40);
  for (std::size_t k = 0; k < c.chains.size(); ++k) {
    const crediting::Chain& ch = c.chains[k];
    CHECK(ch.first_year == 2025 + int(k));
    CHECK(ch.net == Approx(ch.sum.absorption - ch.sum.emission + ch.sum.replanting + ch.sum.hwp)
                        .epsilon(1e-12));
    CHECK(ch.buffer == Approx(0.03 * std::max(0.0, ch.credited)).epsilon(1e-12));
    CHECK(ch.issued == std::max(0.0, std::floor(ch.credited - ch.buffer)));
    double parcels = 0.0;
    for (std::size_t r = 0; r < p.rows.size(); ++r) parcels += c.parcel_credited[r * 8 + k];
    CHECK(parcels == Approx(ch.credited).epsilon(1e-9).margin(1e-6));
  }
  // Felling at the normal-forest rate every year: an emission every period, and the replanting
  // rule books the replanted stands' stock.
  for (const auto& ch : c.chains) {
    CHECK(ch.sum.emission > 0.0);
    CHECK(ch.sum.replanting > 0.0);
  }

  // The file: info --json has the crediting object; credit prints and writes the tables.
  std::string text;
  REQUIRE(test::run_cli("info --json " + out, text) == 0);
  CHECK_THAT(text, Contains("\"crediting\": [") && Contains("\"name\": \"hisayama_fo001\"") &&
                       Contains("\"first_year\": 2025") && Contains("\"absorption_t_co2\"") &&
                       Contains("\"emission_t_co2\"") && Contains("\"replanting_t_co2\"") &&
                       Contains("\"hwp_t_co2\"") && Contains("\"net_t_co2\"") &&
                       Contains("\"buffer_t_co2\"") && Contains("\"issued_t_co2\""));
  const io::ResultsSummary s = io::read_summary(out);
  REQUIRE(s.credits.size() == 1);
  CHECK(s.credits[0].periods[3].issued == c.chains[3].issued);
  CHECK(s.credits[0].periods[3].absorption == c.chains[3].sum.absorption);
  REQUIRE(test::run_cli("credit " + out + " --out " + dir + "/tables", text) == 0);
  CHECK_THAT(text, Contains("hisayama_fo001") && Contains("monitoring-report tables: 16 files"));
  const std::string csv = test::read_text(dir + "/tables/hisayama_fo001_period1_FY2025-FY2025.csv");
  CHECK(csv.rfind("\xEF\xBB\xBF", 0) == 0);  // byte-order mark first
  CHECK_THAT(csv, Contains("\r\n") && Contains("issued,") && Contains("sugi,") &&
                      Contains("no_treatment_record"));
  const std::string md = test::read_text(dir + "/tables/hisayama_fo001_period1_FY2025-FY2025.md");
  CHECK_THAT(md, Contains("| item | t CO2 |") && Contains("| issued |"));
  std::string py;
  CHECK(test::run_python("check_xarray.py", out, py) == 0);
  INFO(py);
}

TEST_CASE("crediting run: what the methodologies refuse, named at the scenario place",
          "[crediting][config][fukuoka]") {
  const std::string dir = test::scratch_dir("crediting-errors");
  auto error_of = [&](const std::string& name, const std::string& text) {
    const std::string path = test::write_scenario(dir, name, text);
    return test::input_error([&] { driver::load(io::load_scenario(path)); });
  };
  SECTION("an unknown methodology lists the known ones") {
    const std::string msg = error_of("m.yaml", fo001_scenario([](std::string t) {
                                       return test::replace_once(t, "methodology: jcredit-fo-001",
                                                                 "methodology: jcredit-fo-009");
                                     }));
    CHECK_THAT(msg, Contains("unknown methodology 'jcredit-fo-009'") && Contains("jver-r001"));
  }
  SECTION("J-VER credited FY2008-FY2012 only") {
    const std::string msg = error_of("w.yaml", fo001_scenario([](std::string t) {
                                       return test::replace_once(t, "methodology: jcredit-fo-001",
                                                                 "methodology: jver-r002");
                                     }));
    CHECK_THAT(msg, Contains("jver-r002 credited fiscal years 2008-2012 only") &&
                        Contains("FY2025-FY2032"));
  }
  SECTION("R001 refuses a plan below 30 ha") {
    const std::string msg = error_of(
        "r.yaml", fo001_scenario([](std::string t) {
          t = test::replace_once(t, "  start_year: 2025\n  years: 16",
                                 "  start_year: 2008\n  years: 5");
          t = test::replace_once(t, "    as_of: as_of_ymd", "    # as_of: as_of_ymd");
          t = test::replace_once(t, "methodology: jcredit-fo-001", "methodology: jver-r001");
          t = test::replace_once(t, "periods: {first: 2025, years: 8, monitoring_years: 1}",
                                 "periods: {first: 2008, years: 5}");
          t = test::replace_once(t, "      replanting: true", "");
          t = test::replace_once(t, "      hwp: true", "");
          return test::replace_once(t, "        species: [sugi, hinoki]",
                                    "        species: [sugi, hinoki]\n        keys: [" +
                                        std::string("\"403480620030900\"") + "]");
        }));
    CHECK_THAT(msg, Contains("jver-r001 needs a plan area of at least 30 ha"));
  }
  SECTION("FO-001 admits a part of a plan only when the plan covers 500 ha") {
    const std::string msg = error_of(
        "p.yaml", fo001_scenario([](std::string t) {
          t = test::replace_once(t, "      hwp: true", "      hwp: true\n      plan_area_ha: 450");
          return test::replace_once(
              t, "        species: [sugi, hinoki]",
              "        species: [sugi, hinoki]\n        keys: [\"403480620030900\"]");
        }));
    CHECK_THAT(msg, Contains("admits a part only of a plan of 500 ha or more"));
  }
  SECTION("periods outside the simulated years") {
    const std::string text = fo001_scenario([](std::string t) {
      return test::replace_once(t, "periods: {first: 2025, years: 8, monitoring_years: 1}",
                                "periods: {first: 2035, years: 8, monitoring_years: 1}");
    });
    const std::string path = test::write_scenario(dir, "y.yaml", text);
    const std::string msg = test::input_error([&] { driver::load(io::load_scenario(path)); });
    CHECK_THAT(msg, StartsWith(test::place(path, text, "{first: 2035")) &&
                        Contains("outside the simulated years"));
  }
  SECTION("a credit period longer than the methodology allows") {
    const std::string msg = error_of(
        "c.yaml", fo001_scenario([](std::string t) {
          t = test::replace_once(t, "  years: 16", "  years: 20");
          return test::replace_once(t, "periods: {first: 2025, years: 8, monitoring_years: 1}",
                                    "periods: {first: 2025, years: 17}");
        }));
    CHECK_THAT(msg, Contains("covers 17 years; jcredit-fo-001 credits at most 16"));
  }
}

TEST_CASE(
    "crediting run: EN-R-001 credits the boilers' reductions, less in the years the backup runs",
    "[crediting][fuel][e2e]") {
  const std::string dir = test::scratch_dir("crediting-enr001");
  io::ScenarioOverrides o;
  o.output = dir + "/short.h5";
  const driver::Loaded loaded =
      driver::load(io::load_scenario(test::repo("scenarios/hinohara-boilers-shortfall.yaml"), o));
  const driver::RunOutcome outcome = driver::run_to_file(loaded, "test");
  REQUIRE(outcome.credits.size() == 1);
  const crediting::Credits& c = outcome.credits[0];
  const auto& years = outcome.result.aggregates.fuel[0];  // the one boiler, per time index
  REQUIRE(c.chains.size() == 8);
  bool short_year = false;
  for (std::size_t k = 0; k < 8; ++k) {
    const fuel::BoilerYear& y = years[k + 1];  // FY2025 + k
    const crediting::Chain& ch = c.chains[k];
    CHECK(ch.net == y.reduction);
    CHECK(ch.baseline_emission == y.baseline_emission);
    CHECK(ch.project_emission == y.project.total());
    CHECK(ch.buffer == 0.0);  // reductions: no buffer (data/crediting.csv)
    CHECK(ch.issued == std::floor(y.reduction));
    if (y.shortfall > 1.0) {
      short_year = true;
      CHECK(ch.issued < c.chains[0].issued);  // FY2025 has no shortfall
    }
  }
  CHECK(short_year);  // FY2028-FY2030 are short in this scenario
}

TEST_CASE(
    "crediting run: a project selected by a polygon layer holds the parcels whose centroid lies "
    "inside",
    "[crediting][fukuoka]") {
  const std::string dir = test::scratch_dir("crediting-polygons");
  // The eastern half of Hisayama (longitude 130.5146 and east), as GeoJSON in WGS 84 like the
  // register.
  const double west = 130.5146;
  test::write_file(
      dir + "/east.geojson",
      "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": "
      "{}, "
      "\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[130.5146, 33.6], [130.6, 33.6], "
      "[130.6, 33.75], [130.5146, 33.75], [130.5146, 33.6]]]}}]}");
  const std::string path = test::write_scenario(
      dir, "poly.yaml", fo001_scenario([&](std::string t) {
        return test::replace_once(
            t, "        species: [sugi, hinoki]",
            "        species: [sugi, hinoki]\n        polygons: {path: " + dir + "/east.geojson}");
      }));
  const driver::Loaded l = driver::load(io::load_scenario(path));
  const crediting::Project& p = l.inputs.credit.projects[0];
  const Landscape& L = l.inputs.parcels;
  // The same selection computed here with GDAL: centroid longitude >= west, sugi or hinoki
  // plantation (the other filters of the scenario).
  GDALAllRegister();
  std::unique_ptr<GDALDataset> ds(GDALDataset::Open(
      test::shared("data/fukuoka-forest-register/hisayama.fgb").c_str(), GDAL_OF_VECTOR));
  std::map<std::int64_t, bool> east;
  for (auto& f : *ds->GetLayer(0)) {
    OGRPoint c;
    f->GetGeometryRef()->Centroid(&c);
    east[f->GetFID()] = c.getX() >= west;
  }
  std::size_t expected = 0, west_plantations = 0;
  const auto sugi = *l.inputs.species.find("sugi"), hinoki = *l.inputs.species.find("hinoki");
  for (std::size_t i = 0; i < L.size(); ++i) {
    const bool plantation = L.forest_type_names[L.forest_type[i]] == "人工林" &&
                            (L.species[i] == sugi || L.species[i] == hinoki);
    if (!plantation) continue;
    const bool in = east.at(L.source_fid[i]);
    CHECK((p.local_of_row[i] != crediting::kNotInProject) == in);
    expected += in ? 1 : 0;
    west_plantations += in ? 0 : 1;
  }
  CHECK(p.rows.size() == expected);
  CHECK(expected > 100);
  CHECK(west_plantations > 100);  // the polygon really splits the register
  SECTION("a polygon file that cannot be opened is named") {
    const std::string bad = test::write_scenario(
        dir, "bad.yaml", fo001_scenario([&](std::string t) {
          return test::replace_once(t, "        species: [sugi, hinoki]",
                                    "        species: [sugi, hinoki]\n        polygons: {path: " +
                                        dir + "/none.geojson}");
        }));
    const std::string msg = test::input_error([&] { driver::load(io::load_scenario(bad)); });
    CHECK_THAT(msg, Contains(dir + "/none.geojson: cannot open the project polygons"));
  }
}
