// The parcel reader's two paths give the same records: GDAL's Arrow stream (taken when no
// geometry is needed and every mapped field has a plain type) and OGR feature by feature (taken
// when an area from geometry is asked for, and for GeoPackages). The same FlatGeobuf file is read
// both ways, with awkward values on purpose: NULLs, padded and full-width-padded text, text that
// is no number, non-finite reals, integers used as text and as dates; then a real register file
// (Hisayama, 5,513 records).
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "shinrin/io/parcel_source.hpp"
#include "shinrin/io/scenario.hpp"
#include "test_support.hpp"

using namespace shinrin;
namespace fs = std::filesystem;

namespace {

struct Collect : setup::RecordSink {
  std::vector<setup::RawRecord> records;
  void record(const setup::RawRecord& r) override { records.push_back(r); }
};

// A number's identity, NaN included.
bool same_number(const setup::RawNumber& a, const setup::RawNumber& b) {
  const bool values = (std::isnan(a.value) && std::isnan(b.value)) || a.value == b.value;
  return a.present == b.present && a.valid == b.valid && values && a.text == b.text;
}

bool same_date(const setup::RawDate& a, const setup::RawDate& b) {
  return a.present == b.present && a.valid == b.valid && a.year == b.year && a.month == b.month &&
         a.day == b.day && a.text == b.text;
}

// Every field the register gives, not the geometry-derived ones.
void require_same(const setup::RawRecord& a, const setup::RawRecord& b) {
  INFO("record " << a.fid << " key '" << a.key << "'");
  CHECK(a.fid == b.fid);
  CHECK(a.key == b.key);
  CHECK(a.species == b.species);
  CHECK(a.forest_type == b.forest_type);
  CHECK(a.storey == b.storey);
  CHECK(a.municipality == b.municipality);
  CHECK(same_number(a.area, b.area));
  CHECK(same_number(a.age, b.age));
  CHECK(same_number(a.volume, b.volume));
  CHECK(same_number(a.stems, b.stems));
  CHECK(same_number(a.site_class, b.site_class));
  CHECK(same_date(a.as_of, b.as_of));
  CHECK(a.extra == b.extra);
}

// Reads `s` twice: as given (no geometry: the Arrow stream) and with an area from geometry in
// EPSG:6677 (the feature path), and compares every record.
std::vector<setup::RawRecord> read_both_ways(io::Scenario s,
                                             const std::vector<std::string>& extra) {
  Collect columnar, features;
  CHECK(io::read_parcel_records(s, extra, columnar).columnar);
  s.area_epsg = 6677;
  CHECK_FALSE(io::read_parcel_records(s, extra, features).columnar);
  REQUIRE(columnar.records.size() == features.records.size());
  for (std::size_t i = 0; i < columnar.records.size(); ++i)
    require_same(columnar.records[i], features.records[i]);
  return columnar.records;
}

}  // namespace

TEST_CASE("columnar read: the Arrow stream and the feature path read the same awkward values",
          "[io][arrow]") {
  const std::string dir = test::scratch_dir("columnar-read");
  const std::string path = (fs::path(dir) / "awkward.fgb").string();
  GDALAllRegister();
  {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("FlatGeobuf");
    REQUIRE(driver != nullptr);
    std::unique_ptr<GDALDataset> ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(ds != nullptr);
    OGRSpatialReference crs;
    crs.importFromEPSG(6677);
    // No spatial index: the features stay in the order written.
    const char* options[] = {"SPATIAL_INDEX=NO", nullptr};
    OGRLayer* layer = ds->CreateLayer("awkward", &crs, wkbPolygon, const_cast<char**>(options));
    REQUIRE(layer != nullptr);
    const std::vector<std::pair<const char*, OGRFieldType>> fields = {
        {"key", OFTString},     {"species", OFTString}, {"age", OFTInteger},  {"area", OFTReal},
        {"site", OFTInteger64}, {"volume", OFTString},  {"stems", OFTReal},   {"as_of", OFTString},
        {"muni", OFTString},    {"unit", OFTInteger},   {"unused", OFTString}};
    for (const auto& [name, type] : fields) {
      OGRFieldDefn d(name, type);
      REQUIRE(layer->CreateField(&d) == OGRERR_NONE);
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    struct Row {
      const char* key;
      const char* species;
      int age;
      double area;
      long long site;
      const char* volume;
      double stems;
      const char* as_of;
      const char* muni;
      int unit;
    };
    const std::vector<Row> rows = {
        {"A-001", "スギ", 40, 1.25, 2, "350.5", 1500.0, "2019-04-01", "久山町", 7},
        {"  A-002 ", "\u3000ヒノキ\u3000", 12, 0.5, 3, "12年", nan, "20190401", " 久山町 ", 8},
        {"A-003", "", 0, 0.0, 0, "", inf, "2019/4/1", "", 0},
        {"A-004", "広葉樹", -3, 1e-9, 9000000000LL, "1,5", -inf, "not a date", "x", -1},
        {"A-005", "アカマツ", 70, 3.0, 1, "1e3", 2500.0, "2021-10-15T00:00", "y", 123456}};
    for (std::size_t k = 0; k <= rows.size(); ++k) {
      OGRFeature f(layer->GetLayerDefn());
      if (k < rows.size()) {  // the last feature has every field NULL
        const Row& r = rows[k];
        f.SetField("key", r.key);
        f.SetField("species", r.species);
        f.SetField("age", r.age);
        f.SetField("area", r.area);
        f.SetField("site", static_cast<GIntBig>(r.site));
        f.SetField("volume", r.volume);
        f.SetField("stems", r.stems);
        f.SetField("as_of", r.as_of);
        f.SetField("muni", r.muni);
        f.SetField("unit", r.unit);
        f.SetField("unused", "ignored");
      } else {
        for (int i = 0; i < f.GetFieldCount(); ++i) f.SetFieldNull(i);
      }
      OGRPolygon square;
      OGRLinearRing ring;
      const double x = 1000.0 * double(k);
      ring.addPoint(x, 0);
      ring.addPoint(x + 100, 0);
      ring.addPoint(x + 100, 100);
      ring.addPoint(x, 100);
      ring.addPoint(x, 0);
      square.addRing(&ring);
      f.SetGeometry(&square);
      REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
    }
  }
  io::Scenario s;
  s.parcels_path = path;
  s.fields.id = "key";
  s.fields.species = "species";
  s.fields.age = "age";
  s.fields.area = "area";
  s.fields.site_class = "site";
  s.fields.volume = "volume";
  s.fields.stems = "stems";
  s.fields.as_of = "as_of";
  s.fields.municipality = "muni";
  const auto records = read_both_ways(s, {"unit"});
  REQUIRE(records.size() == 6);
  // What the file holds, as the reader must give it (independent of both paths).
  CHECK(records[1].key == "A-002");
  CHECK(records[1].species == "ヒノキ");
  CHECK(records[1].municipality == "久山町");
  CHECK(
      (records[1].volume.present && !records[1].volume.valid && records[1].volume.text == "12年"));
  CHECK((records[1].stems.present && !records[1].stems.valid && records[1].stems.text == "nan"));
  CHECK(records[2].stems.text == "inf");
  CHECK(records[3].stems.text == "-inf");
  CHECK((records[3].site_class.valid && records[3].site_class.value == 9000000000.0));
  CHECK((records[1].as_of.valid && records[1].as_of.year == 2019 && records[1].as_of.month == 4 &&
         records[1].as_of.day == 1));
  CHECK(!records[3].as_of.valid);
  CHECK(records[4].extra == std::vector<std::string>{"123456"});
  CHECK(records[3].extra == std::vector<std::string>{"-1"});
  CHECK((!records[5].age.present && records[5].key.empty() && records[5].extra[0].empty()));
  CHECK((records[0].fid == 0 && records[5].fid == 5));
}

TEST_CASE("columnar read: a real register file reads the same both ways", "[io][arrow]") {
  // Its fields mapped as text and numbers (its snapshot date is a DateTime, which only the
  // feature path reads, so it is not mapped here).
  io::Scenario s;
  s.parcels_path = test::shared("data/fukuoka-forest-register/hisayama.fgb");
  s.fields.id = "link_key";
  s.fields.species = "zyusyu_nam";
  s.fields.age = "rinrei";
  s.fields.area = "hoban_men";
  s.fields.forest_type = "rinsyu_nam";
  s.fields.municipality = "city_name";
  s.fields.site_class = "growth";
  const auto records = read_both_ways(s, {"keikakuku_", "reikyu"});
  CHECK(records.size() == 5513);
}
