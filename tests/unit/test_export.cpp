// The results file read as tables (io::read_results_tables, io::ParcelSeriesReader) and
// `shinrin export` to a GeoPackage and to CSV tables, on the demo and on a real Fukuoka register
// file. Reference values come from the HDF5 file read with h5py (tests/python/) or from sums
// computed here, never from the engine's own output.
#include <gdal.h>
#include <hdf5.h>
#include <ogr_api.h>

#include <unistd.h>
#include <catch2/catch.hpp>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "process_support.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/results_tables.hpp"
#include "test_support.hpp"

using namespace shinrin;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// The demo run (Richards curves, regimes, every per-parcel series each year), made once per test
// process in a folder of its own (ctest -j runs the cases side by side).
struct DemoRun {
  std::string dir, results;
  DemoRun() {
    dir = test::scratch_dir("export-" + std::to_string(::getpid()));
    results = dir + "/demo.h5";
    std::string log;
    const int rc = test::run_cli_args(
        {"run", test::repo("scenarios/hinohara-demo.yaml"), "--years", "8", "--output", results},
        log);
    INFO(log);
    REQUIRE(rc == 0);
  }
};

const DemoRun& demo() {
  static const DemoRun r;
  return r;
}

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// |a - b| / (max(|a|, |b|) + threshold) < rtol (STYLE.md).
bool close(double a, double b, double rtol = 1e-9, double threshold = 1e-3) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::abs(a - b) / (std::max(std::abs(a), std::abs(b)) + threshold) < rtol;
}

}  // namespace

TEST_CASE("export: the results tables read what h5py reads, and the groups add up to the totals",
          "[export][tables]") {
  const DemoRun& r = demo();
  const io::ResultsTables t = io::read_results_tables(r.results);
  REQUIRE(t.parcels.size() > 100);
  REQUIRE(t.summary.year.size() == 9);
  REQUIRE(t.output_year.size() == 9);
  REQUIRE(t.series.size() == 21);  // the demo's selection: every series but carbon_soil
  REQUIRE(t.groups.size() == 3);

  // Every group's aggregates add up to the totals (fixed-point sums: 1e-6 of the unit per block).
  const std::size_t times = t.summary.year.size();
  std::size_t compared = 0;
  for (const io::GroupTable& g : t.groups) {
    REQUIRE_FALSE(g.labels.empty());
    for (std::size_t v = 0; v < sim::kAggVarCount; ++v) {
      for (std::size_t k = 0; k < times; ++k) {
        double sum = 0.0;
        for (std::size_t l = 0; l < g.labels.size(); ++l) sum += g.values[v][l][k];
        const double total = t.summary.totals[v][k];
        INFO(g.dim << " " << sim::agg_var_info(sim::AggVar(v)).name << " t=" << k);
        if (std::isnan(total)) {
          CHECK(k == 0);
          CHECK(std::isnan(sum));
        } else {
          CHECK(std::abs(sum - total) <= 1e-5 * double(g.labels.size()) + 1e-9 * std::abs(total));
          ++compared;
        }
      }
    }
  }
  CHECK(compared > 3 * 20 * 6);
  // A stock that is not zero, so that the sums above compare something.
  CHECK(t.summary.totals[std::size_t(sim::AggVar::stem_volume)][0] > 1000.0);

  // The parcel source: the demo layer, its layer name and key field.
  CHECK(t.source.path == test::repo("data/demo/hinohara_demo.gpkg"));
  CHECK(t.source.layer == "shohan");
  CHECK(t.source.key_field == "key");
  CHECK(t.source.sha256.size() == 64);

  // A range of parcels reads as the same rows of the whole series.
  io::ParcelSeriesReader series(r.results);
  REQUIRE(series.parcels() == t.parcels.size());
  REQUIRE(series.output_years() == t.output_year.size());
  const auto whole = series.read("stem_volume");
  const auto part = series.read("stem_volume", 100, 50);
  REQUIRE(part.size() == 50 * t.output_year.size());
  for (std::size_t k = 0; k < part.size(); ++k)
    CHECK(part[k] == whole[100 * t.output_year.size() + k]);
  CHECK_THROWS_AS(series.read("carbon_soil"), InputError);
  CHECK_THROWS_AS(series.read("stem_volume", t.parcels.size() - 1, 2), InputError);
  CHECK_THROWS_AS(series.read("no_such_variable"), InputError);

  // Everything read, dumped for h5py to check.
  std::string dump;
  const auto& c = t.parcels;
  for (std::size_t p = 0; p < c.size(); ++p) {
    dump += "parcel\t" + c.id[p] + "\t" + c.key[p] + "\t" + std::to_string(c.source_fid[p]) + "\t" +
            number(c.area[p]) + "\t" + c.species[p] + "\t" + c.municipality[p] + "\t" +
            c.regime[p] + "\t" + std::to_string(c.site_class[p]) + "\t" +
            std::to_string(c.storey[p]) + "\t" + std::to_string(c.initial_age[p]) + "\t" +
            c.register_species_name[p] + "\t" + c.register_forest_type_name[p] + "\n";
  }
  for (const io::SeriesColumn& s : t.series) {
    dump += "series\t" + s.name + "\t" + s.units + "\t" + (s.is_flux ? "1" : "0") + "\n";
    const auto values = series.read(s.name);
    for (std::size_t p = 0; p < c.size(); ++p) {
      for (std::size_t j = 0; j < t.output_year.size(); ++j)
        dump += "value\t" + s.name + "\t" + c.id[p] + "\t" + std::to_string(j) + "\t" +
                number(values[p * t.output_year.size() + j]) + "\n";
    }
  }
  for (const io::GroupTable& g : t.groups) {
    for (std::size_t v = 0; v < sim::kAggVarCount; ++v) {
      const std::string var(sim::agg_var_info(sim::AggVar(v)).name);
      for (std::size_t l = 0; l < g.labels.size(); ++l) {
        for (std::size_t k = 0; k < times; ++k)
          dump += "group\t" + g.dim + "\t" + g.labels[l] + "\t" + var + "\t" + std::to_string(k) +
                  "\t" + number(g.values[v][l][k]) + "\n";
      }
    }
  }
  for (std::size_t v = 0; v < sim::kAggVarCount; ++v) {
    for (std::size_t k = 0; k < times; ++k)
      dump += "total\t" + std::string(sim::agg_var_info(sim::AggVar(v)).name) + "\t" +
              std::to_string(k) + "\t" + number(t.summary.totals[v][k]) + "\n";
  }
  dump += "source\t" + t.source.path + "\t" + t.source.sha256 + "\n";
  const std::string dump_path = r.dir + "/tables.tsv";
  test::write_file(dump_path, dump);
  std::string py;
  const int rc = test::run_python("check_results_tables.py", r.results + " " + dump_path, py);
  INFO(py);
  CHECK(rc == 0);
  CHECK_THAT(py, Contains("checked:"));
}

TEST_CASE("export: the tables reader refuses what is not a complete results file of format 3",
          "[export][tables]") {
  const DemoRun& r = demo();
  CHECK_THROWS_AS(io::read_results_tables(r.dir + "/nothing.h5"), InputError);
  // A text file: not HDF5.
  test::write_file(r.dir + "/text.h5", "not a results file\n");
  CHECK_THROWS_AS(io::read_results_tables(r.dir + "/text.h5"), IncompleteResultsError);
  // A file that says format 2.2: another major.
  const std::string as_2x = r.dir + "/as-2x.h5";
  fs::copy_file(r.results, as_2x, fs::copy_options::overwrite_existing);
  {
    const hid_t f = H5Fopen(as_2x.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(f >= 0);
    const hid_t a = H5Aopen(f, "format_version", H5P_DEFAULT);
    const int v[2] = {2, 2};
    REQUIRE(H5Awrite(a, H5T_NATIVE_INT, v) >= 0);
    H5Aclose(a);
    REQUIRE(H5Fclose(f) >= 0);
  }
  try {
    (void)io::read_results_tables(as_2x);
    FAIL("a 2.2 file was read");
  } catch (const IncompleteResultsError& e) {
    CHECK_THAT(e.what(), Contains("results format 2.2 cannot be read as tables"));
  }
  CHECK_THROWS_AS(io::ParcelSeriesReader(as_2x), IncompleteResultsError);
}

namespace {

// `shinrin export args...`: exit code; stdout and stderr in `out`.
int export_cli(std::vector<std::string> args, std::string& out, long file_size_limit = 0) {
  args.insert(args.begin(), "export");
  return test::run_cli_args(args, out, file_size_limit);
}

int python(const std::string& script, const std::string& args) {
  std::string out;
  const int rc = test::run_python(script, args, out);
  UNSCOPED_INFO(script << " " << args << ":\n" << out);
  return rc;
}

// The real register of Hisayama town (Fukuoka, 5,513 records), 5 fiscal years, made once.
struct HisayamaRun {
  std::string dir, results;
  HisayamaRun() {
    dir = test::scratch_dir("export-hisayama-" + std::to_string(::getpid()));
    results = dir + "/hisayama.h5";
    std::string log;
    const int rc = test::run_cli_args(
        {"run", test::repo("scenarios/fukuoka-register.yaml"), "--years", "5", "--output", results},
        log);
    INFO(log);
    REQUIRE(rc == 0);
  }
};

const HisayamaRun& hisayama() {
  static const HisayamaRun r;
  return r;
}

}  // namespace

TEST_CASE("export: the demo as a GeoPackage: one feature per simulated record with its values",
          "[export][gpkg]") {
  const DemoRun& r = demo();
  const std::string layer = test::repo("data/demo/hinohara_demo.gpkg");
  std::string out;
  const std::string wide = r.dir + "/demo.gpkg";
  REQUIRE(export_cli({r.results, "--to", wide}, out) == 0);
  INFO(out);
  CHECK_THAT(out, Contains("parcels: 558 features"));
  CHECK(python("check_export_gpkg.py", r.results + " " + wide + " " + layer + " shohan key") == 0);
  // Long: the chosen series as rows of parcel_series; the parcels layer keeps the static fields.
  const std::string tall = r.dir + "/demo-long.gpkg";
  REQUIRE(export_cli({r.results, "--to", tall, "--long", "--variables", "stem_volume,co2_removal"},
                     out) == 0);
  {  // parcel_series is indexed by parcel and year (joins in QGIS)
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(tall.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    REQUIRE(ds != nullptr);
    OGRLayerH rows = GDALDatasetExecuteSQL(
        ds,
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'parcel_series' AND "
        "name = 'parcel_series_parcel'",
        nullptr, nullptr);
    REQUIRE(rows != nullptr);
    CHECK(OGR_L_GetFeatureCount(rows, TRUE) == 1);
    GDALDatasetReleaseResultSet(ds, rows);
    GDALClose(ds);
  }
  CHECK(python("check_export_gpkg.py",
               r.results + " " + tall + " " + layer +
                   " shohan key --long --variables stem_volume,co2_removal") == 0);
  // Chosen series as columns.
  const std::string two = r.dir + "/demo-two.gpkg";
  REQUIRE(export_cli({r.results, "--to", two, "--variables", "carbon_ag, operation"}, out) == 0);
  CHECK(python("check_export_gpkg.py", r.results + " " + two + " " + layer +
                                           " shohan key --variables carbon_ag,operation") == 0);
  CHECK(test::files_with(r.dir, ".tmp-").empty());
}

TEST_CASE("export: the demo as CSV tables round-trips through Python's csv module",
          "[export][csv]") {
  const DemoRun& r = demo();
  std::string out;
  const std::string wide = r.dir + "/csv-wide/new";  // the folder is created
  REQUIRE(export_cli({r.results, "--to", wide, "--csv"}, out) == 0);
  INFO(out);
  CHECK(python("check_export_csv.py", r.results + " " + wide + " --expect 檜原村") == 0);
  const std::string tidy = r.dir + "/csv-long";
  REQUIRE(export_cli({r.results, "--to", tidy, "--csv", "--long"}, out) == 0);
  CHECK(python("check_export_csv.py", r.results + " " + tidy + " --long --expect 檜原村") == 0);
  // The initial state is labelled, and its fluxes are empty cells.
  const std::string totals = test::read_text(wide + "/totals.csv");
  CHECK(totals.rfind("\xEF\xBB\xBF"
                     "fiscal_year,state,stem_volume [m3],",
                     0) == 0);
  CHECK_THAT(totals, Contains("\r\n2024,initial,"));
  CHECK_THAT(totals, Contains("\r\n2025,end of year,"));
  CHECK(test::files_with(wide, ".tmp-").empty());
}

TEST_CASE("export: a real Fukuoka register (Hisayama) as a GeoPackage and CSV tables",
          "[export][fukuoka]") {
  const HisayamaRun& r = hisayama();
  const std::string layer = test::shared("data/fukuoka-forest-register/hisayama.fgb");
  std::string out;
  const std::string gpkg = r.dir + "/hisayama.gpkg";
  REQUIRE(export_cli({r.results, "--to", gpkg}, out) == 0);
  INFO(out);
  CHECK(python("check_export_gpkg.py", r.results + " " + gpkg + " " + layer + " - link_key") == 0);
  const std::string csv = r.dir + "/csv";
  REQUIRE(export_cli({r.results, "--to", csv, "--csv"}, out) == 0);
  CHECK(python("check_export_csv.py", r.results + " " + csv + " --expect 久山町") == 0);
  REQUIRE(export_cli({r.results, "--to", csv, "--csv", "--long", "--overwrite"}, out) == 0);
  CHECK(python("check_export_csv.py", r.results + " " + csv + " --long --expect 久山町") == 0);
}

namespace {

// Runs SQL on a GeoPackage through GDAL (the test's own change to a layer).
void execute_sql(const std::string& gpkg, const std::string& sql) {
  GDALAllRegister();
  GDALDatasetH ds =
      GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
  REQUIRE(ds != nullptr);
  OGRLayerH result = GDALDatasetExecuteSQL(ds, sql.c_str(), nullptr, nullptr);
  if (result) GDALDatasetReleaseResultSet(ds, result);
  GDALClose(ds);
}

}  // namespace

TEST_CASE("export: refuses what it cannot or must not write", "[export][errors]") {
  const DemoRun& r = demo();
  std::string out;
  // Not a results file: exit 3; a path that names nothing: exit 1 (as info and compare).
  test::write_file(r.dir + "/not-results.h5", "text\n");
  CHECK(export_cli({r.dir + "/not-results.h5", "--to", r.dir + "/x.gpkg"}, out) == 3);
  CHECK_THAT(out, Contains("not an HDF5 file"));
  CHECK(export_cli({r.dir + "/nothing.h5", "--to", r.dir + "/x.gpkg"}, out) == 1);
  CHECK_THAT(out, Contains("no such file"));
  CHECK_FALSE(fs::exists(r.dir + "/x.gpkg"));
  // Options: --to is required and names a .gpkg (or a folder with --csv); unknown series.
  CHECK(export_cli({r.results}, out) == 1);
  CHECK_THAT(out, Contains("--to is required"));
  CHECK(export_cli({r.results, "--to", r.dir + "/x.sqlite"}, out) == 1);
  CHECK_THAT(out, Contains("does not end in .gpkg"));
  CHECK(export_cli({r.results, "--to", r.dir + "/x.gpkg", "--variables", "carbon_soil"}, out) == 1);
  CHECK_THAT(out, Contains("holds no per-parcel series 'carbon_soil'"));
  CHECK(export_cli({r.results, "--to", r.dir + "/no/such/folder/x.gpkg"}, out) == 1);
  CHECK(export_cli({r.results, "--to", r.dir + "/c", "--csv", "--parcels", "x.gpkg"}, out) == 1);
  CHECK(export_cli({"--help"}, out) == 0);
  CHECK_THAT(out, Contains("--long"));

  // More columns than a GeoPackage table holds (21 series x 96 output years): refused with advice.
  const std::string long_run = r.dir + "/95-years.h5";
  REQUIRE(test::run_cli_args({"run", test::repo("scenarios/hinohara-demo.yaml"), "--years", "95",
                              "--output", long_run},
                             out) == 0);
  CHECK(export_cli({long_run, "--to", r.dir + "/wide.gpkg"}, out) == 1);
  CHECK_THAT(out,
             Contains("21 per-parcel series × 96 output years make 2030 columns, more than the "
                      "2000 a GeoPackage table can hold"));
  CHECK_FALSE(fs::exists(r.dir + "/wide.gpkg"));
  CHECK(export_cli({long_run, "--to", r.dir + "/wide.gpkg", "--variables", "age,co2_removal"},
                   out) == 0);

  // SIGINT while the long table (10^6 rows, seconds) is written: exit 130, no file left.
  {
    const std::string target = r.dir + "/interrupted.gpkg";
    test::Child child =
        test::start_cli({"export", long_run, "--to", target, "--long"}, r.dir + "/interrupted.log");
    const std::string temp = target + ".tmp-" + std::to_string(child.pid());
    REQUIRE(test::wait_for_file(temp, 20.0));
    ::usleep(300 * 1000);
    REQUIRE(::kill(child.pid(), SIGINT) == 0);
    CHECK(child.wait() == 130);
    const std::string log = test::read_text(r.dir + "/interrupted.log");
    INFO(log);
    CHECK_THAT(log, Contains("stopped by SIGINT: the export stopped"));
    CHECK_FALSE(fs::exists(target));
    CHECK_FALSE(fs::exists(temp));
    CHECK(test::files_with(r.dir, ".tmp-").empty());
  }

  // An existing output is kept unless --overwrite is given.
  const std::string kept = r.dir + "/kept.gpkg";
  test::write_file(kept, "an earlier file\n");
  CHECK(export_cli({r.results, "--to", kept}, out) == 1);
  CHECK_THAT(out, Contains("exists; give --overwrite"));
  CHECK(test::read_text(kept) == "an earlier file\n");
  const std::string kept_csv = r.dir + "/kept-csv";
  fs::create_directories(kept_csv);
  test::write_file(kept_csv + "/regime.csv", "mine\n");
  CHECK(export_cli({r.results, "--to", kept_csv, "--csv"}, out) == 1);
  CHECK_THAT(out, Contains("regime.csv exists; give --overwrite"));
  CHECK(test::read_text(kept_csv + "/regime.csv") == "mine\n");
  CHECK_FALSE(fs::exists(kept_csv + "/totals.csv"));  // nothing written
  CHECK(export_cli({r.results, "--to", kept_csv, "--csv", "--overwrite"}, out) == 0);
  CHECK(test::read_text(kept_csv + "/regime.csv") != "mine\n");
  CHECK(export_cli({r.results, "--to", kept, "--overwrite"}, out) == 0);
  CHECK(test::read_text(kept) != "an earlier file\n");

  // A write that fails (a file-size limit: a real EFBIG): exit 2, no temporary file, no output.
  const std::string small = r.dir + "/small";
  fs::create_directories(small);
  CHECK(export_cli({r.results, "--to", small + "/big.gpkg"}, out, 64 * 1024) == 2);
  CHECK_THAT(out, Contains("cannot write the GeoPackage '" + small + "/big.gpkg'"));
  CHECK_THAT(out, Contains("the temporary file was removed"));
  CHECK_FALSE(fs::exists(small + "/big.gpkg"));
  CHECK(export_cli({r.results, "--to", small + "/csv", "--csv"}, out, 2000) == 2);
  CHECK_THAT(out, Contains("cannot write the table"));
  CHECK(test::files_with(small, ".tmp-").empty());
  CHECK(test::files_with(small + "/csv", ".tmp-").empty());
  CHECK(test::files_with(small + "/csv", ".csv").empty());

  // The parcel layer: a run over a copy of the demo layer.
  const std::string copy_dir = r.dir + "/layer";
  fs::create_directories(copy_dir);
  const std::string copy = copy_dir + "/parcels.gpkg";
  fs::copy_file(test::repo("data/demo/hinohara_demo.gpkg"), copy,
                fs::copy_options::overwrite_existing);
  const std::string run = r.dir + "/on-copy.h5";
  REQUIRE(test::run_cli_args({"run", test::repo("scenarios/hinohara-demo.yaml"), "--years", "8",
                              "--parcels", copy, "--output", run},
                             out) == 0);
  REQUIRE(export_cli({run, "--to", r.dir + "/on-copy.gpkg"}, out) == 0);
  // The parcel layer itself as the output: refused even with --overwrite, the layer untouched.
  const std::string layer_bytes = test::read_text(copy);
  CHECK(export_cli({run, "--to", copy, "--overwrite"}, out) == 1);
  CHECK_THAT(out, Contains("is the parcel layer it reads"));
  CHECK(test::read_text(copy) == layer_bytes);
  // Changed after the run (another age): refused, unless given with --parcels (then a warning).
  execute_sql(copy, "UPDATE shohan SET age = age + 1 WHERE fid = 3");
  CHECK(export_cli({run, "--to", r.dir + "/changed.gpkg"}, out) == 1);
  CHECK_THAT(out, Contains("is not the file the run read (SHA-256 "));
  CHECK_THAT(out, Contains("give --parcels PATH"));
  CHECK(export_cli({run, "--to", r.dir + "/changed.gpkg", "--parcels", copy}, out) == 0);
  CHECK_THAT(out, Contains("shinrin: warning: the parcel layer '" + copy + "' is not the file"));
  CHECK(python("check_export_gpkg.py",
               run + " " + r.dir + "/changed.gpkg " + copy + " shohan key") == 0);
  // A register key that is not the run's: refused even with --parcels.
  execute_sql(copy, "UPDATE shohan SET \"key\" = 'X-1' WHERE fid = 5");
  CHECK(export_cli({run, "--to", r.dir + "/wrong-key.gpkg", "--parcels", copy}, out) == 1);
  CHECK_THAT(out, Contains("has the register key 'X-1'"));
  CHECK_FALSE(fs::exists(r.dir + "/wrong-key.gpkg"));
  // Records missing from the layer.
  execute_sql(copy, "DELETE FROM shohan WHERE fid > 500 OR fid = 5");
  CHECK(export_cli({run, "--to", r.dir + "/missing.gpkg", "--parcels", copy}, out) == 1);
  CHECK_THAT(out, Contains("has no feature for"));
  // The layer gone: refused with what to do.
  fs::remove(copy);
  CHECK(export_cli({run, "--to", r.dir + "/gone.gpkg"}, out) == 1);
  CHECK_THAT(out, Contains("the parcel layer '" + copy + "' does not exist"));
  CHECK(export_cli({run, "--to", r.dir + "/gone.gpkg", "--parcels", copy_dir + "/no.gpkg"}, out) ==
        1);
  CHECK(test::files_with(r.dir, ".tmp-").empty());
  CHECK(test::files_with(copy_dir, ".tmp-").empty());
}

TEST_CASE("export: a run without per-parcel series exports its parcels and tables",
          "[export][gpkg][csv]") {
  // The yield-table demo (no regimes: every parcel under "(no regime)") without its series.
  const std::string dir = test::scratch_dir("export-no-series-" + std::to_string(::getpid()));
  const std::string text = test::replace_once(
      test::with_repo_data(test::read_text(test::repo("scenarios/hinohara-yield-table.yaml"))),
      "  parcel_series:\n    variables: [age, stem_volume, carbon_ag, carbon_bg, co2_removal]\n"
      "    interval: 1\n",
      "");
  const std::string scenario = test::write_scenario(dir, "no-series.yaml", text);
  const std::string results = dir + "/no-series.h5";
  std::string out;
  REQUIRE(test::run_cli_args({"run", scenario, "--years", "4", "--output", results}, out) == 0);
  const io::ResultsTables t = io::read_results_tables(results);
  CHECK(t.series.empty());
  CHECK(t.output_year.empty());
  REQUIRE(t.groups.size() == 3);
  CHECK(t.groups[2].labels == std::vector<std::string>{"(no regime)"});
  CHECK_THROWS_AS(io::ParcelSeriesReader(results).read("stem_volume"), InputError);
  const std::string gpkg = dir + "/no-series.gpkg";
  REQUIRE(export_cli({results, "--to", gpkg}, out) == 0);
  INFO(out);
  CHECK(python("check_export_gpkg.py", results + " " + gpkg + " " +
                                           test::repo("data/demo/hinohara_demo.gpkg") +
                                           " shohan key") == 0);
  CHECK(export_cli({results, "--to", dir + "/v.gpkg", "--variables", "age"}, out) == 1);
  CHECK_THAT(out, Contains("holds no per-parcel series 'age' (it holds: none)"));
  REQUIRE(export_cli({results, "--to", dir + "/csv", "--csv"}, out) == 0);
  CHECK(python("check_export_csv.py", results + " " + dir + "/csv") == 0);
}
