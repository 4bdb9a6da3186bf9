// Consistency of the shipped tables (issue 11): every species code that a register name can reach
// through data/species_aliases.csv has its parameters and a curve in every growth table the
// repository ships (Richards volume and top-height curves under every site-class scheme, every
// yield table in data/yield_tables/), so no register species can stop a run for a missing table
// row. A species without its own curve borrows one, with status U and a source that says so.
// Tables that have a declared fallback instead are checked as fallbacks: decay rows ('*'), and
// density diagrams (stands of a species without one start at stand.initial_stems.default_per_ha).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "shinrin/driver/load.hpp"
#include "shinrin/driver/run.hpp"
#include "shinrin/growth/yield_table_model.hpp"
#include "shinrin/io/csv.hpp"
#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/scenario.hpp"
#include "test_support.hpp"

using namespace shinrin;
using namespace shinrin::test;
namespace fs = std::filesystem;

namespace {

std::string data(const std::string& name) {
  return test::repo("data/" + name);
}

//! Species codes that some alias row simulates, with one register name of each.
std::map<std::string, std::string> reachable_codes(const SpeciesTable& species) {
  std::map<std::string, std::string> out;
  for (const auto& [name, e] : io::load_alias_table(data("species_aliases.csv"), species)) {
    if (e.land_class == io::LandClass::forest || e.land_class == io::LandClass::natural_forest)
      out.try_emplace(species[e.species].code, name);
  }
  return out;
}

//! Site-class schemes of data/site_classes.csv with the classes each lists ("*" as -1), plus 0
//! (no class recorded) and 1..3 (the register values the shipped scenarios meet).
std::map<std::string, std::set<int>> site_class_schemes() {
  const io::CsvTable t = io::CsvTable::read(data("site_classes.csv"));
  const std::size_t c_scheme = t.column("scheme"), c_class = t.column("site_class");
  std::map<std::string, std::set<int>> out;
  for (const auto& row : t.rows()) {
    const std::string& cls = t.text(row, c_class);
    auto& classes = out[t.text(row, c_scheme)];
    classes.insert(cls == "*" ? 0 : std::stoi(cls));
  }
  return out;
}

}  // namespace

TEST_CASE("tables: every species an alias row reaches has parameters and every shipped curve",
          "[tables]") {
  const SpeciesTable species = repo_species();
  const auto codes = reachable_codes(species);
  // Every code of the species table is reachable (none is dead), and the register's own
  // species and the two groups are among them.
  CHECK(codes.size() == species.size());
  for (const char* c : {"sugi", "hinoki", "akamatsu", "kuromatsu", "kunugi", "karamatsu",
                        "conifer_other", "broadleaf_other"}) {
    CHECK(codes.contains(c));
  }

  for (const auto& [code, name] : codes) {
    INFO("species " << code << " (register name " << name << ")");
    const auto s = species.find(code);
    REQUIRE(s);
    const SpeciesParams& p = species[*s];
    CHECK(p.records.size() == 5);  // D, BEF_young, BEF_old, R, CF, each with status and source
    for (double v : {p.D, p.bef_young, p.bef_old, p.CF}) CHECK(v > 0.0);
    CHECK(p.R >= 0.0);
  }

  // Richards volume and top-height curves, under every site-class scheme.
  std::size_t schemes = 0;
  for (const auto& [scheme, classes] : site_class_schemes()) {
    ++schemes;
    const auto volume =
        io::load_richards_model(data("richards_curves.csv"), data("site_classes.csv"), scheme);
    const auto height = io::load_richards_model(data("height_curves.csv"), data("site_classes.csv"),
                                                scheme, io::RichardsQuantity::height);
    for (const auto& [code, name] : codes) {
      for (int cls : classes) {
        INFO("species " << code << ", scheme " << scheme << ", site class " << cls);
        CHECK_FALSE(volume.missing({code, cls}).has_value());
        CHECK_FALSE(height.missing({code, cls}).has_value());
      }
    }
  }
  CHECK(schemes >= 2);

  // Every yield table shipped.
  std::size_t yield_tables = 0;
  for (const auto& f : fs::directory_iterator(data("yield_tables"))) {
    if (f.path().extension() != ".csv") continue;
    ++yield_tables;
    const auto model = io::load_yield_table_model(f.path().string());
    for (const auto& [code, name] : codes) {
      for (int cls : {0, 1, 2, 3}) {
        INFO(f.path().string() << ": species " << code << ", site class " << cls);
        CHECK_FALSE(model.missing({code, cls}).has_value());
      }
    }
  }
  CHECK(yield_tables >= 1);

  // A borrowed curve is unconfirmed and says so.
  for (const char* table : {"richards_curves.csv", "height_curves.csv"}) {
    const io::CsvTable t = io::CsvTable::read(data(table));
    const std::size_t c_status = t.column("status"), c_src = t.column("source");
    for (const auto& row : t.rows()) {
      INFO(table << ":" << row.line);
      if (t.text(row, c_src).rfind("assumed", 0) == 0) CHECK(t.text(row, c_status) == "U");
    }
  }
}

// The same, end to end: a register holding every forest name of the alias table loads and runs
// under each growth model, with stands (height curves, the Kyushu density diagrams of sugi and
// hinoki, every other species at the default stems) and the carbon pools (decay rows of '*').
TEST_CASE("tables: a register with every species name of the alias table runs under each model",
          "[tables]") {
  const std::string dir = test::scratch_dir("tables-every-name");
  const SpeciesTable species = repo_species();
  std::vector<std::string> names;
  for (const auto& [name, e] : io::load_alias_table(data("species_aliases.csv"), species)) {
    if (e.land_class == io::LandClass::forest || e.land_class == io::LandClass::natural_forest)
      names.push_back(name);
  }
  REQUIRE(names.size() > 40);
  std::string features;
  for (std::size_t k = 0; k < names.size(); ++k) {
    features +=
        std::string(k ? "," : "") + R"({"type":"Feature","properties":{"key":"p)" +
        std::to_string(k) + R"(","sp":")" + names[k] + R"(","age":)" +
        std::to_string(5 + 7 * (k % 12)) + R"(,"ha":1.0,"site":)" + std::to_string(k % 4) +
        R"(},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}})";
  }
  test::write_file(dir + "/every-name.geojson",
                   R"({"type":"FeatureCollection","features":[)" + features + "]}");
  const std::string base = expand(R"(format_version: 1
description: every species name of the alias table
simulation: {start_year: 2025, years: 3}
parcels:
  path: every-name.geojson
  fields: {id: key, species: sp, age: age, area: ha, site_class: site}
parameters:
  species: {DATA}/species.csv
  species_aliases: {DATA}/species_aliases.csv
{GROWTH}stand:
  height: {curves: {DATA}/height_curves.csv, site_classes: {DATA}/site_classes.csv, site_class_scheme: three_class}
  density_diagram: {path: {DATA}/density_diagram.csv, region: kyushu}
  initial_stems: {yield_index: 0.7, max_per_ha: 3000, default_per_ha: 1500}
  critical_stocking: 0.7
carbon: {decay: {DATA}/decay.csv, hwp: {DATA}/hwp.csv, soil: true}
output: {path: every-name.h5}
)",
                                  {{"DATA", test::repo("data")}});
  std::map<std::string, std::string> growth = {
      {"richards",
       "growth:\n  model: richards\n  richards: {curves: " + data("richards_curves.csv") +
           ", site_classes: " + data("site_classes.csv") + ", site_class_scheme: three_class}\n"}};
  for (const auto& f : fs::directory_iterator(data("yield_tables"))) {
    if (f.path().extension() == ".csv")
      growth["yield table " + f.path().filename().string()] =
          "growth:\n  model: yield_table\n  yield_table: {path: " + f.path().string() + "}\n";
  }
  for (const auto& [model, text] : growth) {
    INFO(model);
    const std::string path =
        write_scenario(dir, "every-name.yaml", expand(base, {{"GROWTH", text}}));
    const driver::Loaded l = prepare(path);
    CHECK(l.inputs.parcels.size() == names.size());
    CHECK(l.record.handling.records[std::size_t(Handling::simulated)] ==
          static_cast<std::int64_t>(names.size()));
    const driver::RunOutcome r = driver::run_to_file(l, "test");
    CHECK(r.result.aggregates.total_area_ha == Approx(double(names.size())));
    CHECK(fs::exists(r.output_path));
  }
}

TEST_CASE("csv: text that is not UTF-8 is an input error naming file, line and column", "[csv]") {
  auto error_of = [](const std::string& text) {
    return input_error([&] { (void)io::CsvTable::parse(text, "t.csv"); });
  };
  // Well-formed UTF-8 of 1 to 4 bytes, with a byte-order mark, is read.
  const std::string good =
      "\xEF\xBB\xBFname,value\n\xC3\xA9,1\n\xE6\x9D\xB1\xE4\xBA\xAC,2\n\xF0\x9F\x8C\xB2,3\n";
  const io::CsvTable t = io::CsvTable::parse(good, "t.csv");
  REQUIRE(t.rows().size() == 3);
  CHECK(t.rows()[1].fields[0] == "\xE6\x9D\xB1\xE4\xBA\xAC");
  // 東京 in CP932 on line 2, column 3.
  const std::string cp932 = error_of("name,value\nx,\x93\x8C\x8B\x9E\n");
  CHECK_THAT(cp932, Catch::Matchers::StartsWith("t.csv:2:3: the file is not UTF-8 (byte 0x93"));
  CHECK_THAT(cp932, Catch::Matchers::Contains("Shift_JIS/CP932 saved by Excel"));
  // A lone continuation byte, an overlong form, a surrogate, past U+10FFFF, a truncated sequence.
  CHECK_THAT(error_of("a\n\x80\n"), Catch::Matchers::StartsWith("t.csv:2:1: "));
  CHECK_THAT(error_of("a\nb\xC0\xAF\n"), Catch::Matchers::StartsWith("t.csv:2:2: "));
  CHECK_THAT(error_of("\xED\xA0\x80\n"), Catch::Matchers::StartsWith("t.csv:1:1: "));
  CHECK_THAT(error_of("\xF4\x90\x80\x80\n"), Catch::Matchers::StartsWith("t.csv:1:1: "));
  CHECK_THAT(error_of("name\n\xE6\x9D"), Catch::Matchers::StartsWith("t.csv:2:1: "));
}
