// Input sizes are bounded (issue 11): a scenario file holds at most io::kMaxScenarioBytes
// (16 MiB), a CSV table at most io::kMaxTableBytes (256 MiB). A larger file is refused with its
// name and the limit, before it is read when it is a regular file; a device such as /dev/zero
// ends with the same message after limit + 1 bytes, quickly and without growing memory further.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "process_support.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/input_limits.hpp"
#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/scenario.hpp"
#include "test_support.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;
using namespace shinrin;

TEST_CASE("input limits: a scenario of 16 MiB is read, one byte more is refused", "[limits]") {
  const std::string dir = test::scratch_dir("limits-scenario");
  const std::string text = test::read_text(test::scenario_copy("hinohara-demo.yaml", dir));
  // The demo scenario padded with comment lines to exactly the limit.
  std::string padded = text;
  const std::string line = "#" + std::string(99, '-') + "\n";
  while (padded.size() + line.size() + 2 <= io::kMaxScenarioBytes) padded += line;
  padded += "#" + std::string(io::kMaxScenarioBytes - padded.size() - 2, '-') + "\n";
  REQUIRE(padded.size() == io::kMaxScenarioBytes);
  const std::string at_limit = test::write_scenario(dir, "at-limit.yaml", padded);
  const std::string over = test::write_scenario(dir, "over.yaml", padded + "\n");

  CHECK(io::load_scenario(at_limit).start_year == 2025);
  CHECK_THAT(test::input_error([&] { io::load_scenario(over); }),
             StartsWith(over + ": the file holds 16777217 bytes, more than the 16 MiB a "
                               "scenario may have"));
  std::string out;
  CHECK(test::run_cli_args({"validate", at_limit}, out) == 0);
  CHECK(test::run_cli_args({"run", over}, out) == 1);
  CHECK_THAT(out, StartsWith("shinrin: error: " + over + ": the file holds 16777217 bytes"));
}

TEST_CASE("input limits: /dev/zero as the scenario ends at once with exit 1", "[limits]") {
  const auto t0 = std::chrono::steady_clock::now();
  std::string out;
  const int rc = test::run_cli_args({"run", "/dev/zero"}, out);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  INFO(out);
  CHECK(rc == 1);
  CHECK(seconds < 10.0);
  CHECK_THAT(out, StartsWith("shinrin: error: /dev/zero: "));
  CHECK_THAT(out, Contains("more than the 16 MiB a scenario may have"));
}

TEST_CASE("input limits: a CSV table over 256 MiB is refused from its size", "[limits]") {
  const std::string dir = test::scratch_dir("limits-table");
  // A real species table made one byte too long by a sparse tail: refused without reading it.
  const std::string species = dir + "/species.csv";
  fs::copy_file(test::repo("data/species.csv"), species);
  fs::resize_file(species, io::kMaxTableBytes + 1);
  CHECK_THAT(test::input_error([&] { io::load_species_table(species); }),
             Equals(species + ": the file holds 268435457 bytes, more than the 256 MiB a CSV "
                              "table may have (is this the right file?)"));
  std::string text = test::read_text(test::scenario_copy("hinohara-demo.yaml", dir));
  text = test::replace_once(text, test::repo("data/species.csv"), species);
  const std::string scenario = test::write_scenario(dir, "scenario.yaml", text);
  std::string out;
  CHECK(test::run_cli_args({"validate", scenario}, out) == 1);
  CHECK_THAT(out, Contains(species + ": the file holds 268435457 bytes"));
}
