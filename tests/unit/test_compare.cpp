// shinrin compare and the parcel id of format 3, through the executable: a run compared with
// itself is all zeros; two growth models (hinohara-demo, Richards curves and regimes, and
// hinohara-yield-table, no regimes) over the same layer match the differences a Python script
// computes from the two files with h5py; files without a fiscal year or a parcel in common are
// refused (exit 1), incomplete ones end with exit 3; ds.sel(parcel=key) works in xarray and the two
// runs line up by parcel.
#include <cpl_error.h>
#include <gdal.h>
#include <hdf5.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include <unistd.h>
#include <vector>

#include "process_support.hpp"
#include "test_support.hpp"

using namespace shinrin;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// The two demo runs, made once: Richards (12 years) and yield table (10 years).
struct Runs {
  std::string dir, richards, yield;
  Runs() {
    // One folder per test process: ctest -j runs the test cases of this file side by side.
    dir = test::scratch_dir("compare-" + std::to_string(::getpid()));
    richards = dir + "/richards.h5";
    yield = dir + "/yield.h5";
    std::string log;
    REQUIRE(test::run_cli_args({"run", test::repo("scenarios/hinohara-demo.yaml"), "--years", "12",
                                "--output", richards},
                               log) == 0);
    REQUIRE(test::run_cli_args({"run", test::repo("scenarios/hinohara-yield-table.yaml"), "--years",
                                "10", "--output", yield},
                               log) == 0);
  }
};

const Runs& runs() {
  static const Runs r;
  return r;
}

// `shinrin compare --json a b` written to `json`; returns the exit code.
int compare_json(const std::string& a, const std::string& b, const std::string& json) {
  std::string out;
  const int rc = test::run_cli_args({"compare", "--json", a, b}, out);
  test::write_file(json, out);
  return rc;
}

}  // namespace

TEST_CASE("compare: a run compared with itself differs nowhere", "[compare]") {
  const Runs& r = runs();
  const std::string json = r.dir + "/self.json";
  REQUIRE(compare_json(r.richards, r.richards, json) == 0);
  std::string py;
  const int rc = test::run_python("check_compare.py",
                                  r.richards + " " + r.richards + " " + json + " --zero", py);
  INFO(py);
  CHECK(rc == 0);
  // A file that says format 2.2 (ids made from parcel_key and storey, as for 2.x files) lines up
  // with the same file read as 3.0 (the parcel coordinate): every parcel in both, all zeros.
  const std::string as_2x = r.dir + "/as-2x.h5";
  fs::copy_file(r.richards, as_2x, fs::copy_options::overwrite_existing);
  {
    const hid_t f = H5Fopen(as_2x.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(f >= 0);
    const hid_t a = H5Aopen(f, "format_version", H5P_DEFAULT);
    const int v[2] = {2, 2};
    REQUIRE(H5Awrite(a, H5T_NATIVE_INT, v) >= 0);
    H5Aclose(a);
    REQUIRE(H5Fclose(f) >= 0);
  }
  const std::string json_2x = r.dir + "/self-2x.json";
  REQUIRE(compare_json(r.richards, as_2x, json_2x) == 0);
  CHECK(test::run_python("check_compare.py", r.richards + " " + as_2x + " " + json_2x + " --zero",
                         py) == 0);
  INFO(py);
  std::string info;
  CHECK(test::run_cli_args({"info", as_2x}, info) == 0);
  CHECK_THAT(info, Contains("format 2.2"));
  // The readable table: every fiscal year of the run, and no parcel in one file only.
  std::string table;
  REQUIRE(test::run_cli_args({"compare", r.richards, r.richards}, table) == 0);
  INFO(table);
  CHECK_THAT(table, Contains("fiscal years in common: 13 (FY2024-FY2036)"));
  CHECK_THAT(table, !Contains("only in"));
  CHECK_THAT(table, Contains("by species"));
  CHECK_THAT(table, Contains("by municipality"));
  CHECK_THAT(table, Contains("by regime"));
}

TEST_CASE("compare: two growth models over the same parcels match the difference of the files",
          "[compare]") {
  const Runs& r = runs();
  const std::string json = r.dir + "/models.json";
  REQUIRE(compare_json(r.richards, r.yield, json) == 0);
  std::string py;
  int rc = test::run_python("check_compare.py",
                            r.richards + " " + r.yield + " " + json + " --nonzero", py);
  INFO(py);
  CHECK(rc == 0);
  // FY2035 and FY2036 are in the 12-year run only.
  const std::string text = test::read_text(json);
  CHECK_THAT(text, Contains("\"years_only_in_a\": [2035, 2036]"));
  // And the other way round: B - A changes sign, A's extra years become B's.
  REQUIRE(compare_json(r.yield, r.richards, r.dir + "/models-reversed.json") == 0);
  rc = test::run_python(
      "check_compare.py",
      r.yield + " " + r.richards + " " + r.dir + "/models-reversed.json --nonzero", py);
  CHECK(rc == 0);
  CHECK_THAT(test::read_text(r.dir + "/models-reversed.json"),
             Contains("\"years_only_in_b\": [2035, 2036]"));
}

TEST_CASE(
    "compare: files without a fiscal year or a parcel in common are refused, incomplete "
    "ones exit 3",
    "[compare]") {
  const Runs& r = runs();
  // A copy of the run moved 100 years on: the same parcels, no year in common.
  const std::string moved = r.dir + "/moved.h5";
  fs::copy_file(r.richards, moved, fs::copy_options::overwrite_existing);
  {
    const hid_t f = H5Fopen(moved.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(f >= 0);
    const hid_t ds = H5Dopen2(f, "year", H5P_DEFAULT);
    REQUIRE(ds >= 0);
    std::vector<int> year(13);
    REQUIRE(H5Dread(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, year.data()) >= 0);
    CHECK(year.front() == 2024);
    for (int& y : year) y += 100;
    REQUIRE(H5Dwrite(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, year.data()) >= 0);
    H5Dclose(ds);
    REQUIRE(H5Fclose(f) >= 0);
  }
  std::string out;
  CHECK(test::run_cli_args({"compare", r.richards, moved}, out) == 1);
  INFO(out);
  CHECK_THAT(out, Contains("shinrin: error: compare: the files have no fiscal year in common (" +
                           r.richards + ": FY2024-FY2036, " + moved + ": FY2124-FY2136)"));
  // Another register (Hisayama, Fukuoka): the same fiscal years, no parcel in common.
  const std::string other = r.dir + "/hisayama.h5";
  REQUIRE(test::run_cli_args({"run", test::repo("scenarios/fukuoka-register.yaml"), "--years", "2",
                              "--output", other},
                             out) == 0);
  CHECK(test::run_cli_args({"compare", "--json", r.richards, other}, out) == 1);
  CHECK_THAT(out, Contains("shinrin: error: compare: the files have no parcel in common (" +
                           r.richards + ": "));
  CHECK_THAT(out, Contains(" parcels, " + other + ": "));
  CHECK_THAT(out, !Contains("\"totals\""));  // nothing on stdout
  // Without its `complete` attribute a file is not a finished run: exit 3, as for `info`.
  const std::string unfinished = r.dir + "/unfinished.h5";
  fs::copy_file(r.richards, unfinished, fs::copy_options::overwrite_existing);
  {
    const hid_t f = H5Fopen(unfinished.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(f >= 0);
    REQUIRE(H5Adelete(f, "complete") >= 0);
    REQUIRE(H5Fclose(f) >= 0);
  }
  CHECK(test::run_cli_args({"compare", r.richards, unfinished}, out) == 3);
  CHECK_THAT(out, Contains(unfinished + ": the results file is incomplete"));
  CHECK(test::run_cli_args({"compare", r.richards, r.dir + "/nothing.h5"}, out) == 1);
  CHECK(test::run_cli_args({"compare", r.richards}, out) == 1);
  CHECK_THAT(out, Contains("compare: B is required"));
}

TEST_CASE("format 3: ds.sel(parcel=key) works and two growth models line up by parcel",
          "[compare][xarray]") {
  const Runs& r = runs();
  std::string py;
  const int rc = test::run_python("check_parcel_sel.py", r.richards + " " + r.yield, py);
  INFO(py);
  CHECK(rc == 0);
  CHECK_THAT(py, Contains("lines up with"));
}

TEST_CASE("format 3: GDAL's netCDF driver shows the CF attributes of the per-parcel series",
          "[compare][gdal]") {
  const Runs& r = runs();
  GDALAllRegister();
  // GDAL warns that parcel and output_year are not latitude and longitude (it sees a raster).
  CPLPushErrorHandler(CPLQuietErrorHandler);
  const std::string name = "NETCDF:\"" + r.richards + "\":carbon_litter";
  GDALDatasetH ds = GDALOpen(name.c_str(), GA_ReadOnly);
  CPLPopErrorHandler();
  REQUIRE(ds != nullptr);
  auto item = [&](const char* key) {
    const char* v = GDALGetMetadataItem(ds, key, nullptr);
    return std::string(v ? v : "(none)");
  };
  CHECK(item("carbon_litter#standard_name") == "litter_mass_content_of_carbon");
  CHECK(item("carbon_litter#cell_methods") == "time: point");
  CHECK(item("carbon_litter#units") == "t ha-1");
  CHECK(item("parcel#cf_role") == "timeseries_id");
  CHECK(item("NC_GLOBAL#featureType") == "timeSeries");
  // A raster of output years (columns: the initial state and 12 years) by parcels (rows).
  const hid_t f = H5Fopen(r.richards.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const hid_t p = H5Dopen2(f, "parcel", H5P_DEFAULT);
  const hid_t space = H5Dget_space(p);
  const auto parcels = H5Sget_simple_extent_npoints(space);
  H5Sclose(space);
  H5Dclose(p);
  H5Fclose(f);
  CHECK(GDALGetRasterXSize(ds) == 13);
  CHECK(GDALGetRasterYSize(ds) == parcels);
  GDALClose(ds);
}

TEST_CASE(
    "compare: two regimes over a real register match the difference of the files, a run "
    "compared with itself is all zeros",
    "[compare][fukuoka]") {
  // Hisayama (Fukuoka) grown without management (fukuoka-register) and under the thinning and
  // felling regimes of fukuoka-managed: the same layer, the same fiscal years, other treatments.
  const std::string dir = test::scratch_dir("compare-regimes-" + std::to_string(::getpid()));
  const std::string grown = dir + "/grown.h5", managed = dir + "/managed.h5";
  std::string log;
  REQUIRE(test::run_cli_args({"run", "-q", test::repo("scenarios/fukuoka-register.yaml"), "--years",
                              "6", "--output", grown},
                             log) == 0);
  REQUIRE(test::run_cli_args({"run", "-q", test::repo("scenarios/fukuoka-managed.yaml"), "--years",
                              "6", "--output", managed},
                             log) == 0);
  REQUIRE(compare_json(grown, managed, dir + "/regimes.json") == 0);
  std::string py;
  int rc = test::run_python("check_compare.py",
                            grown + " " + managed + " " + dir + "/regimes.json --nonzero", py);
  INFO(py);
  CHECK(rc == 0);
  REQUIRE(compare_json(managed, managed, dir + "/self.json") == 0);
  rc = test::run_python("check_compare.py",
                        managed + " " + managed + " " + dir + "/self.json --zero", py);
  CHECK(rc == 0);
}
