// The command line (issue 10): --help and -h on every verb, --version, unknown options and verbs
// as bad input (exit 1), run refusing to replace a results file without --overwrite, run --json,
// a run with no simulated parcel, --every, the grouped parameter list and --quiet, and CSV
// tables that are not UTF-8. Through the real executable.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <omp.h>

#include <thread>

#include "process_support.hpp"
#include "shinrin/driver/load.hpp"
#include "shinrin/driver/run.hpp"
#include "shinrin/io/scenario.hpp"
#include "test_support.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;
using namespace shinrin;

namespace {

//! Rows of the summary's yearly totals table in `text`: the lines between its unit line
//! ("  year  m3 ...") and its "  sum" line.
int year_lines(const std::string& text) {
  const std::size_t head = text.find("\n  year ");
  if (head == std::string::npos) return -1;
  const std::size_t first = text.find('\n', head + 1) + 1;
  const std::size_t sum = text.find("\n  sum ", first);
  if (sum == std::string::npos) return -1;
  return static_cast<int>(test::count_of(text.substr(first, sum + 1 - first), "\n"));
}

}  // namespace

TEST_CASE("cli: --help and -h on every verb exit 0 and list its options", "[cli]") {
  struct Verb {
    std::string name;
    std::vector<std::string> options;
  };
  const std::vector<Verb> verbs = {
      {"run",
       {"--parcels", "--output", "--years", "--threads", "--unknown-species", "--timings",
        "--no-lock", "--overwrite", "--every", "--json", "--quiet"}},
      {"validate", {"--parcels", "--output", "--years", "--threads", "--unknown-species"}},
      {"info", {"--json", "--every", "--quiet"}},
      {"credit", {"--out"}},
      {"fit-growth", {"--species", "--site-class"}},
      {"export", {"--to", "--csv", "--long", "--parcels", "--variables", "--overwrite"}},
      {"report", {"--html", "--lang", "--parcels", "--map-variable", "--overwrite"}},
      {"compare", {"--json"}},
  };
  for (const Verb& v : verbs) {
    for (const char* help : {"--help", "-h"}) {
      INFO(v.name << " " << help);
      std::string out;
      CHECK(test::run_cli_args({v.name, help}, out) == 0);
      CHECK_THAT(out, Contains("shinrin " + v.name));
      for (const auto& o : v.options) CHECK_THAT(out, Contains(o));
      CHECK_THAT(out, !Contains("shinrin: error"));
    }
  }
  std::string out;
  CHECK(test::run_cli_args({"--help"}, out) == 0);
  for (const char* verb :
       {"run", "validate", "info", "credit", "fit-growth", "export", "report", "compare"})
    CHECK_THAT(out, Contains(verb));
  CHECK_THAT(out, Contains("exit codes"));
  CHECK(test::run_cli_args({}, out) == 1);  // no verb: the help, as an error
  CHECK_THAT(out, Contains("run"));
}

TEST_CASE("cli: --version prints the version, unknown options and verbs are bad input", "[cli]") {
  std::string out;
  CHECK(test::run_cli_args({"--version"}, out) == 0);
  CHECK_THAT(out, Contains("shinrin 0."));
  const std::string scenario = test::repo("scenarios/hinohara-demo.yaml");
  CHECK(test::run_cli_args({"run", scenario, "--no-such-option"}, out) == 1);
  CHECK_THAT(out, Contains("shinrin: error: run: "));
  CHECK_THAT(out, Contains("--no-such-option"));
  CHECK(test::run_cli_args({"validate", scenario, "--json"}, out) == 1);  // run only
  CHECK_THAT(out, Contains("--json"));
  CHECK(test::run_cli_args({"frobnicate"}, out) == 1);
  CHECK_THAT(out, Contains("shinrin: error: "));
  CHECK_THAT(out, Contains("frobnicate"));
  CHECK(test::run_cli_args({"run"}, out) == 1);  // the scenario is missing
  CHECK_THAT(out, Contains("SCENARIO"));
  CHECK(test::run_cli_args({"info", "a.h5", "b.h5"}, out) == 1);  // one file only
  CHECK(test::run_cli_args({"run", scenario, "--every", "0"}, out) == 1);
  CHECK_THAT(out, Contains("option --every: '0' is not an integer in [1, 1000]"));
}

TEST_CASE("cli: run refuses to replace a results file unless --overwrite is given", "[cli]") {
  const std::string dir = test::scratch_dir("cli-overwrite");
  const std::string scenario = test::scenario_copy("hinohara-demo.yaml", dir);
  const std::string out = dir + "/results.h5";
  std::string log;
  REQUIRE(test::run_cli_args({"run", scenario, "--years", "10", "--output", out}, log) == 0);
  const std::string earlier = test::read_text(out);
  REQUIRE(earlier.size() > 1000);

  const int rc = test::run_cli_args({"run", scenario, "--years", "12", "--output", out}, log);
  INFO(log);
  CHECK(rc == 1);
  CHECK_THAT(log, Contains("shinrin: error: output path '" + out +
                           "' exists: give --overwrite to replace it"));
  CHECK(test::read_text(out) == earlier);  // byte-identical
  CHECK(test::files_with(dir, ".tmp-").empty());
  CHECK(test::files_with(dir, ".lock").empty());
  // validate does not write: it only says so.
  CHECK(test::run_cli_args({"validate", scenario, "--output", out}, log) == 0);
  CHECK_THAT(log, Contains("note: the output path '" + out +
                           "' exists: run replaces it only with --overwrite"));

  REQUIRE(test::run_cli_args({"run", scenario, "--years", "12", "--overwrite", "--output", out},
                             log) == 0);
  CHECK(test::read_text(out) != earlier);
  REQUIRE(test::run_cli_args({"info", out}, log) == 0);
  CHECK_THAT(log, Contains("fiscal years 2025-2036"));
}

TEST_CASE("cli: run --json prints the summary as JSON on stdout", "[cli]") {
  const std::string dir = test::scratch_dir("cli-json");
  const std::string scenario = test::scenario_copy("hinohara-demo.yaml", dir);
  const std::string json = dir + "/summary.json";
  const std::string err = dir + "/stderr.txt";
  const std::string cmd = std::string(SHINRIN_EXE) + " run " + scenario + " --years 9 --json" +
                          " --output " + dir + "/results.h5 >" + json + " 2>" + err;
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK_THAT(test::read_text(err), Contains("results written to"));  // the rest on stderr
  std::string out;
  REQUIRE(test::run_python("check_run_json.py", json, out) == 0);
  INFO(out);
  CHECK_THAT(out, Contains("complete True"));
  CHECK_THAT(out, Contains("start_year 2025"));
  CHECK_THAT(out, Contains("years 9"));
  CHECK_THAT(out, Contains("rows 10"));  // the initial state and 9 fiscal years
  CHECK_THAT(out, Contains("first 2024 last 2033"));
}

TEST_CASE("cli: the summary shows every fiscal year, --every thins it and says so", "[cli]") {
  const std::string dir = test::scratch_dir("cli-every");
  const std::string scenario = test::scenario_copy("hinohara-demo.yaml", dir);
  const std::string out = dir + "/results.h5";
  std::string all;
  REQUIRE(test::run_cli_args({"run", scenario, "--years", "40", "--output", out}, all) == 0);
  CHECK(year_lines(all) == 41);  // the initial state and 40 years (2024-2064)
  CHECK_THAT(all, !Contains("--every"));
  std::string thin;
  REQUIRE(test::run_cli_args({"info", out, "--every", "5"}, thin) == 0);
  CHECK(year_lines(thin) == 9);  // 2024, 2029, ..., 2064
  CHECK_THAT(thin, Contains("one fiscal year in 5 shown (--every 5)"));

  // The unconfirmed parameters, grouped by table; --quiet hides them.
  CHECK_THAT(all, Contains("unconfirmed parameters used (status U"));
  CHECK_THAT(all, Contains("  (source: "));
  CHECK(test::count_of(all, "    BEF_young [1]\n") == 1);  // one group for all its values
  std::string quiet;
  REQUIRE(test::run_cli_args({"info", out, "--quiet"}, quiet) == 0);
  CHECK_THAT(quiet, !Contains("unconfirmed parameters"));
  CHECK(year_lines(quiet) == 41);
}

TEST_CASE("cli: a run with no simulated parcel stops unless the scenario allows it", "[cli]") {
  const std::string dir = test::scratch_dir("cli-empty");
  // A GeoPackage with the layout of a Fukuoka register file and no feature.
  const std::string empty = dir + "/empty.gpkg";
  const std::string make = "ogr2ogr -f GPKG " + empty + " " +
                           test::shared("data/fukuoka-forest-register/kurate.fgb") +
                           " -where '0=1'";
  REQUIRE(std::system(make.c_str()) == 0);
  const std::string scenario = test::scenario_copy("fukuoka-register.yaml", dir);
  const std::string out = dir + "/results.h5";
  std::string log;
  int rc = test::run_cli_args({"run", scenario, "--parcels", empty, "--output", out}, log);
  {
    INFO(log);
    CHECK(rc == 1);
    CHECK_THAT(log, Contains("shinrin: error: " + empty));
    CHECK_THAT(log, Contains("no parcel to simulate (0 records read, none of them simulated"));
    CHECK_THAT(log, Contains("'parcels.allow_empty: true'"));
    CHECK_FALSE(fs::exists(out));
    CHECK(test::files_with(dir, ".tmp-").empty());
  }
  CHECK(test::run_cli_args({"validate", scenario, "--parcels", empty}, log) == 1);
  CHECK_THAT(log, Contains("no parcel to simulate"));

  const std::string text = test::read_text(scenario);
  const std::string allowed =
      test::write_scenario(dir, "allowed.yaml",
                           test::replace_once(text, "  unknown_species: error\n",
                                              "  unknown_species: error\n  allow_empty: true\n"));
  rc = test::run_cli_args({"run", allowed, "--parcels", empty, "--output", out}, log);
  INFO(log);
  CHECK(rc == 0);
  CHECK_THAT(log, Contains("0 simulated parcels"));
  CHECK(fs::exists(out));
  // The key is part of the resolved scenario recorded in the results.
  REQUIRE(test::run_cli_args({"info", "--json", out}, log) == 0);
  CHECK_THAT(log, Contains("\"parcels\": 0,"));
}

TEST_CASE("cli: a CSV table that is not UTF-8 is an input error that says so", "[cli]") {
  const std::string dir = test::scratch_dir("cli-cp932");
  // The alias table with one more row whose name is 東京 in CP932 (Shift_JIS), as Excel saves it.
  std::string aliases = test::read_text(test::repo("data/species_aliases.csv"));
  const int line = 1 + static_cast<int>(test::count_of(aliases, "\n"));
  aliases += "\x93\x8C\x8B\x9E,forest,sugi,\n";
  test::write_file(dir + "/aliases.csv", aliases);
  const std::string text = test::read_text(test::scenario_copy("hinohara-demo.yaml", dir));
  const std::string scenario = test::write_scenario(
      dir, "cp932.yaml",
      test::replace_once(text, test::repo("data/species_aliases.csv"), dir + "/aliases.csv"));
  std::string log;
  const int rc = test::run_cli_args({"validate", scenario}, log);
  INFO(log);
  CHECK(rc == 1);
  CHECK_THAT(log, Contains(dir + "/aliases.csv:" + std::to_string(line) + ":1: "));
  CHECK_THAT(log, Contains("not UTF-8"));
  CHECK_THAT(log, Contains("Shift_JIS/CP932 saved by Excel"));
  CHECK_THAT(log, Contains("save it as UTF-8"));
  CHECK_THAT(log, Contains("0x93"));
  // The same bytes in UTF-8 are read (the row then is a name like any other).
  aliases.replace(aliases.find("\x93\x8C\x8B\x9E"), 4, "\xE6\x9D\xB1\xE4\xBA\xAC");
  test::write_file(dir + "/aliases.csv", aliases);
  CHECK(test::run_cli_args({"validate", scenario}, log) == 0);
}

TEST_CASE("cli: the progress callback comes once a simulated year, outside the parallel regions",
          "[cli][progress]") {
  // The progress line of `run` hangs on this callback (sim::RunConfig::on_year); the line itself
  // shows only on a terminal, after a few seconds.
  const std::string dir = test::scratch_dir("cli-progress");
  io::Scenario s = io::load_scenario(test::scenario_copy("hinohara-demo.yaml", dir));
  s.output_path = dir + "/results.h5";
  s.threads = 2;
  const driver::Loaded loaded = driver::load(s);
  struct Call {
    int year;
    std::size_t done, total;
    bool in_parallel, same_thread;
  };
  std::vector<Call> calls;
  const std::thread::id caller = std::this_thread::get_id();
  (void)driver::run_to_file(
      loaded, "test", nullptr, [&](int year, std::size_t done, std::size_t total) {
        calls.push_back(
            {year, done, total, omp_in_parallel() != 0, std::this_thread::get_id() == caller});
      });
  REQUIRE(calls.size() == 30);  // the project run's 30 years (not the baseline's)
  for (std::size_t k = 0; k < calls.size(); ++k) {
    INFO("call " << k);
    CHECK(calls[k].year == 2025 + int(k));
    CHECK(calls[k].done == k + 1);
    CHECK(calls[k].total == 30);
    CHECK_FALSE(calls[k].in_parallel);
    CHECK(calls[k].same_thread);
  }
}
