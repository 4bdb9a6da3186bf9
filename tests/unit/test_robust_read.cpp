// Reading without silent misreads (issue 11): a parcel file must yield the records its format
// declares; text is a number only when the whole text is one; areas, ages and parameters have
// bounds; totals cannot overflow; records that are not simulated are counted whatever their
// values; every problem of every loading stage comes in one message; repeated keys (YAML, register)
// are errors. Fixtures are real GDAL files written here (or copies of a shared register file) and
// the shipped tables.
#include <catch2/catch.hpp>

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hand_world.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/core/fixed_sum.hpp"
#include "shinrin/driver/load.hpp"
#include "shinrin/io/results_format.hpp"
#include "shinrin/io/results_reader.hpp"
#include "shinrin/io/scenario.hpp"
#include "shinrin/io/stand_tables.hpp"
#include "test_support.hpp"

using namespace shinrin;
using namespace shinrin::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;

namespace {

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

std::string data(const std::string& name) {
  return test::repo("data/" + name);
}

//! A register record of the fixtures. Age NULL when absent.
struct Rec {
  std::string key, species, forest_type;
  std::optional<int> age;
  double area_ha = 1.0;
  std::string storey;
};

//! Writes `recs` as layer "shohan" of a GeoPackage (EPSG:6677, 100 m squares side by side), with
//! fields key, sp, ftype, storey (String), rinrei (Integer), menseki (Real). Feature ids are 1, 2,
//! ... in the order of `recs`.
void write_gpkg(const std::string& path, const std::vector<Rec>& recs) {
  GDALAllRegister();
  GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
  REQUIRE(gpkg);
  Dataset ds(gpkg->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  REQUIRE(ds);
  OGRSpatialReference crs;
  REQUIRE(crs.importFromEPSG(6677) == OGRERR_NONE);
  OGRLayer* layer = ds->CreateLayer("shohan", &crs, wkbPolygon, nullptr);
  REQUIRE(layer);
  for (const char* name : {"key", "sp", "ftype", "storey"}) {
    OGRFieldDefn f(name, OFTString);
    REQUIRE(layer->CreateField(&f) == OGRERR_NONE);
  }
  OGRFieldDefn age("rinrei", OFTInteger), area("menseki", OFTReal);
  REQUIRE(layer->CreateField(&age) == OGRERR_NONE);
  REQUIRE(layer->CreateField(&area) == OGRERR_NONE);
  REQUIRE(ds->StartTransaction() == OGRERR_NONE);
  double x = 0.0;
  for (const Rec& r : recs) {
    OGRFeature f(layer->GetLayerDefn());
    f.SetField("key", r.key.c_str());
    f.SetField("sp", r.species.c_str());
    f.SetField("ftype", r.forest_type.c_str());
    f.SetField("storey", r.storey.c_str());
    if (r.age) {
      f.SetField("rinrei", *r.age);
    } else {
      f.SetFieldNull(f.GetFieldIndex("rinrei"));
    }
    f.SetField("menseki", r.area_ha);
    OGRPolygon poly;
    OGRLinearRing ring;
    ring.addPoint(x, 0);
    ring.addPoint(x + 100, 0);
    ring.addPoint(x + 100, 100);
    ring.addPoint(x, 100);
    ring.addPoint(x, 0);
    poly.addRing(&ring);
    f.SetGeometry(&poly);
    x += 100;
    REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
  }
  REQUIRE(ds->CommitTransaction() == OGRERR_NONE);
}

//! Runs SQLite statements on a GeoPackage (what any SQLite tool can do to one).
void sqlite(const std::string& path, const std::vector<std::string>& statements) {
  Dataset ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  REQUIRE(ds);
  for (const auto& s : statements) {
    CPLErrorReset();
    OGRLayer* rs = ds->ExecuteSQL(s.c_str(), nullptr, nullptr);
    if (rs) ds->ReleaseResultSet(rs);
    INFO(s << ": " << CPLGetLastErrorMsg());
    REQUIRE(CPLGetLastErrorType() < CE_Failure);
  }
}

//! A scenario over a write_gpkg fixture (absolute paths), Richards growth.
std::string fixture_yaml(const std::string& gpkg, const std::string& extra_parcels = "",
                         const std::string& curves = data("richards_curves.csv")) {
  return expand(
      R"(format_version: 1
description: robust-read fixture
simulation:
  start_year: 2025
  years: 1
parcels:
  path: {GPKG}
  fields:
    id: key
    species: sp
    age: rinrei
    area: menseki
    forest_type: ftype
    storey: storey
  municipality: 試験村
{EXTRA}parameters:
  species: {DATA}/species.csv
  species_aliases: {DATA}/species_aliases.csv
  forest_types: {DATA}/forest_types.csv
growth:
  model: richards
  richards:
    curves: {CURVES}
    site_classes: {DATA}/site_classes.csv
    site_class_scheme: uniform
)",
      {{"GPKG", gpkg}, {"DATA", test::repo("data")}, {"EXTRA", extra_parcels}, {"CURVES", curves}});
}

std::string quoted(const std::string& s) {
  return "'" + s + "'";
}

//! `shinrin args` expecting input-error exit 1 with exactly one error message.
std::string cli_input_error(const std::string& args) {
  std::string out;
  const int rc = test::run_cli(args, out);
  INFO("shinrin " << args << "\n" << out);
  CHECK(rc == 1);
  CHECK(count_of(out, "shinrin: error: ") == 1);
  CHECK_THAT(out, !Contains("internal error"));
  return out;
}

std::uint32_t le32(const std::string& bytes, std::size_t at) {
  std::uint32_t v = 0;
  for (int k = 3; k >= 0; --k) v = (v << 8) | static_cast<unsigned char>(bytes[at + k]);
  return v;
}

//! Features OGR reads from the first layer of `path`, and whether it reported a failure.
std::pair<long, bool> ogr_read(const std::string& path) {
  GDALAllRegister();
  CPLPushErrorHandler(CPLQuietErrorHandler);
  CPLErrorReset();
  long n = 0;
  bool failed = false;
  {
    Dataset ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    for (auto& f : *ds->GetLayer(0)) {
      (void)f;
      ++n;
    }
    failed = CPLGetLastErrorType() >= CE_Failure;
  }
  CPLPopErrorHandler();
  return {n, failed};
}

}  // namespace

// 1. The issue's truncated FlatGeobuf: GDAL reads the features left (or none, when the cut is in
// the spatial index) without an error; the engine compares with the header's count.
TEST_CASE("robust read: a truncated FlatGeobuf stops the run naming the file and both counts",
          "[robust]") {
  const std::string dir = test::scratch_dir("robust-truncated");
  const std::string source = test::shared("data/fukuoka-forest-register/kasuya.fgb");
  const std::string bytes = read_text(source);
  // Layout: 8 magic bytes, the header's size (uint32) and header, the packed Hilbert R-tree (node
  // size 16, 40 bytes a node), then each feature as a size-prefixed flatbuffer.
  REQUIRE(bytes.substr(0, 3) == "fgb");
  const std::size_t header_end = 12 + le32(bytes, 8);
  const long declared = 156;  // README of the shared data; checked against GDAL below
  {
    GDALAllRegister();
    Dataset ds(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    REQUIRE(ds->GetLayer(0)->GetFeatureCount(FALSE) == declared);
  }
  std::size_t nodes = 0;
  for (std::size_t n = declared;; n = (n + 15) / 16) {
    nodes += n;
    if (n == 1) break;
  }
  std::size_t at = header_end + nodes * 40;  // the first feature
  const long kept = 100;
  for (long k = 0; k < kept; ++k) at += 4 + le32(bytes, at);

  auto truncated = [&](const std::string& name, std::size_t size) {
    const std::string path = dir + "/" + name;
    test::write_file(path, bytes);
    fs::resize_file(path, size);
    return path;
  };
  const std::string at_feature = truncated("at-feature.fgb", at);
  const std::string in_index = truncated("in-index.fgb", header_end + 100);
  // What GDAL alone makes of them: fewer features, no error.
  CHECK(ogr_read(at_feature) == std::make_pair(kept, false));
  CHECK(ogr_read(in_index) == std::make_pair(0L, false));

  const std::string scenario = test::repo("scenarios/fukuoka-register.yaml");
  for (const auto& [path, read] : {std::pair{at_feature, kept}, std::pair{in_index, 0L}}) {
    INFO(path);
    io::ScenarioOverrides ov;
    ov.parcels = path;
    ov.output = dir + "/out.h5";
    const std::string msg = input_error([&] { driver::load(io::load_scenario(scenario, ov)); });
    CHECK_THAT(msg, StartsWith(path + " layer 'kasuya': read " + std::to_string(read) +
                               " features, but its FlatGeobuf header declares " +
                               std::to_string(declared)));
    CHECK_THAT(msg, Contains("truncated or damaged"));
    const std::string out =
        cli_input_error("run " + quoted(scenario) + " --parcels " + quoted(path) + " --output " +
                        quoted(dir + "/out.h5") + " --years 1");
    CHECK_THAT(out, Contains("read " + std::to_string(read) + " features"));
    CHECK_FALSE(fs::exists(dir + "/out.h5"));
  }
  // The whole file still reads: nothing is refused that is complete.
  const std::string whole = truncated("whole.fgb", bytes.size());
  io::ScenarioOverrides ov;
  ov.parcels = whole;
  const driver::Loaded l = driver::load(io::load_scenario(scenario, ov));
  CHECK(l.record.handling.total_records() == declared);
}

// A GeoPackage's contents table declares a count too; a wrong one stops the run.
TEST_CASE("robust read: a GeoPackage whose contents table declares another count stops the run",
          "[robust]") {
  const std::string dir = test::scratch_dir("robust-gpkg-count");
  const std::string gpkg = dir + "/p.gpkg";
  write_gpkg(gpkg, {{"a", "すぎ", "人工林", 30}, {"b", "すぎ", "人工林", 40}});
  const std::string yaml = write_scenario(dir, "s.yaml", fixture_yaml(gpkg));
  CHECK(prepare(yaml).record.handling.total_records() == 2);
  sqlite(gpkg, {"UPDATE gpkg_ogr_contents SET feature_count = 3 WHERE table_name = 'shohan'"});
  CHECK_THAT(input_error([&] { prepare(yaml); }),
             StartsWith(gpkg + " layer 'shohan': read 2 features, but its GeoPackage contents "
                               "table (gpkg_ogr_contents) declares 3"));
}

// 2. Text where a number is needed: '12年' in an INTEGER column of a GeoPackage reads as 12 through
// OGR, 'abc' as 0, '1,5' in a REAL column as 1.0; a text field's value is read only if the whole
// text is a number.
TEST_CASE("robust read: a value that is not a whole number is an error naming parcel, field, value",
          "[robust]") {
  const std::string dir = test::scratch_dir("robust-text");
  SECTION("GeoPackage: text stored in numeric columns") {
    const std::string gpkg = dir + "/text.gpkg";
    write_gpkg(gpkg, {{"age-unit", "すぎ", "人工林", 1},
                      {"age-abc", "すぎ", "人工林", 1},
                      {"age-frac", "すぎ", "人工林", 1},
                      {"area-comma", "すぎ", "人工林", 30},
                      {"area-unit", "すぎ", "人工林", 30},
                      {"fine-real", "すぎ", "人工林", 30, 2.5},
                      {"bamboo-text", "もうそう", "竹林", 1}});
    sqlite(gpkg, {"UPDATE shohan SET rinrei = '12年' WHERE key = 'age-unit'",
                  "UPDATE shohan SET rinrei = 'abc' WHERE key IN ('age-abc', 'bamboo-text')",
                  "UPDATE shohan SET rinrei = 12.5 WHERE key = 'age-frac'",
                  "UPDATE shohan SET menseki = '1,5' WHERE key = 'area-comma'",
                  "UPDATE shohan SET menseki = '2ha' WHERE key = 'area-unit'"});
    {  // what OGR alone makes of them
      GDALAllRegister();
      Dataset ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
      REQUIRE(ds);
      OGRLayer* layer = ds->GetLayer(0);
      std::map<std::string, std::pair<int, double>> seen;
      for (auto& f : *layer)
        seen[f->GetFieldAsString("key")] = {f->GetFieldAsInteger("rinrei"),
                                            f->GetFieldAsDouble("menseki")};
      CHECK(seen["age-unit"].first == 12);
      CHECK(seen["age-abc"].first == 0);
      CHECK(seen["age-frac"].first == 12);
      CHECK(seen["area-comma"].second == 1.0);
    }
    const std::string path = write_scenario(dir, "text.yaml", fixture_yaml(gpkg));
    const std::string msg = input_error([&] { prepare(path); });
    INFO(msg);
    CHECK_THAT(msg, StartsWith(gpkg + " layer 'shohan': cannot simulate these records:"));
    CHECK_THAT(msg, Contains("invalid values (5;"));
    CHECK_THAT(msg, Contains("parcel 'age-unit' (feature 1): field 'age' (source field 'rinrei'): "
                             "'12年' is not a number"));
    CHECK_THAT(msg, Contains("parcel 'age-abc' (feature 2): field 'age' (source field 'rinrei'): "
                             "'abc' is not a number"));
    CHECK_THAT(msg, Contains("parcel 'age-frac' (feature 3): field 'age' (source field 'rinrei'): "
                             "12.5 is not a whole number"));
    CHECK_THAT(msg, Contains("parcel 'area-comma' (feature 4): field 'area' (source field "
                             "'menseki'): '1,5' is not a number"));
    CHECK_THAT(msg, Contains("parcel 'area-unit' (feature 5): field 'area' (source field "
                             "'menseki'): '2ha' is not a number"));
    CHECK_THAT(msg, !Contains("fine-real") && !Contains("bamboo-text"));
    CHECK_THAT(cli_input_error("validate " + quoted(path)), Contains("'12年' is not a number"));
  }
  SECTION("GeoJSON: text fields") {
    // Mixed types make OGR read the properties as text: each value is judged as a whole.
    auto feature = [](const std::string& key, const std::string& age, const std::string& area) {
      return R"({"type":"Feature","properties":{"key":")" + key + R"(","sp":"すぎ","age":)" + age +
             R"(,"ha":)" + area +
             R"(},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}})";
    };
    test::write_file(
        dir + "/text.geojson",
        R"({"type":"FeatureCollection","features":[)" + feature("ok", "\"40\"", "\"1.5\"") + "," +
            feature("spaced", "\" 7 \"", "\"2e0\"") + "," + feature("unit", "\"12年\"", "\"0.5\"") +
            "," + feature("hex", "\"0x10\"", "\"1\"") + "," +
            feature("comma", "\"30\"", "\"1,5\"") + "," + feature("plus", "\"30\"", "\"+1\"") +
            "," + feature("num", "30", "1") + "]}");
    const std::string yaml = R"(format_version: 1
description: text fields
simulation: {start_year: 2025, years: 1}
parcels:
  path: text.geojson
  fields: {id: key, species: sp, age: age, area: ha}
parameters:
  species: )" + data("species.csv") +
                             R"(
  species_aliases: )" + data("species_aliases.csv") +
                             R"(
growth:
  model: richards
  richards: {curves: )" + data("richards_curves.csv") +
                             ", site_classes: " + data("site_classes.csv") +
                             R"(, site_class_scheme: uniform}
)";
    const std::string path = write_scenario(dir, "geojson.yaml", yaml);
    const std::string msg = input_error([&] { prepare(path); });
    INFO(msg);
    CHECK_THAT(msg, Contains("invalid values (4;"));
    CHECK_THAT(msg, Contains("parcel 'unit' (feature 2): field 'age' (source field 'age'): '12年' "
                             "is not a number"));
    CHECK_THAT(msg, Contains("parcel 'hex' (feature 3): field 'age' (source field 'age'): '0x10' "
                             "is not a number"));
    CHECK_THAT(msg, Contains("parcel 'comma' (feature 4): field 'area' (source field 'ha'): '1,5' "
                             "is not a number"));
    CHECK_THAT(msg, Contains("parcel 'plus' (feature 5): field 'area' (source field 'ha'): '+1' "
                             "is not a number"));
    CHECK_THAT(msg, !Contains("'ok'") && !Contains("'spaced'") && !Contains("'num'"));
  }
}

// 3. Bounds: a record of 10^15 ha (which wrapped the 64-bit totals round) is refused; an age above
// 300 years is simulated with a warning that the results count.
TEST_CASE("robust read: a record of 1e15 ha is refused, ages above 300 years are warnings",
          "[robust]") {
  const std::string dir = test::scratch_dir("robust-bounds");
  SECTION("area") {
    const std::string gpkg = dir + "/area.gpkg";
    write_gpkg(gpkg, {{"huge", "すぎ", "人工林", 40, 1e15},
                      {"fine", "すぎ", "人工林", 40, 9999.5},
                      {"huge-road", "林道", "更新困難地", std::nullopt, 1e15}});
    const std::string path = write_scenario(dir, "area.yaml", fixture_yaml(gpkg));
    const std::string msg = input_error([&] { prepare(path); });
    CHECK_THAT(msg, StartsWith(gpkg + " layer 'shohan': cannot simulate these records:\ninvalid "
                                      "values (1;"));
    CHECK_THAT(msg, Contains("parcel 'huge' (feature 1): field 'area' (source field 'menseki'): "
                             "1e+15 ha; expected an area in (0, 10000] ha"));
    const std::string out =
        cli_input_error("run " + quoted(path) + " --output " + quoted(dir + "/area.h5"));
    CHECK_THAT(out, Contains("1e+15 ha"));
    CHECK_FALSE(fs::exists(dir + "/area.h5"));
    // Skipped, the record counts 0 ha; the road (not simulated) counts 0 ha with a warning.
    const driver::Loaded skip =
        prepare(write_scenario(dir, "skip.yaml", fixture_yaml(gpkg, "  invalid_values: skip\n")));
    const HandlingReport& h = skip.record.handling;
    CHECK(h.records[std::size_t(Handling::skipped_invalid)] == 1);
    CHECK(h.hectares[std::size_t(Handling::skipped_invalid)] == 0.0);
    CHECK(h.records[std::size_t(Handling::non_forest)] == 1);
    CHECK(h.hectares[std::size_t(Handling::non_forest)] == 0.0);
    CHECK(h.total_hectares() == 9999.5);
    CHECK(h.unusable_area_records == 1);
    REQUIRE(skip.warnings.size() == 1);
    CHECK_THAT(skip.warnings[0], StartsWith("parcel 'huge-road' (feature 3) (non_forest, not "
                                            "simulated): field 'area' (source field 'menseki'): "
                                            "1e+15; counted as 0 ha"));
  }
  SECTION("age") {
    const std::string gpkg = dir + "/age.gpkg";
    write_gpkg(gpkg, {{"old", "すぎ", "人工林", 350},
                      {"limit", "すぎ", "人工林", 300},
                      {"young", "ひのき", "人工林", 20},
                      {"negative", "すぎ", "人工林", -1}});
    const std::string path = write_scenario(dir, "age.yaml", fixture_yaml(gpkg));
    CHECK_THAT(input_error([&] { prepare(path); }),
               Contains("parcel 'negative' (feature 4): field 'age' (source field 'rinrei'): -1; "
                        "expected an age in [0, 2000] years"));
    sqlite(gpkg, {"DELETE FROM shohan WHERE key = 'negative'"});
    const std::string output = dir + "/age.h5";
    std::string out;
    const int rc = test::run_cli("run " + quoted(path) + " --output " + quoted(output), out);
    INFO(out);
    REQUIRE(rc == 0);
    CHECK_THAT(out, Contains("warnings about 1 records"));
    CHECK_THAT(out, Contains("warning: parcel 'old' (feature 1): field 'age' (source field "
                             "'rinrei'): 350 years is above 300"));
    CHECK_THAT(out, !Contains("'limit'"));
    const io::ResultsSummary s = io::read_summary(output);
    CHECK(s.implausible_age_records == 1);
    CHECK(s.implausible_age_above_years == 300);
    CHECK(s.unusable_area_records == 0);
    CHECK(s.format_version == std::array<int, 2>{io::kResultsFormatMajor, io::kResultsFormatMinor});
    CHECK(s.parcels == 3);  // simulated as given
    std::string info;
    REQUIRE(test::run_cli("info " + quoted(output), info) == 0);
    CHECK_THAT(info, Contains("warning: 1 simulated records have a register age above 300 years"));
    REQUIRE(test::run_cli("info --json " + quoted(output), info) == 0);
    CHECK_THAT(info, Contains("\"record_warnings\": {\"implausible_age_records\": 1, "
                              "\"implausible_age_above_years\": 300"));
  }
}

// Parameters: every model value is bounded, so a typo of 1e308 cannot reach the simulation as an
// infinite or NaN stand.
TEST_CASE("robust read: parameter values out of their bounds stop the load", "[robust]") {
  const std::string dir = test::scratch_dir("robust-parameters");
  auto table_error = [&](const std::string& name, const std::string& from, const std::string& to) {
    const std::string text = read_text(data(name));
    const std::string path = dir + "/" + name;
    test::write_file(path, replace_once(text, from, to));
    return std::make_pair(path + ":" + std::to_string(line_of(text, from) + 1), path);
  };
  SECTION("species factor") {
    const auto [where, path] = table_error("species.csv", "\nsugi,D,0.314,", "\nsugi,D,1e308,");
    CHECK_THAT(input_error([&] { io::load_species_table(path); }),
               StartsWith(where + ": column 'value': 1e308 is not in (0, 2] t m-3"));
  }
  SECTION("Richards asymptote") {
    const auto [where, path] = table_error("richards_curves.csv", "\nsugi,589.3,", "\nsugi,1e308,");
    CHECK_THAT(
        input_error([&] { io::load_richards_model(path, data("site_classes.csv"), "uniform"); }),
        StartsWith(where + ": column 'A': 1e308 is not in (0, 5000] m3 ha-1"));
  }
  SECTION("density diagram") {
    const auto [where, path] = table_error(
        "density_diagram.csv", "\nkyushu,sugi,0.068509,-1.347464,2658.2,-2.814651,5.2083,",
        "\nkyushu,sugi,0.068509,-1.347464,2658.2,-2.814651,1e308,");
    CHECK_THAT(input_error([&] { io::load_density_diagrams(path, "kyushu", repo_species()); }),
               StartsWith(where + ": column 'c': 1e308 is not in [0, 10]"));
  }
  SECTION("initial stems in the scenario") {
    const std::string text = replace_once(read_text(test::repo("scenarios/hinohara-demo.yaml")),
                                          "    max_per_ha: ", "    max_per_ha: 1e308 # ");
    const std::string path = dir + "/stems.yaml";
    test::write_file(path, text);
    CHECK_THAT(input_error([&] { io::load_scenario(path); }),
               Contains("'stand.initial_stems.max_per_ha': '1e308' is not a number in (0, "
                        "1000000] ha-1"));
  }
}

// The totals: integer counts of 2^-20 units in 128 bits, block sums bounded.
TEST_CASE("robust read: fixed-point totals hold sums far beyond 8.8e12 exactly", "[robust][core]") {
  FixedSum sum, other;
  for (int k = 0; k < 20000; ++k) sum.add(1e12);  // 2e16: a 64-bit count of 2^-20 wrapped at 8.8e12
  CHECK(sum.value() == 2e16);
  for (int k = 0; k < 20000; ++k) other.add(-1e12);
  sum.add(other);
  CHECK(sum.value() == 0.0);
  CHECK(sum.raw() == 0);
  CHECK(FixedSum::addable(1e15));
  CHECK_FALSE(FixedSum::addable(1.0000001e15));
  CHECK_FALSE(FixedSum::addable(std::nan("")));
  CHECK_FALSE(FixedSum::addable(HUGE_VAL));
}

// 4. Classification first: a zero-area bamboo or road record is counted; then every problem of
// every loading stage (unknown names, invalid values, repeated keys, missing growth curves) in one
// message, from `validate` and from a failing `run`.
TEST_CASE("robust read: every problem of every stage is reported in one message", "[robust]") {
  const std::string dir = test::scratch_dir("robust-all-problems");
  const std::string gpkg = dir + "/problems.gpkg";
  write_gpkg(gpkg, {{"ok-1", "すぎ", "人工林", 30, 1.2},
                    {"ok-2", "ひのき", "人工林", 45, 0.8},
                    {"zero-bamboo", "もうそう", "竹林", std::nullopt, 0.0},
                    {"zero-road", "林道", "更新困難地", std::nullopt, 0.0},
                    {"mystery", "ナゾノキ", "人工林", 30, 1.0},
                    {"bad-age", "すぎ", "人工林", 1, 1.0},
                    {"twice", "すぎ", "人工林", 30, 1.0},
                    {"twice", "ひのき", "人工林", 35, 1.0},
                    {"oak", "くぬぎ", "人工林", 25, 0.5}});
  sqlite(gpkg, {"UPDATE shohan SET rinrei = 'abc' WHERE key = 'bad-age'"});
  // A curve table without kunugi: the growth stage fails too.
  std::string curves = read_text(data("richards_curves.csv"));
  const auto row = curves.find("\nkunugi,");
  REQUIRE(row != std::string::npos);
  curves.erase(row, curves.find('\n', row + 1) - row);
  test::write_file(dir + "/curves.csv", curves);
  // An event list naming a parcel the register does not have: the event stage fails as well.
  test::write_file(dir + "/events.csv",
                   "parcel,year,operation,intensity\nok-1,2025,row_thinning,0.3\n"
                   "nobody,2025,thinning_from_below,0.3\n");
  const std::string path = write_scenario(
      dir, "problems.yaml",
      fixture_yaml(gpkg, "", dir + "/curves.csv") +
          expand("carbon: {decay: {DATA}/decay.csv, hwp: {DATA}/hwp.csv, soil: false}\n"
                 "silviculture:\n  wood_use: {DATA}/wood_use.csv\n  regimes: []\n"
                 "  events:\n    path: events.csv\n    removals:\n      thinning: {sawlog: 0, "
                 "other_industrial: 0, fuelwood: 0, left_on_site: 1, residues_collected: 0}\n"
                 "      felling: {sawlog: 0.6, other_industrial: 0.25, fuelwood: 0.15, "
                 "left_on_site: 0, residues_collected: 0}\n",
                 {{"DATA", test::repo("data")}}));

  const std::string msg = input_error([&] { prepare(path); });
  INFO(msg);
  CHECK_THAT(msg, StartsWith("3 problems found (every stage of loading was checked):\n[1] " + gpkg +
                             " layer 'shohan': cannot simulate these records:"));
  CHECK_THAT(msg, Contains("\n  'ナゾノキ': 1 records"));
  CHECK_THAT(msg, Contains("parcel 'bad-age' (feature 6): field 'age' (source field 'rinrei'): "
                           "'abc' is not a number"));
  CHECK_THAT(msg, Contains("register keys given to more than one simulated record (1 keys") &&
                      Contains("parcel 'twice' (features 7, 8): 2 records without a storey value"));
  CHECK_THAT(msg, Contains("\n[2] " + gpkg + " layer 'shohan': growth model 'richards'") &&
                      Contains("no Richards curve for species 'kunugi': 1 records"));
  CHECK_THAT(msg,
             Contains("\n[3] " + dir + "/events.csv") &&
                 Contains(dir + "/events.csv:3: column 'parcel': unknown parcel key 'nobody'"));
  CHECK_THAT(msg, !Contains("zero-bamboo") && !Contains("zero-road") && !Contains("'ok-"));
  for (const char* verb : {"validate ", "run "}) {
    const std::string out =
        cli_input_error(verb + quoted(path) + " --output " + quoted(dir + "/out.h5"));
    CHECK_THAT(out, Contains("'ナゾノキ': 1 records") && Contains("'abc' is not a number") &&
                        Contains("parcel 'twice'") && Contains("species 'kunugi'") &&
                        Contains("'nobody'"));
  }
  CHECK_FALSE(fs::exists(dir + "/out.h5"));

  // Without those problems the zero-area records are counted in their classes, 0 ha each.
  test::write_file(dir + "/events.csv",
                   "parcel,year,operation,intensity\nok-1,2025,row_thinning,0.3\n");
  sqlite(gpkg, {"DELETE FROM shohan WHERE key IN ('mystery', 'bad-age', 'oak')",
                "UPDATE shohan SET storey = '上層木' WHERE fid = 7",
                "UPDATE shohan SET storey = '下層木' WHERE fid = 8"});
  const driver::Loaded l = prepare(path);
  const HandlingReport& h = l.record.handling;
  CHECK(h.records[std::size_t(Handling::simulated)] == 4);
  CHECK(h.records[std::size_t(Handling::bamboo)] == 1);
  CHECK(h.records[std::size_t(Handling::non_forest)] == 1);
  CHECK(h.hectares[std::size_t(Handling::bamboo)] == 0.0);
  CHECK(h.unusable_area_records == 0);  // 0 ha is a usable area for a record not simulated
  CHECK(l.warning_count == 0);
}

// 6. Register keys: two simulated records may share one only when the storey tells them apart.
TEST_CASE("robust read: repeated register keys are errors unless the storey tells them apart",
          "[robust]") {
  const std::string dir = test::scratch_dir("robust-keys");
  const std::string gpkg = dir + "/keys.gpkg";
  write_gpkg(gpkg, {{"two-storey", "すぎ", "人工林", 60, 1.0, "上層木"},
                    {"two-storey", "ひのき", "人工林", 20, 1.0, "下層木"},
                    {"road", "林道", "更新困難地", std::nullopt, 0.1},
                    {"road", "林道", "更新困難地", std::nullopt, 0.1}});
  const std::string path = write_scenario(dir, "keys.yaml", fixture_yaml(gpkg));
  const driver::Loaded l = prepare(path);
  CHECK(l.inputs.parcels.size() == 2);  // the storeys; roads are not simulated, so not judged
  sqlite(gpkg, {"UPDATE shohan SET storey = '上層木' WHERE fid = 2"});
  CHECK_THAT(input_error([&] { prepare(path); }),
             Contains("register keys given to more than one simulated record (1 keys; field "
                      "'key', and the storey field 'storey' does not tell them apart):\n  parcel "
                      "'two-storey' (features 1, 2): 2 records with storey '上層木'"));
  // Without a storey field every repeated key is an error.
  const std::string no_storey = write_scenario(
      dir, "no-storey.yaml", replace_once(fixture_yaml(gpkg), "    storey: storey\n", ""));
  CHECK_THAT(input_error([&] { prepare(no_storey); }),
             Contains("(1 keys; field 'key', and no storey field is mapped):\n  parcel "
                      "'two-storey' (features 1, 2): 2 records"));
}

// 6. YAML: yaml-cpp keeps the first of two equal keys; the engine refuses them.
TEST_CASE("robust read: duplicate YAML keys are errors naming file, line, column and key path",
          "[robust]") {
  const std::string dir = test::scratch_dir("robust-yaml-keys");
  std::string text =
      replace_once(fixture_yaml(dir + "/none.gpkg"), "  years: 1\n", "  years: 1\n  years: 30\n");
  text = replace_once(text, "    age: rinrei\n", "    age: rinrei\n    age: reikyu\n");
  const std::string path = write_scenario(dir, "dup.yaml", text);
  const std::string msg = input_error([&] { io::load_scenario(path); });
  CHECK_THAT(msg, StartsWith(place(path, text, "years: 30") +
                             ": duplicate key 'simulation.years' (first on line " +
                             std::to_string(line_of(text, "years: 1")) + ";"));
  CHECK_THAT(msg, Contains("\n" + place(path, text, "age: reikyu") +
                           ": duplicate key 'parcels.fields.age' (first on line " +
                           std::to_string(line_of(text, "age: rinrei")) + ";"));
  CHECK_THAT(cli_input_error("validate " + quoted(path)), Contains("duplicate key"));
  // Equal keys in different mappings are not duplicates.
  CHECK_NOTHROW(io::load_scenario(test::repo("scenarios/fukuoka-managed.yaml")));
}

// What the load-time bounds keep out is also caught in the run, naming parcel and year: a block
// sum beyond the fixed-point range (a parcel of 10^13 ha built without setup's bound), and stems
// that are not finite (initial stems of infinity, built without the scenario's bound, on a species
// without a diagram, so that nothing caps them).
TEST_CASE("robust read: the run stops on totals beyond range and on non-finite stems", "[robust]") {
  SECTION("a block sum beyond 1e15") {
    test::World w;
    w.add(40, kNoRegime, 1e13);
    try {
      w.run(2);
      FAIL("expected a ModelError");
    } catch (const ModelError& e) {
      CHECK_THAT(e.what(), Contains("beyond 1e15") && Contains("parcel 'p0'"));
    }
  }
  SECTION("stems that are not finite") {
    test::World w;
    w.model.stand.initial_stems_max = HUGE_VAL;
    w.model.stand.initial_stems_default = HUGE_VAL;
    w.add(30, kNoRegime);  // a hinoki stand: no diagram, so stems stay at default_per_ha
    w.in.parcels.species.back() = static_cast<std::uint16_t>(w.hinoki);
    w.in.parcels.curve.back() = 1;
    try {
      w.run(2);
      FAIL("expected a ModelError");
    } catch (const ModelError& e) {
      CHECK_THAT(e.what(), Contains("module stand: stems") && Contains("not finite") &&
                               Contains("parcel 'p0' in fiscal year 2025"));
    }
  }
}
