// Reproducers the mutation fuzzer (test_fuzz.cpp) found, reduced to small files in tests/fuzz/
// (tests/fuzz/README.md), each run through the real binary with the behaviour it has since the
// fix.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "process_support.hpp"
#include "test_support.hpp"

using namespace shinrin;
using namespace shinrin::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

TEST_CASE(
    "fuzz reproducer: a register with no record to simulate runs with top heights and a density "
    "diagram",
    "[fuzz]") {
  // Fuzz case 3243-like: every record is non-forest, bamboo or a road. This stopped loading with
  // exit 2 "growth table: density terms need top heights" (no file, field or record named); it is
  // a run of 0 parcels, as it was without a stand section.
  const std::string dir = scratch_dir("fuzz-regression-none-simulated");
  const std::string scenario = repo("tests/fuzz/no-simulated-record.yaml");
  std::string out;
  REQUIRE(run_cli_args({"validate", scenario}, out) == 0);
  CHECK_THAT(out, Contains("scenario is valid: 0 parcels would be simulated for 3 years"));
  const int rc = run_cli_args({"run", scenario, "--output", dir + "/out.h5"}, out);
  INFO(out);
  REQUIRE(rc == 0);
  CHECK_THAT(out, Contains("simulated 0 parcels x 3 years"));
  CHECK_THAT(out, Contains("  all records read            3         3.58"));
  CHECK_THAT(out, !Contains("density terms"));
  REQUIRE(fs::exists(dir + "/out.h5"));
  REQUIRE(run_cli_args({"info", dir + "/out.h5"}, out) == 0);
  CHECK_THAT(out, Contains("0 simulated parcels, 0.00 ha, fiscal years 2025-2027"));
}

TEST_CASE(
    "fuzz reproducer: a register whose every record is refused stops with exit 1 naming the "
    "values",
    "[fuzz]") {
  // Fuzz case 3243 (every storey set to the bytes FF FE) and 3263 (every area -9.2e18): with no
  // record left, the growth table's guard (exit 2, above) hid the problems of the records; now
  // they are reported, with every other stage's, as an input error.
  const std::string dir = scratch_dir("fuzz-regression-all-refused");
  const std::string parcels = repo("tests/fuzz/storey-not-understood.csv");
  std::string out;
  const int rc = run_cli_args({"run", repo("tests/fuzz/no-simulated-record.yaml"), "--parcels",
                               parcels, "--output", dir + "/out.h5"},
                              out);
  INFO(out);
  CHECK(rc == 1);
  CHECK(count_of(out, "shinrin: error: ") == 1);
  CHECK_THAT(out, Contains(parcels + " layer 'storey-not-understood': cannot simulate these "
                                     "records:\nstorey values not understood (expected 上層木, "
                                     "下層木 or empty):"));
  CHECK_THAT(out, Contains("  '中層木': 1 records"));
  CHECK_THAT(out, !Contains("density terms"));
  CHECK_FALSE(fs::exists(dir + "/out.h5"));
  CHECK(files_with(dir, ".tmp-").empty());
}
