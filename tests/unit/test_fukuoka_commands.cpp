// Every shared Fukuoka register file runs with one plain command (issue 11):
//   shinrin run scenarios/fukuoka-register.yaml --parcels ../shared/.../NAME.fgb --output X --years
//   1
// and the records and hectares the run reports (printed handling table and the results file's
// handling counts) reconcile with GDAL's own count and sum of the register area, computed here
// independently of the engine.
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <numeric>
#include <sstream>
#include <string>

#include "shinrin/io/results_reader.hpp"
#include "test_support.hpp"

using namespace shinrin;
using namespace shinrin::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

struct GdalSums {
  long records = 0;
  double hectares = 0.0;
};

//! Feature count and sum of hoban_men [ha] as GDAL reads them (OGR SQL over the layer).
GdalSums gdal_sums(const std::string& path) {
  GDALAllRegister();
  std::unique_ptr<GDALDataset> ds(
      GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  REQUIRE(ds);
  const std::string sql =
      "SELECT COUNT(*), SUM(hoban_men) FROM \"" + std::string(ds->GetLayer(0)->GetName()) + "\"";
  OGRLayer* rs = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
  REQUIRE(rs);
  std::unique_ptr<OGRFeature> f(rs->GetNextFeature());
  REQUIRE(f);
  GdalSums s{static_cast<long>(f->GetFieldAsInteger64(0)), f->GetFieldAsDouble(1)};
  ds->ReleaseResultSet(rs);
  return s;
}

}  // namespace

TEST_CASE(
    "every Fukuoka register file runs with one command, records and hectares reconcile "
    "with GDAL",
    "[fukuoka][cli]") {
  const std::string dir = test::scratch_dir("fukuoka-commands");
  const std::string scenario = test::repo("scenarios/fukuoka-register.yaml");
  std::size_t files = 0;
  for (const char* name : {"ashiya", "dazaifu", "hisayama", "itoda", "kasuga", "kasuya", "kotake",
                           "kurate", "nakama", "onga", "shime", "sue", "tagawa"}) {
    INFO(name);
    const std::string fgb =
        test::shared("data/fukuoka-forest-register/" + std::string(name) + ".fgb");
    const std::string output = dir + "/" + name + ".h5";
    const GdalSums expected = gdal_sums(fgb);
    REQUIRE(expected.records > 0);

    std::string out;
    const int rc = test::run_cli(
        "run '" + scenario + "' --parcels '" + fgb + "' --output '" + output + "' --years 1", out);
    INFO(out);
    REQUIRE(rc == 0);
    ++files;
    // The printed handling table: its last row adds up every record read.
    const auto at = out.find("  all records read ");
    REQUIRE(at != std::string::npos);
    std::istringstream row(out.substr(at + std::string("  all records read ").size()));
    long printed_records = -1;
    double printed_ha = -1.0;
    row >> printed_records >> printed_ha;
    CHECK(printed_records == expected.records);
    CHECK(printed_ha == Approx(expected.hectares).margin(0.005));  // printed to 0.01 ha

    // The results file's handling counts.
    const io::ResultsSummary s = io::read_summary(output);
    REQUIRE(s.complete);
    const long records = std::accumulate(s.handling_records.begin(), s.handling_records.end(), 0L);
    const double hectares =
        std::accumulate(s.handling_hectares.begin(), s.handling_hectares.end(), 0.0);
    CHECK(records == expected.records);
    CHECK(hectares == Approx(expected.hectares).epsilon(1e-12).margin(1e-9));
    CHECK(s.handling_records.back() == 0);  // skipped_invalid: every record classified
    CHECK(s.total_area_ha == Approx(s.handling_hectares.at(0)).margin(1e-4));  // simulated
    // The one register age above 300 years (tagawa, 360) is a counted warning.
    CHECK(s.implausible_age_records == (std::string(name) == "tagawa" ? 1 : 0));
    if (std::string(name) == "tagawa") CHECK_THAT(out, Contains("360 years is above 300"));
  }
  CHECK(files == 13);
}
