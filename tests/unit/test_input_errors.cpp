// Bad input gives one clear error that names the place: file:line:column and key path (YAML),
// file:line and column (CSV), parcel, engine field and source field (GIS); the CLI exits non-zero
// with a single "shinrin: error:" line and no library noise. Fixtures are written per test under
// the build tree (test::scratch_dir); the Fukuoka register is read in place, never copied.
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "shinrin/core/error.hpp"
#include "shinrin/driver/load.hpp"
#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/results_reader.hpp"
#include "shinrin/io/scenario.hpp"
#include "test_support.hpp"

using namespace shinrin;
using namespace shinrin::test;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;

namespace {

//! The line of `text` that contains `needle` (fails if there is not exactly one).
std::string line_with(const std::string& text, const std::string& needle) {
  INFO(text);
  REQUIRE(count_of(text, needle) == 1);
  const auto pos = text.find(needle);
  const auto bol = text.rfind('\n', pos);
  const auto eol = text.find('\n', pos);
  const auto from = bol == std::string::npos ? 0 : bol + 1;
  return text.substr(from, (eol == std::string::npos ? text.size() : eol) - from);
}

// --- CLI ---------------------------------------------------------------------------------------

std::string shell_quoted(const std::string& s) {
  return "'" + s + "'";
}

//! Runs `shinrin args`, expecting failure with exit code `code`: exactly one "shinrin: error:"
//! message (the first output unless `after_progress`), no HDF5/GDAL printing, no crash.
std::string cli_error(const std::string& args, int code = 1, bool after_progress = false) {
  std::string out;
  const int rc = test::run_cli(args, out);
  INFO("shinrin " << args << "\n" << out);
  CHECK(rc == code);
  CHECK(count_of(out, "shinrin: error: ") == 1);
  if (!after_progress) CHECK_THAT(out, StartsWith("shinrin: error: "));
  for (const char* noise : {"HDF5-DIAG", "ERROR 1:", "ERROR 4:", "ERROR 6:", "Warning 1:",
                            "terminate called", "internal error", "YAML::"}) {
    CHECK_THAT(out, !Contains(noise));
  }
  return out;
}

// --- scenarios ---------------------------------------------------------------------------------

// As the engine reports them: lexically normal (test::shared has a "..").
const std::string kDemo =
    fs::path(test::repo("data/demo/hinohara_demo.gpkg")).lexically_normal().string();
const std::string kHisayama =
    fs::path(test::shared("data/fukuoka-forest-register/hisayama.fgb")).lexically_normal().string();

std::string data(const std::string& name) {
  return test::repo("data/" + name);
}

//! A valid scenario over the demo parcels, with absolute paths (lines are unique, so tests can
//! edit them with replace_once).
std::string demo_yaml() {
  return expand(R"(# input-error test scenario
format_version: 1
description: input-error tests on the demo parcels
simulation:
  start_year: 2025
  years: 2
parcels:
  path: {DEMO}
  layer: shohan
  fields:
    id: key
    species: species_name
    age: age
    area: area_ha
    site_class: site_class
    forest_type: forest_type
    storey: storey
    municipality: municipality
  age_reference_year: 2024
  invalid_values: error
  unknown_species: error
parameters:
  species: {DATA}/species.csv
  species_aliases: {DATA}/species_aliases.csv
  forest_types: {DATA}/forest_types.csv
growth:
  model: richards
  richards:
    curves: {DATA}/richards_curves.csv
    site_classes: {DATA}/site_classes.csv
    site_class_scheme: three_class
)",
                {{"DEMO", kDemo}, {"DATA", test::repo("data")}});
}

//! A valid scenario over the Fukuoka register of Hisayama (as scenarios/fukuoka-register.yaml),
//! with the alias table `aliases`.
std::string hisayama_yaml(const std::string& aliases) {
  return expand(R"(format_version: 1
description: input-error tests on the Hisayama register
simulation:
  start_year: 2025
  years: 2
parcels:
  path: {REGISTER}
  fields:
    id: link_key
    species: zyusyu_nam
    age: rinrei
    area: hoban_men
    site_class: growth
    forest_type: rinsyu_nam
    storey: layer_kbn_
    municipality: city_name
  age_reference_year: 2019
  invalid_values: error
  unknown_species: error
parameters:
  species: {DATA}/species.csv
  species_aliases: {ALIASES}
  forest_types: {DATA}/forest_types.csv
growth:
  model: richards
  richards:
    curves: {DATA}/richards_curves.csv
    site_classes: {DATA}/site_classes.csv
    site_class_scheme: uniform
)",
                {{"REGISTER", kHisayama}, {"DATA", test::repo("data")}, {"ALIASES", aliases}});
}

std::int64_t records(const HandlingReport& h, Handling c) {
  return h.records[static_cast<std::size_t>(c)];
}
double hectares(const HandlingReport& h, Handling c) {
  return h.hectares[static_cast<std::size_t>(c)];
}

// --- GIS fixtures ------------------------------------------------------------------------------

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

Dataset open_vector(const std::string& path) {
  GDALAllRegister();
  Dataset ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  INFO(path);
  REQUIRE(ds);
  return ds;
}

//! One record of the demo layer, read with OGR directly.
struct DemoRecord {
  std::string key, species_name, forest_type, storey;
  std::int64_t fid = 0;
  double area_ha = 0.0;
  int site_class = 0;
};

std::vector<DemoRecord> demo_records() {
  Dataset ds = open_vector(kDemo);
  OGRLayer* layer = ds->GetLayerByName("shohan");
  REQUIRE(layer);
  std::vector<DemoRecord> out;
  for (auto& f : *layer) {
    out.push_back({f->GetFieldAsString("key"), f->GetFieldAsString("species_name"),
                   f->GetFieldAsString("forest_type"), f->GetFieldAsString("storey"), f->GetFID(),
                   f->GetFieldAsDouble("area_ha"), f->GetFieldAsInteger("site_class")});
  }
  return out;
}

//! The first `n` demo records with this species name and forest type and no storey.
std::vector<DemoRecord> pick(const std::vector<DemoRecord>& all, const std::string& species_name,
                             const std::string& forest_type, std::size_t n) {
  std::vector<DemoRecord> out;
  for (const auto& r : all) {
    if (out.size() < n && r.species_name == species_name && r.forest_type == forest_type &&
        r.storey.empty()) {
      out.push_back(r);
    }
  }
  REQUIRE(out.size() == n);
  return out;
}

//! Copies the demo layer to a GeoPackage at `out` with age renamed to "rinrei" and area_ha to
//! "menseki" (so engine and source field names differ), letting `edit` change each feature.
void derive_demo(const std::string& out, const std::function<void(OGRFeature&)>& edit) {
  Dataset src = open_vector(kDemo);
  OGRLayer* in = src->GetLayerByName("shohan");
  REQUIRE(in);
  GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
  REQUIRE(gpkg);
  Dataset dst(gpkg->Create(out.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  REQUIRE(dst);
  OGRLayer* layer = dst->CreateLayer("shohan", in->GetSpatialRef(), in->GetGeomType(), nullptr);
  REQUIRE(layer);
  OGRFeatureDefn* defn = in->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    OGRFieldDefn field(defn->GetFieldDefn(i));
    const std::string name = field.GetNameRef();
    if (name == "age") field.SetName("rinrei");
    if (name == "area_ha") field.SetName("menseki");
    REQUIRE(layer->CreateField(&field) == OGRERR_NONE);
  }
  std::vector<int> same(static_cast<std::size_t>(defn->GetFieldCount()));
  std::iota(same.begin(), same.end(), 0);
  REQUIRE(dst->StartTransaction() == OGRERR_NONE);
  for (auto& f : *in) {
    OGRFeature copy(layer->GetLayerDefn());
    REQUIRE(copy.SetFrom(f.get(), same.data(), TRUE) == OGRERR_NONE);
    copy.SetFID(f->GetFID());
    edit(copy);
    REQUIRE(layer->CreateFeature(&copy) == OGRERR_NONE);
  }
  REQUIRE(dst->CommitTransaction() == OGRERR_NONE);
}

//! Edits the fixture of derive_demo by key.
std::function<void(OGRFeature&)> by_key(
    std::map<std::string, std::function<void(OGRFeature&)>> edits) {
  return [edits = std::move(edits)](OGRFeature& f) {
    if (const auto it = edits.find(f.GetFieldAsString("key")); it != edits.end()) it->second(f);
  };
}

//! The demo scenario pointed at a derive_demo fixture.
std::string derived_yaml(const std::string& gpkg) {
  std::string y = replace_once(demo_yaml(), "  path: " + kDemo + "\n", "  path: " + gpkg + "\n");
  y = replace_once(y, "    age: age\n", "    age: rinrei\n");
  return replace_once(y, "    area: area_ha\n", "    area: menseki\n");
}

//! data/species_aliases.csv without the rows of `names` (each must be there).
std::string aliases_without(const std::vector<std::string>& names) {
  std::istringstream in(read_text(data("species_aliases.csv")));
  std::string out, line;
  std::size_t dropped = 0;
  while (std::getline(in, line)) {
    bool drop = false;
    for (const auto& n : names) drop = drop || line.rfind(n + ",", 0) == 0;
    if (drop) {
      ++dropped;
    } else {
      out += line + "\n";
    }
  }
  REQUIRE(dropped == names.size());
  return out;
}

}  // namespace

// The base scenarios are valid, so every failure below comes from the one thing each test breaks.
TEST_CASE("input errors: the base scenarios of these tests are valid", "[errors]") {
  const std::string dir = test::scratch_dir("errors-base");
  const driver::Loaded demo = prepare(write_scenario(dir, "demo.yaml", demo_yaml()));
  CHECK(demo.inputs.parcels.size() > 0);
  CHECK(demo.record.handling.total_records() == static_cast<std::int64_t>(demo_records().size()));
  const driver::Loaded derived = [&] {
    derive_demo(dir + "/derived.gpkg", [](OGRFeature&) {});
    return prepare(write_scenario(dir, "derived.yaml", derived_yaml(dir + "/derived.gpkg")));
  }();
  CHECK(derived.record.handling.records == demo.record.handling.records);
}

// 1. Syntax errors carry yaml-cpp's mark as file:line:column.
TEST_CASE("input errors: YAML syntax error names file:line:column", "[errors]") {
  const std::string dir = test::scratch_dir("errors-syntax");
  SECTION("a key indented deeper than its siblings") {
    const std::string text = replace_once(demo_yaml(), "  years: 2\n", "   years: 27\n");
    const std::string path = write_scenario(dir, "indent.yaml", text);
    const std::string msg = input_error([&] { io::load_scenario(path); });
    CHECK_THAT(msg, StartsWith(place(path, text, ": 27") + ": YAML syntax error"));
  }
  SECTION("an unclosed flow sequence is reported at the end of the file") {
    const std::string text =
        demo_yaml() + "output:\n  parcel_series:\n    variables: [age, stem_volume\n";
    const std::string path = write_scenario(dir, "flow.yaml", text);
    const std::string msg = input_error([&] { io::load_scenario(path); });
    const int last_line = static_cast<int>(count_of(text, "\n")) + 1;
    CHECK_THAT(msg, StartsWith(path + ":" + std::to_string(last_line) + ":1: YAML syntax error"));
  }
  SECTION("CLI") {
    const std::string path = write_scenario(
        dir, "cli.yaml", replace_once(demo_yaml(), "  years: 2\n", "   years: 27\n"));
    const std::string out = cli_error("validate " + shell_quoted(path));
    CHECK_THAT(out, Contains(path + ":6:"));
  }
}

// 2. Unknown keys are errors at the key's own place, with the full key path.
TEST_CASE("input errors: unknown keys name the key path and file:line:column", "[errors]") {
  const std::string dir = test::scratch_dir("errors-unknown-key");
  SECTION("top level") {
    const std::string text =
        replace_once(demo_yaml(), "simulation:\n", "colour: green\nsimulation:\n");
    const std::string path = write_scenario(dir, "top.yaml", text);
    const std::string msg = input_error([&] { io::load_scenario(path); });
    CHECK_THAT(msg, StartsWith(place(path, text, "colour:") + ": unknown key 'colour'"));
    CHECK_THAT(msg, Contains("allowed here:") && Contains("simulation"));
  }
  SECTION("parcels.fields.colour") {
    const std::string text = replace_once(demo_yaml(), "    storey: storey\n",
                                          "    storey: storey\n    colour: green\n");
    const std::string path = write_scenario(dir, "fields.yaml", text);
    const std::string msg = input_error([&] { io::load_scenario(path); });
    CHECK_THAT(msg,
               StartsWith(place(path, text, "colour:") + ": unknown key 'parcels.fields.colour'"));
    CHECK_THAT(msg, Contains("species") && Contains("site_class"));  // the allowed keys
  }
  SECTION("growth.richards.colour") {
    const std::string text = demo_yaml() + "    colour: green\n";
    const std::string path = write_scenario(dir, "richards.yaml", text);
    const std::string msg = input_error([&] { io::load_scenario(path); });
    CHECK_THAT(msg,
               StartsWith(place(path, text, "colour:") + ": unknown key 'growth.richards.colour'"));
  }
  SECTION("CLI") {
    const std::string text = replace_once(demo_yaml(), "    storey: storey\n",
                                          "    storey: storey\n    colour: green\n");
    const std::string path = write_scenario(dir, "cli.yaml", text);
    const std::string out = cli_error("validate " + shell_quoted(path));
    CHECK_THAT(out,
               Contains(place(path, text, "colour:") + ": unknown key 'parcels.fields.colour'"));
  }
}

// 3. A missing key names itself and the mapping it belongs in (at that mapping's place).
TEST_CASE("input errors: missing required keys name the key and its mapping", "[errors]") {
  const std::string dir = test::scratch_dir("errors-missing-key");
  SECTION("simulation.years") {
    const std::string text = replace_once(demo_yaml(), "  years: 2\n", "");
    const std::string path = write_scenario(dir, "years.yaml", text);
    const std::string msg = input_error([&] { io::load_scenario(path); });
    CHECK_THAT(msg, StartsWith(place(path, text, "start_year:") +
                               ": 'simulation': missing required key 'years'"));
  }
  SECTION("parcels.fields.species") {
    const std::string text = replace_once(demo_yaml(), "    species: species_name\n", "");
    const std::string path = write_scenario(dir, "species.yaml", text);
    const std::string msg = input_error([&] { io::load_scenario(path); });
    CHECK_THAT(msg, StartsWith(place(path, text, "id: key") +
                               ": 'parcels.fields': missing required key 'species'"));
  }
  SECTION("growth (top level)") {
    std::string text = demo_yaml();
    text = text.substr(0, text.find("growth:\n"));
    const std::string path = write_scenario(dir, "growth.yaml", text);
    const std::string msg = input_error([&] { io::load_scenario(path); });
    CHECK_THAT(
        msg, StartsWith(place(path, text, "format_version:") + ": missing required key 'growth'"));
  }
}

// 4. Wrong types and values: key path, the value and what is expected.
TEST_CASE("input errors: wrong types and values name the key and what is expected", "[errors]") {
  const std::string dir = test::scratch_dir("errors-values");
  auto error_for = [&](const std::string& from, const std::string& to, std::string& text,
                       std::string& path) {
    text = replace_once(demo_yaml(), from, to);
    path = write_scenario(dir, "scenario.yaml", text);
    return input_error([&] { io::load_scenario(path); });
  };
  std::string text, path;
  SECTION("years: \"abc\"") {
    const std::string msg = error_for("  years: 2\n", "  years: \"abc\"\n", text, path);
    CHECK_THAT(msg, StartsWith(place(path, text, "\"abc\"") +
                               ": 'simulation.years': 'abc' is not an integer in [1, 1000]"));
  }
  SECTION("years: 0") {
    const std::string msg = error_for("  years: 2\n", "  years: 0\n", text, path);
    CHECK_THAT(msg, StartsWith(place(path, text, "years: 0", 7) +
                               ": 'simulation.years': '0' is not an integer in [1, 1000]"));
  }
  SECTION("years: a list") {
    const std::string msg = error_for("  years: 2\n", "  years: [1, 2]\n", text, path);
    CHECK_THAT(msg, StartsWith(place(path, text, "[1, 2]") +
                               ": 'simulation.years': expected a single value"));
  }
  SECTION("invalid_values: maybe") {
    const std::string msg =
        error_for("  invalid_values: error\n", "  invalid_values: maybe\n", text, path);
    CHECK_THAT(msg, StartsWith(place(path, text, "maybe") + ": 'parcels.invalid_values': 'maybe'"));
    CHECK_THAT(msg, Contains("error") && Contains("skip"));
  }
  SECTION("growth.model: foo") {
    const std::string msg = error_for("  model: richards\n", "  model: foo\n", text, path);
    CHECK_THAT(
        msg, StartsWith(place(path, text, "foo") + ": 'growth.model': unknown growth model 'foo'"));
    CHECK_THAT(msg, Contains("richards, yield_table"));
  }
  SECTION("simulation: a value instead of a mapping") {
    std::string t = demo_yaml();
    t = replace_once(t, "simulation:\n  start_year: 2025\n  years: 2\n", "simulation: 30\n");
    const std::string p = write_scenario(dir, "scalar.yaml", t);
    CHECK_THAT(
        input_error([&] { io::load_scenario(p); }),
        StartsWith(place(p, t, "simulation: 30", 12) + ": 'simulation': expected a mapping"));
  }
  SECTION("unknown_species: a code the species table does not have") {
    text = replace_once(demo_yaml(), "  unknown_species: error\n", "  unknown_species: oak\n");
    path = write_scenario(dir, "fallback.yaml", text);
    const std::string msg = input_error([&] { driver::load(io::load_scenario(path)); });
    CHECK_THAT(msg, StartsWith(place(path, text, "oak") +
                               ": 'parcels.unknown_species': fallback species 'oak'"));
    CHECK_THAT(msg, Contains("species.csv"));
    io::ScenarioOverrides ov;
    ov.unknown_species = "pine";
    CHECK_THAT(input_error([&] { driver::load(io::load_scenario(path, ov)); }),
               StartsWith("option --unknown-species: fallback species 'pine'"));
  }
  SECTION("CLI") {
    error_for("  years: 2\n", "  years: 0\n", text, path);
    CHECK_THAT(cli_error("validate " + shell_quoted(path)), Contains("'simulation.years'"));
  }
}

// 5. Another scenario format version is refused, saying which one this engine reads.
TEST_CASE("input errors: format_version 2 is rejected with the supported version", "[errors]") {
  const std::string dir = test::scratch_dir("errors-format-version");
  const std::string text = replace_once(demo_yaml(), "format_version: 1\n", "format_version: 2\n");
  const std::string path = write_scenario(dir, "v2.yaml", text);
  const std::string msg = input_error([&] { io::load_scenario(path); });
  CHECK_THAT(msg, StartsWith(place(path, text, "format_version: 2", 16) +
                             ": format_version 2 is not supported"));
  CHECK_THAT(msg, Contains("reads " + std::to_string(io::kScenarioFormatVersion) + ")"));
  CHECK_THAT(cli_error("validate " + shell_quoted(path)), Contains("format_version 2"));
}

// 6. Missing files, layers and fields: one message naming the path, with what is there instead.
TEST_CASE("input errors: missing files, layers and fields", "[errors]") {
  const std::string dir = test::scratch_dir("errors-missing");
  SECTION("scenario file") {
    const std::string path = dir + "/no-such-scenario.yaml";
    CHECK_THAT(input_error([&] { io::load_scenario(path); }),
               Equals(path + ": cannot open the scenario file (No such file or directory)"));
    CHECK_THAT(cli_error("run " + shell_quoted(path)),
               Contains(path + ": cannot open the scenario file"));
  }
  SECTION("parcel file") {
    const std::string gpkg = dir + "/no-such-parcels.gpkg";
    const std::string path = write_scenario(
        dir, "s.yaml",
        replace_once(demo_yaml(), "  path: " + kDemo + "\n", "  path: " + gpkg + "\n"));
    CHECK_THAT(input_error([&] { prepare(path); }),
               StartsWith(gpkg + ": cannot open") && Contains("no such file"));
    CHECK_THAT(cli_error("validate " + shell_quoted(path)), Contains(gpkg + ": cannot open"));
  }
  SECTION("parcel file that is not a vector data source") {
    const std::string gpkg = dir + "/not-gis.gpkg";
    test::write_file(gpkg, "this is not a GeoPackage\n");
    const std::string path = write_scenario(
        dir, "s.yaml",
        replace_once(demo_yaml(), "  path: " + kDemo + "\n", "  path: " + gpkg + "\n"));
    CHECK_THAT(input_error([&] { prepare(path); }),
               StartsWith(gpkg + ": cannot open as a vector data source"));
    cli_error("validate " + shell_quoted(path));
  }
  SECTION("layer") {
    const std::string path = write_scenario(
        dir, "s.yaml", replace_once(demo_yaml(), "  layer: shohan\n", "  layer: stands\n"));
    CHECK_THAT(input_error([&] { prepare(path); }),
               Equals(kDemo + ": no layer 'stands' (layers: shohan)"));
    CHECK_THAT(cli_error("validate " + shell_quoted(path)),
               Contains("no layer 'stands' (layers: shohan)"));
  }
  SECTION("field mapping naming a missing field") {
    std::string fields;  // the layer's fields, read with OGR
    Dataset ds = open_vector(kDemo);
    OGRFeatureDefn* defn = ds->GetLayerByName("shohan")->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
      fields += (i ? ", " : "") + std::string(defn->GetFieldDefn(i)->GetNameRef());
    const std::string path = write_scenario(
        dir, "s.yaml", replace_once(demo_yaml(), "    age: age\n", "    age: rinrei\n"));
    const std::string msg = input_error([&] { prepare(path); });
    CHECK_THAT(msg, StartsWith(kDemo + " layer 'shohan': "));
    CHECK_THAT(msg, Contains("parcels.fields.age to 'rinrei'") && Contains("no such field"));
    CHECK_THAT(msg, Contains("(fields: " + fields + ")"));
    CHECK_THAT(cli_error("validate " + shell_quoted(path)),
               Contains("parcels.fields.age to 'rinrei'"));
  }
  SECTION("parameter table") {
    const std::string csv = dir + "/no-such-species.csv";
    const std::string path =
        write_scenario(dir, "s.yaml",
                       replace_once(demo_yaml(), "  species: " + data("species.csv") + "\n",
                                    "  species: " + csv + "\n"));
    CHECK_THAT(input_error([&] { prepare(path); }), StartsWith(csv + ": cannot open the file"));
  }
}

// 7. Every unknown species name is listed with its record count (counted here with OGR); with a
// fallback species those records are simulated and counted as fallback_species.
TEST_CASE("input errors: unknown species names are listed with their record counts", "[errors]") {
  const std::string dir = test::scratch_dir("errors-unknown-species");
  const std::string aliases = dir + "/aliases.csv";
  test::write_file(aliases, aliases_without({"すぎ", "ひのき"}));

  // Independent counts: records named すぎ / ひのき, and those of them whose forest type is forest
  // (a forest type such as 伐採跡地 makes a record unstocked whatever its species).
  const auto forest_types = io::load_forest_types(data("forest_types.csv"));
  std::map<std::string, long> named, named_forest;
  long features = 0;
  {
    Dataset ds = open_vector(kHisayama);
    for (auto& f : *ds->GetLayer(0)) {
      ++features;
      const std::string name = f->GetFieldAsString("zyusyu_nam");
      if (name != "すぎ" && name != "ひのき") continue;
      ++named[name];
      const auto ft = forest_types.find(f->GetFieldAsString("rinsyu_nam"));
      REQUIRE(ft != forest_types.end());
      if (ft->second == io::LandClass::forest) ++named_forest[name];
    }
  }
  REQUIRE(named["すぎ"] > 0);
  REQUIRE(named["ひのき"] > 0);

  const std::string path = write_scenario(dir, "unknown.yaml", hisayama_yaml(aliases));
  SECTION("error") {
    const std::string msg = input_error([&] { prepare(path); });
    CHECK_THAT(msg, StartsWith(kHisayama + " layer 'hisayama': cannot simulate these records:"));
    CHECK_THAT(msg, Contains("species names not in " + aliases));
    CHECK_THAT(msg, Contains("\n  'すぎ': " + std::to_string(named["すぎ"]) + " records"));
    CHECK_THAT(msg, Contains("\n  'ひのき': " + std::to_string(named["ひのき"]) + " records"));
    CHECK(count_of(msg, "\n  '") == 2);  // no other name is reported
    CHECK_THAT(msg, Contains("unknown_species") && Contains("--unknown-species"));
    CHECK_THAT(cli_error("validate " + shell_quoted(path)),
               Contains("'ひのき': " + std::to_string(named["ひのき"]) + " records"));
  }
  SECTION("fallback species from the scenario") {
    const driver::Loaded base =
        prepare(write_scenario(dir, "base.yaml", hisayama_yaml(data("species_aliases.csv"))));
    const driver::Loaded fb =
        prepare(write_scenario(dir, "fallback.yaml",
                               replace_once(hisayama_yaml(aliases), "  unknown_species: error\n",
                                            "  unknown_species: broadleaf_other\n")));
    const long expected = named_forest["すぎ"] + named_forest["ひのき"];
    CHECK(records(fb.record.handling, Handling::fallback_species) == expected);
    CHECK(fb.record.handling.total_records() == features);
    // Only the すぎ / ひのき forest records moved, from simulated to fallback_species.
    CHECK(records(base.record.handling, Handling::simulated) -
              records(fb.record.handling, Handling::simulated) ==
          expected);
    for (Handling h :
         {Handling::non_forest, Handling::bamboo, Handling::unstocked, Handling::skipped_invalid}) {
      CHECK(records(fb.record.handling, h) == records(base.record.handling, h));
    }
    const auto broadleaf = fb.inputs.species.find("broadleaf_other");
    REQUIRE(broadleaf);
    long flagged = 0, flagged_broadleaf = 0;  // parcels simulated with the fallback species
    for (std::size_t i = 0; i < fb.inputs.parcels.size(); ++i) {
      if (fb.inputs.parcels.fallback[i] == 0) continue;
      ++flagged;
      if (fb.inputs.parcels.species[i] == *broadleaf) ++flagged_broadleaf;
    }
    CHECK(flagged == expected);
    CHECK(flagged_broadleaf == expected);
  }
  SECTION("fallback species from the command line") {
    std::string out;
    const int rc =
        test::run_cli("validate " + shell_quoted(path) + " --unknown-species broadleaf_other", out);
    INFO(out);
    REQUIRE(rc == 0);
    std::istringstream row(line_with(out, "  fallback_species "));
    std::string cls;
    long n = -1;
    row >> cls >> n;
    CHECK(n == named_forest["すぎ"] + named_forest["ひのき"]);
  }
}

// 8. Invalid values on named parcels: parcel key and fid, engine and source field, what is
// expected; with invalid_values: skip they are counted and every record is still accounted for.
TEST_CASE("input errors: invalid GIS values name parcel, field and what is expected", "[errors]") {
  const std::string dir = test::scratch_dir("errors-invalid-values");
  const auto all = demo_records();
  const auto planted = pick(all, "スギ", "人工林", 3);
  const DemoRecord zero_area = planted[0], negative_age = planted[1], null_age = planted[2];
  // Values are checked only for records to simulate: a road with a negative area and a bamboo
  // stand with a negative age are counted in their classes (the road as 0 ha, with a warning).
  const DemoRecord negative_area = pick(all, "林道", "更新困難地", 1)[0];
  const DemoRecord bamboo = pick(all, "モウソウチク", "竹林", 1)[0];

  const std::string gpkg = dir + "/invalid.gpkg";
  derive_demo(
      gpkg,
      by_key({{zero_area.key, [](OGRFeature& f) { f.SetField("menseki", 0.0); }},
              {negative_area.key, [](OGRFeature& f) { f.SetField("menseki", -1.5); }},
              {negative_age.key, [](OGRFeature& f) { f.SetField("rinrei", -5); }},
              {null_age.key, [](OGRFeature& f) { f.SetFieldNull(f.GetFieldIndex("rinrei")); }},
              {bamboo.key, [](OGRFeature& f) { f.SetField("rinrei", -3); }}}));
  auto parcel = [](const DemoRecord& r) {
    return "parcel '" + r.key + "' (feature " + std::to_string(r.fid) + "): ";
  };

  SECTION("error") {
    const std::string path = write_scenario(dir, "error.yaml", derived_yaml(gpkg));
    const std::string msg = input_error([&] { prepare(path); });
    CHECK_THAT(msg, StartsWith(gpkg + " layer 'shohan': cannot simulate these records:"));
    CHECK_THAT(msg, Contains("invalid values (3;") && Contains("invalid_values: skip"));
    CHECK_THAT(line_with(msg, parcel(zero_area)),
               Contains("field 'area' (source field 'menseki'): 0 ha") &&
                   Contains("expected an area in (0, 10000] ha"));
    CHECK_THAT(msg, !Contains("'" + negative_area.key + "'"));
    CHECK_THAT(line_with(msg, parcel(negative_age)),
               Contains("field 'age' (source field 'rinrei'): -5") && Contains("expected an age"));
    CHECK_THAT(line_with(msg, parcel(null_age)),
               Contains("field 'age' (source field 'rinrei'): missing value") &&
                   Contains("expected an age"));
    CHECK_THAT(msg, !Contains("'" + bamboo.key + "'"));
    const std::string out = cli_error("validate " + shell_quoted(path));
    CHECK_THAT(out, Contains(parcel(null_age) + "field 'age' (source field 'rinrei')"));
  }
  SECTION("skip") {
    const driver::Loaded base = prepare(write_scenario(dir, "base.yaml", demo_yaml()));
    const driver::Loaded skip = prepare(write_scenario(
        dir, "skip.yaml",
        replace_once(derived_yaml(gpkg), "  invalid_values: error\n", "  invalid_values: skip\n")));
    const HandlingReport& h = skip.record.handling;
    CHECK(records(h, Handling::skipped_invalid) == 3);
    // Records with a bad area count 0 ha; the others their area.
    CHECK(hectares(h, Handling::skipped_invalid) ==
          Approx(negative_age.area_ha + null_age.area_ha));
    CHECK(h.total_records() == static_cast<std::int64_t>(all.size()));
    CHECK(h.total_hectares() == Approx(base.record.handling.total_hectares() - zero_area.area_ha -
                                       negative_area.area_ha));
    CHECK(records(h, Handling::simulated) ==
          records(base.record.handling, Handling::simulated) - 3);
    CHECK(records(h, Handling::non_forest) == records(base.record.handling, Handling::non_forest));
    CHECK(hectares(h, Handling::non_forest) ==
          Approx(hectares(base.record.handling, Handling::non_forest) - negative_area.area_ha));
    CHECK(h.unusable_area_records == 1);
    REQUIRE(skip.warning_count == 1);
    CHECK_THAT(skip.warnings.at(0),
               StartsWith(parcel(negative_area).substr(0, parcel(negative_area).size() - 2)) &&
                   Contains("field 'area' (source field 'menseki'): -1.5") &&
                   Contains("counted as 0 ha"));
    CHECK(records(h, Handling::bamboo) == records(base.record.handling, Handling::bamboo));
    const std::set<std::string> keys(skip.inputs.parcels.key.begin(),
                                     skip.inputs.parcels.key.end());
    for (const auto& r : {zero_area, negative_age, null_age}) CHECK_FALSE(keys.contains(r.key));
  }
}

// 9. Parameter tables: file:line and column, or the missing parameter.
TEST_CASE("input errors: parameter CSV errors name file, line and column", "[errors]") {
  const std::string dir = test::scratch_dir("errors-csv");
  const std::string species_text = read_text(data("species.csv"));
  const std::string species = dir + "/species.csv";
  // Line of a row given as "\nrow...": one after the line the needle starts on.
  auto line = [&](const std::string& row) {
    return std::to_string(line_of(species_text, row) + 1);
  };
  auto species_error = [&](const std::string& text) {
    test::write_file(species, text);
    return input_error([&] { io::load_species_table(species); });
  };

  SECTION("value that is not a number") {
    const std::string msg =
        species_error(replace_once(species_text, "\nsugi,D,0.314,", "\nsugi,D,0.31x4,"));
    CHECK_THAT(msg, StartsWith(species + ":" + line("\nsugi,D,0.314,") +
                               ": column 'value': '0.31x4' is not a finite number"));
  }
  SECTION("bad status tag") {
    const std::string msg = species_error(
        replace_once(species_text, "\nhinoki,BEF_old,1.24,1,C,", "\nhinoki,BEF_old,1.24,1,Q,"));
    CHECK_THAT(msg, StartsWith(species + ":" + line("\nhinoki,BEF_old,1.24,1,C,") +
                               ": column 'status': status 'Q'"));
    CHECK_THAT(msg, Contains("C, C*, D, U"));
  }
  SECTION("missing BEF_old row") {
    const auto from = species_text.find("\nhinoki,BEF_old,");
    REQUIRE(from != std::string::npos);
    std::string text = species_text;
    text.erase(from, text.find('\n', from + 1) - from);
    CHECK_THAT(species_error(text), Equals(species + ": species 'hinoki' has no BEF_old row"));
  }
  SECTION("wrong unit") {
    const std::string msg = species_error(
        replace_once(species_text, "\nsugi,D,0.314,t m-3,", "\nsugi,D,0.314,kg m-3,"));
    CHECK_THAT(msg, StartsWith(species + ":" + line("\nsugi,D,0.314,") +
                               ": column 'unit': unit of D must be 't m-3', not 'kg m-3'"));
  }
  SECTION("alias row naming an unknown species code") {
    const std::string alias_text = read_text(data("species_aliases.csv"));
    const std::string aliases = dir + "/aliases.csv";
    test::write_file(aliases,
                     replace_once(alias_text, "\nすぎ,forest,sugi,", "\nすぎ,forest,sugii,"));
    const std::string msg =
        input_error([&] { io::load_alias_table(aliases, test::repo_species()); });
    CHECK_THAT(msg, StartsWith(aliases + ":" +
                               std::to_string(line_of(alias_text, "\nすぎ,forest,sugi,") + 1) +
                               ": column 'species': species 'sugii'"));
  }
  SECTION("through a scenario and the CLI") {
    test::write_file(species, replace_once(species_text, "\nhinoki,BEF_old,1.24,1,C,",
                                           "\nhinoki,BEF_old,1.24,1,Q,"));
    const std::string path =
        write_scenario(dir, "s.yaml",
                       replace_once(demo_yaml(), "  species: " + data("species.csv") + "\n",
                                    "  species: " + species + "\n"));
    const std::string where =
        species + ":" + line("\nhinoki,BEF_old,1.24,1,C,") + ": column 'status'";
    CHECK_THAT(input_error([&] { prepare(path); }), StartsWith(where));
    CHECK_THAT(cli_error("validate " + shell_quoted(path)), Contains(where));
  }
}

// 10. Every (species, site class) the growth model cannot cover, with its record count (counted
// here from the demo layer with OGR and the alias and forest-type tables).
TEST_CASE("input errors: growth model gaps list species, site class and record counts",
          "[errors]") {
  const std::string dir = test::scratch_dir("errors-growth");
  const std::string table = dir + "/yield.csv";
  test::write_file(table,
                   "species,site_class,age,volume,status,source\n"
                   "sugi,1,10,50,U,test\nsugi,1,50,400,U,test\n"
                   "sugi,2,10,40,U,test\nsugi,2,50,300,U,test\n");
  std::string text = demo_yaml();
  text = replace_once(text, text.substr(text.find("growth:\n")),
                      "growth:\n  model: yield_table\n  yield_table:\n    path: yield.csv\n");
  const std::string path = write_scenario(dir, "yield.yaml", text);

  const SpeciesTable species = test::repo_species();
  const auto aliases = io::load_alias_table(data("species_aliases.csv"), species);
  const auto forest_types = io::load_forest_types(data("forest_types.csv"));
  std::map<std::pair<std::string, int>, long> expected;  // (species code, site class) -> records
  for (const auto& r : demo_records()) {
    const auto& alias = aliases.at(r.species_name);
    const io::LandClass type = forest_types.at(r.forest_type);
    if (alias.land_class != io::LandClass::forest ||
        (type != io::LandClass::forest && type != io::LandClass::natural_forest))
      continue;
    const std::string code = species[alias.species].code;
    if (code == "sugi" && (r.site_class == 1 || r.site_class == 2)) continue;  // in the table
    ++expected[{code, r.site_class}];
  }
  REQUIRE(expected.size() > 1);

  const std::string msg = input_error([&] { prepare(path); });
  CHECK_THAT(msg, StartsWith(kDemo + " layer 'shohan': growth model 'yield_table' (" + dir +
                             "/yield.csv)"));
  CHECK(count_of(msg, "\n  no yield table for species ") == expected.size());
  for (const auto& [key, n] : expected) {
    const std::string row = line_with(
        msg, "species '" + key.first + "' site class " + std::to_string(key.second) + " ");
    CHECK_THAT(row, EndsWith("): " + std::to_string(n) + " records"));
    CHECK_THAT(row, Contains(key.first == "sugi" ? "(site classes in the table: 1, 2)"
                                                 : "(the table has no rows for this species)"));
  }
  CHECK_THAT(cli_error("validate " + shell_quoted(path)),
             Contains("no yield table for species 'hinoki'"));
}

// 11. `shinrin info` on something that is not a results file.
TEST_CASE("input errors: info on a missing or non-HDF5 file", "[errors]") {
  const std::string dir = test::scratch_dir("errors-info");
  SECTION("not HDF5") {
    const std::string path = dir + "/results.h5";
    test::write_file(path, "not an HDF5 file\n");
    CHECK_THAT(input_error([&] { io::read_summary(path); }), Equals(path + ": not an HDF5 file"));
    // Not a complete results file: exit 3 (test_results_info.cpp has the other cases).
    CHECK_THAT(cli_error("info " + shell_quoted(path), 3), Contains(path + ": not an HDF5 file"));
    CHECK_THAT(cli_error("info --json " + shell_quoted(path), 3),
               Contains(path + ": not an HDF5 file"));
  }
  SECTION("missing") {
    const std::string path = dir + "/no-such-results.h5";
    CHECK_THAT(input_error([&] { io::read_summary(path); }), Equals(path + ": no such file"));
    CHECK_THAT(cli_error("info " + shell_quoted(path)), Contains(path + ": no such file"));
  }
}

// 12. Output: a missing folder fails before anything is loaded or simulated; a failed run leaves
// an existing file at the target as it was and no temporary file behind.
TEST_CASE("input errors: output path problems and failed runs keep existing results", "[errors]") {
  const std::string dir = test::scratch_dir("errors-output");
  const std::string scenario = write_scenario(dir, "demo.yaml", demo_yaml());
  auto temp_files = [&] {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().filename().string().find(".tmp-") != std::string::npos)
        out.push_back(e.path().string());
    }
    return out;
  };

  SECTION("output folder that does not exist") {
    const std::string output = dir + "/no-such-folder/results.h5";
    io::Scenario s = io::load_scenario(scenario);
    s.output_path = output;
    CHECK_THAT(
        input_error([&] { driver::load(s); }),
        Contains("'" + output + "'") && Contains("'" + dir + "/no-such-folder' does not exist"));
    // cli_error also checks that the error is the first output: nothing was loaded or run.
    const std::string out =
        cli_error("run " + shell_quoted(scenario) + " --output " + shell_quoted(output));
    CHECK_THAT(out, Contains(output));
    CHECK_FALSE(fs::exists(dir + "/no-such-folder"));
  }
  SECTION("a run that fails while loading keeps the existing file") {
    const std::string output = dir + "/results.h5";
    test::write_file(output, "previous results\n");
    const std::string aliases = dir + "/aliases.csv";
    test::write_file(aliases, aliases_without({"スギ"}));
    const std::string bad = write_scenario(
        dir, "bad.yaml",
        replace_once(demo_yaml(), "  species_aliases: " + data("species_aliases.csv") + "\n",
                     "  species_aliases: " + aliases + "\n"));
    CHECK_THAT(
        cli_error("run " + shell_quoted(bad) + " --overwrite --output " + shell_quoted(output)),
        Contains("'スギ': "));
    CHECK(read_text(output) == "previous results\n");
    CHECK(temp_files().empty());
  }
  SECTION("an output path that is a folder is refused before anything is loaded") {
    // (Failures while writing: test_write_failures.cpp.)
    const std::string output = dir + "/results.h5";
    fs::create_directory(output);
    test::write_file(output + "/keep.txt", "kept\n");
    const std::string out =
        cli_error("run " + shell_quoted(scenario) + " --output " + shell_quoted(output));
    CHECK_THAT(out, Contains("'" + output + "' is a folder"));
    CHECK(read_text(output + "/keep.txt") == "kept\n");
    CHECK(std::distance(fs::directory_iterator(output), fs::directory_iterator()) == 1);
    CHECK(temp_files().empty());
  }
}
