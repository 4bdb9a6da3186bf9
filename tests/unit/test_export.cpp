// The results file read as tables (io::read_results_tables, io::ParcelSeriesReader) and
// `shinrin export` to a GeoPackage and to CSV tables, on the demo and on a real Fukuoka register
// file. Reference values come from the HDF5 file read with h5py (tests/python/) or from sums
// computed here, never from the engine's own output.
#include <hdf5.h>

#include <unistd.h>
#include <catch2/catch.hpp>
#include <cmath>
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
