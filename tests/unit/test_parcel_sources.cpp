// Parcels from real GIS files: the 13 Fukuoka register files, other OGR formats (Shapefile with
// CP932 attributes, GeoJSON, FlatGeobuf), area from geometry, two-storey stands.
#include <ogrsf_frmts.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "shinrin/core/error.hpp"
#include "shinrin/driver/load.hpp"
#include "shinrin/driver/run.hpp"
#include "shinrin/io/scenario.hpp"
#include "test_support.hpp"

using namespace shinrin;
namespace fs = std::filesystem;

namespace {

const char* kFukuokaFiles[] = {"ashiya", "dazaifu", "hisayama", "itoda",  "kasuga",
                               "kasuya", "kotake",  "kurate",   "nakama", "onga",
                               "shime",  "sue",     "tagawa"};

std::string fukuoka(const std::string& name) {
  return test::shared("data/fukuoka-forest-register/" + name + ".fgb");
}

// Independent reading of a register file with OGR: record count and sums of hoban_men, in total
// and per forest type (rinsyu_nam).
struct RegisterSums {
  long records = 0;
  double hectares = 0.0;
  std::map<std::string, double> hectares_by_forest_type;
};

RegisterSums register_sums(const std::string& path) {
  GDALAllRegister();
  std::unique_ptr<GDALDataset> ds(
      GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  REQUIRE(ds);
  RegisterSums s;
  OGRLayer* layer = ds->GetLayer(0);
  for (auto& f : *layer) {
    ++s.records;
    const double ha = f->GetFieldAsDouble("hoban_men");
    s.hectares += ha;
    s.hectares_by_forest_type[f->GetFieldAsString("rinsyu_nam")] += ha;
  }
  return s;
}

io::Scenario fukuoka_scenario(const std::string& name, const std::string& out_dir) {
  io::ScenarioOverrides ov;
  ov.parcels = fukuoka(name);
  ov.output = out_dir + "/" + name + ".h5";
  return io::load_scenario(test::repo("scenarios/fukuoka-register.yaml"), ov);
}

double handling_ha(const HandlingReport& h, Handling c) {
  return h.hectares[static_cast<std::size_t>(c)];
}

}  // namespace

TEST_CASE("all 13 Fukuoka register files run and every hectare of hoban_men is accounted for",
          "[parcels][fukuoka]") {
  const std::string out = test::scratch_dir("fukuoka-all");
  for (const char* name : kFukuokaFiles) {
    INFO(name);
    const RegisterSums expected = register_sums(fukuoka(name));
    driver::Loaded setup = driver::load(fukuoka_scenario(name, out));
    const HandlingReport& h = setup.record.handling;
    CHECK(h.total_records() == expected.records);
    CHECK(h.total_hectares() == Approx(expected.hectares).margin(1e-6));
    // Forest types that are never simulated go to their own classes, hectare for hectare.
    const auto& ft = expected.hectares_by_forest_type;
    auto ft_ha = [&](const char* t) { return ft.contains(t) ? ft.at(t) : 0.0; };
    CHECK(handling_ha(h, Handling::bamboo) == Approx(ft_ha("竹林")).margin(1e-6));
    CHECK(handling_ha(h, Handling::non_forest) == Approx(ft_ha("更新困難地")).margin(1e-6));
    CHECK(handling_ha(h, Handling::unstocked) ==
          Approx(ft_ha("未立木地") + ft_ha("伐採跡地") + ft_ha("天然林伐採跡地")).margin(1e-6));
    CHECK(handling_ha(h, Handling::simulated) ==
          Approx(ft_ha("人工林") + ft_ha("天然林")).margin(1e-6));
    CHECK(h.records[static_cast<std::size_t>(Handling::skipped_invalid)] == 0);

    const driver::RunOutcome r = driver::run_to_file(setup, "test");
    CHECK(r.result.aggregates.total_area_ha ==
          Approx(handling_ha(h, Handling::simulated)).margin(1e-4));
    CHECK(fs::exists(r.output_path));
  }
}

TEST_CASE("two-storey stands are two simulated records", "[parcels][fukuoka]") {
  const std::string out = test::scratch_dir("two-storey");
  driver::Loaded setup = driver::load(fukuoka_scenario("hisayama", out));
  const Landscape& p = setup.inputs.parcels;
  std::map<std::string, std::size_t> row;
  for (std::size_t i = 0; i < p.size(); ++i) row[p.key[i]] = i;
  // One polygon (label 2-4-*) carries an upper sugi storey aged 66 on 0.48 ha and two lower
  // storeys aged 22 on 0.24 ha each (sugi, その他広), as read with ogrinfo.
  REQUIRE(row.contains("403480650020401"));
  REQUIRE(row.contains("403480650020402"));
  REQUIRE(row.contains("403480650020403"));
  const std::size_t up = row["403480650020401"], low = row["403480650020402"],
                    low2 = row["403480650020403"];
  CHECK(p.storey[up] == Storey::upper);
  CHECK(p.storey[low] == Storey::lower);
  CHECK(p.storey[low2] == Storey::lower);
  // Ages advance from the register year (FY2019) to the initial state (end of FY2024): + 5.
  CHECK(p.age[up] == 66 + 5);
  CHECK(p.age[low] == 22 + 5);
  CHECK(p.area_ha[up] == Approx(0.48));
  CHECK(p.area_ha[low] == Approx(0.24));
  CHECK(setup.inputs.species[p.species[up]].code == "sugi");
  CHECK(setup.inputs.species[p.species[low2]].code == "broadleaf_other");
}

TEST_CASE("area from geometry in a projected CRS matches the register's shape area",
          "[parcels][fukuoka]") {
  // st_area_sh is the polygon area in m2 that the data provider computed; the engine computes its
  // own from the WGS 84 polygons transformed to JGD2011 / Japan Plane Rectangular CS II.
  const std::string dir = test::scratch_dir("area-geometry");
  std::string text;
  {
    std::ifstream in(test::repo("scenarios/fukuoka-register.yaml"));
    std::stringstream b;
    b << in.rdbuf();
    text = b.str();
  }
  const std::string from = "    area: hoban_men\n";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "");
  text.replace(text.find("  invalid_values"), 0, "  area_from_geometry:\n    epsg: 6670\n");
  // Paths in the copied scenario stay relative to the repository's scenarios folder.
  text.replace(text.find("../../shared/data/fukuoka-forest-register/hisayama.fgb"),
               std::string("../../shared/data/fukuoka-forest-register/hisayama.fgb").size(),
               fukuoka("kasuga"));
  text = test::with_repo_data(std::move(text));
  const std::string scenario = dir + "/area.yaml";
  test::write_file(scenario, text);
  const driver::Loaded setup = driver::load(io::load_scenario(scenario));

  std::map<std::int64_t, double> shape_area_ha;  // by feature id
  GDALAllRegister();
  std::unique_ptr<GDALDataset> ds(GDALDataset::Open(fukuoka("kasuga").c_str(), GDAL_OF_VECTOR));
  for (auto& f : *ds->GetLayer(0))
    shape_area_ha[f->GetFID()] = f->GetFieldAsDouble("st_area_sh") / 10000.0;
  REQUIRE(setup.inputs.parcels.size() > 100);
  for (std::size_t i = 0; i < setup.inputs.parcels.size(); ++i) {
    INFO("parcel " << setup.inputs.parcels.key[i]);
    CHECK(setup.inputs.parcels.area_ha[i] ==
          Approx(shape_area_ha.at(setup.inputs.parcels.source_fid[i])).margin(1e-7));
  }
}

TEST_CASE(
    "the demo parcels read the same from GeoPackage, FlatGeobuf, GeoJSON and a CP932 Shapefile",
    "[parcels][formats]") {
  const std::string dir = test::scratch_dir("formats");
  const std::string gpkg = test::repo("data/demo/hinohara_demo.gpkg");
  auto sh = [](const std::string& cmd) {
    REQUIRE(std::system((cmd + " > /dev/null 2>&1").c_str()) == 0);
  };
  sh("ogr2ogr -f FlatGeobuf " + dir + "/demo.fgb " + gpkg + " shohan");
  sh("ogr2ogr -f GeoJSON " + dir + "/demo.geojson " + gpkg + " shohan");
  sh("ogr2ogr -f 'ESRI Shapefile' -lco ENCODING=CP932 " + dir + "/demo.shp " + gpkg + " shohan");
  // The Shapefile's attributes really are CP932 bytes: スギ is 83 58 83 4D in Shift_JIS.
  {
    std::ifstream dbf(dir + "/demo.dbf", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(dbf)), std::istreambuf_iterator<char>());
    CHECK(bytes.find("\x83\x58\x83\x4D") != std::string::npos);
    CHECK(bytes.find("スギ") == std::string::npos);
  }

  const driver::Loaded base =
      driver::load(io::load_scenario(test::repo("scenarios/hinohara-demo.yaml")));
  auto same_as_base = [&](const driver::Loaded& other) {
    REQUIRE(other.inputs.parcels.size() == base.inputs.parcels.size());
    CHECK(other.record.handling.records == base.record.handling.records);
    std::map<std::string, std::size_t> row;
    for (std::size_t i = 0; i < other.inputs.parcels.size(); ++i)
      row[other.inputs.parcels.key[i]] = i;
    for (std::size_t i = 0; i < base.inputs.parcels.size(); ++i) {
      INFO(base.inputs.parcels.key[i]);
      REQUIRE(row.contains(base.inputs.parcels.key[i]));
      const std::size_t j = row[base.inputs.parcels.key[i]];
      CHECK(other.inputs.parcels.area_ha[j] == base.inputs.parcels.area_ha[i]);
      CHECK(other.inputs.parcels.age[j] == base.inputs.parcels.age[i]);
      CHECK(other.inputs.parcels.species[j] == base.inputs.parcels.species[i]);
      CHECK(other.inputs.parcels.storey[j] == base.inputs.parcels.storey[i]);
      CHECK(other.inputs.parcels.municipality_names[other.inputs.parcels.municipality[j]] ==
            "檜原村");
    }
  };
  SECTION("FlatGeobuf and GeoJSON with the demo field names") {
    for (const char* f : {"/demo.fgb", "/demo.geojson"}) {
      INFO(f);
      io::ScenarioOverrides ov;
      ov.parcels = dir + f;
      io::Scenario s = io::load_scenario(test::repo("scenarios/hinohara-demo.yaml"), ov);
      s.layer = "";  // first layer
      same_as_base(driver::load(s));
    }
  }
  SECTION(
      "Shapefile: 10-character field names, CP932 text read through the .cpg or ENCODING=CP932") {
    io::ScenarioOverrides ov;
    ov.parcels = dir + "/demo.shp";
    io::Scenario s = io::load_scenario(test::repo("scenarios/hinohara-demo.yaml"), ov);
    s.layer = "";
    s.fields.species = "species_na";
    s.fields.forest_type = "forest_typ";
    s.fields.municipality = "municipali";
    same_as_base(driver::load(s));
    fs::remove(dir + "/demo.cpg");  // as delivered without a code page file
    s.open_options = {"ENCODING=CP932"};
    same_as_base(driver::load(s));
  }
}

TEST_CASE("a mapped register volume is the initial volume and is checked", "[parcels]") {
  const std::string dir = test::scratch_dir("volume-field");
  auto feature = [](const char* key, const char* volume) {
    return std::string(R"({"type":"Feature","properties":{"key":")") + key +
           R"(","sp":"スギ","age":30,"ha":1.5,"vol":)" + volume +
           R"(},"geometry":{"type":"Polygon","coordinates":[[[0,0],[100,0],[100,100],[0,100],[0,0]]]}})";
  };
  auto write = [&](const std::string& name, const std::string& a, const std::string& b) {
    test::write_file(dir + "/" + name,
                     R"({"type":"FeatureCollection","features":[)" + a + "," + b + "]}");
  };
  write("good.geojson", feature("a", "150.0"), feature("b", "null"));
  write("bad.geojson", feature("a", "1e30"), feature("b", "-2"));
  const std::string yaml = R"(format_version: 1
description: register volume field
simulation: {start_year: 2025, years: 1}
parcels:
  path: good.geojson
  fields: {id: key, species: sp, age: age, area: ha, volume: vol}
parameters:
  species: )" + test::repo("data/species.csv") +
                           R"(
  species_aliases: )" + test::repo("data/species_aliases.csv") +
                           R"(
growth:
  model: richards
  richards:
    curves: )" + test::repo("data/richards_curves.csv") +
                           R"(
    site_classes: )" + test::repo("data/site_classes.csv") +
                           R"(
    site_class_scheme: uniform
)";
  test::write_file(dir + "/volume.yaml", yaml);
  const driver::Loaded good = driver::load(io::load_scenario(dir + "/volume.yaml"));
  std::map<std::string, float> initial;
  for (std::size_t i = 0; i < good.inputs.parcels.size(); ++i)
    initial[good.inputs.parcels.key[i]] = good.inputs.parcels.volume_initial[i];
  CHECK(initial.at("a") == 150.0f);
  CHECK(initial.at("b") < 0.0f);  // NULL: from the growth curve

  io::ScenarioOverrides ov;
  ov.parcels = dir + "/bad.geojson";
  try {
    driver::load(io::load_scenario(dir + "/volume.yaml", ov));
    FAIL("expected an input error");
  } catch (const InputError& e) {
    const std::string msg = e.what();
    CHECK(msg.find("parcel 'a' (feature 0): field 'volume' (source field 'vol')") !=
          std::string::npos);
    CHECK(msg.find("parcel 'b' (feature 1): field 'volume' (source field 'vol'): -2") !=
          std::string::npos);
    CHECK(msg.find("expected a stem volume in [0, 100000] m3 ha-1") != std::string::npos);
  }
}
