// Output paths a run must not write are refused before anything is loaded (issue 11): any input
// file of the scenario, however it is spelled (another path to it, a symbolic or hard link, a
// shapefile's companion), a folder, an empty option value (exit 1, the input untouched). One run
// per output path: the second run on a path refuses (exit 2) while the first holds the lock
// "<path>.lock", unless it is run with --no-lock.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "process_support.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/output_lock.hpp"
#include "test_support.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;
using namespace shinrin;

namespace {

//! Runs `shinrin args`, expecting a refusal before anything is loaded: exit `code`, one message,
//! the first thing printed.
std::string refused(const std::vector<std::string>& args, int code = 1) {
  std::string out;
  const int rc = test::run_cli_args(args, out);
  INFO(out);
  CHECK(rc == code);
  CHECK_THAT(out, StartsWith("shinrin: error: "));
  CHECK(test::count_of(out, "shinrin: error: ") == 1);
  CHECK_THAT(out, !Contains("internal error"));
  return out;
}

}  // namespace

TEST_CASE("output paths: an output that is an input file is refused and the input kept",
          "[paths]") {
  const std::string dir = test::scratch_dir("paths-inputs");
  // The demo with its parcels, species table and event list copied here (the refusal must come
  // before anything is written; the copies keep the repository's files out of harm's way).
  fs::copy_file(test::repo("data/demo/hinohara_demo.gpkg"), dir + "/parcels.gpkg");
  fs::copy_file(test::repo("data/species.csv"), dir + "/species.csv");
  fs::copy_file(test::repo("data/demo/events.csv"), dir + "/events.csv");
  std::string text = test::read_text(test::scenario_copy("hinohara-demo.yaml", dir));
  text =
      test::replace_once(text, test::repo("data/demo/hinohara_demo.gpkg"), dir + "/parcels.gpkg");
  text = test::replace_once(text, test::repo("data/species.csv"), dir + "/species.csv");
  text = test::replace_once(text, test::repo("data/demo/events.csv"), dir + "/events.csv");
  const std::string scenario = test::write_scenario(dir, "scenario.yaml", text);
  fs::create_directory(dir + "/sub");
  fs::create_symlink(dir + "/species.csv", dir + "/link.h5");
  fs::create_hard_link(dir + "/events.csv", dir + "/hard.h5");
  std::string log;
  REQUIRE(test::run_cli_args({"validate", scenario}, log) == 0);

  struct Case {
    std::string output, role, input;
  };
  const std::vector<Case> cases = {
      {scenario, "scenario", scenario},
      {dir + "/parcels.gpkg", "parcels", dir + "/parcels.gpkg"},
      {dir + "/species.csv", "species", dir + "/species.csv"},
      {dir + "/sub/../species.csv", "species", dir + "/species.csv"},  // another spelling
      {dir + "/link.h5", "species", dir + "/species.csv"},             // a symbolic link to it
      {dir + "/hard.h5", "events", dir + "/events.csv"},               // a hard link to it
  };
  for (const Case& c : cases) {
    INFO("--output " << c.output);
    const std::string before = test::read_text(c.input);
    const std::string out = refused({"run", scenario, "--output", c.output});
    CHECK_THAT(out, Contains("output path '" + c.output + "' is the " + c.role + " input file '" +
                             c.input + "': the run would overwrite it"));
    CHECK(test::read_text(c.input) == before);
    CHECK(test::files_with(fs::path(c.input).parent_path().string(), ".tmp-").empty());
    CHECK(test::files_with(fs::path(c.input).parent_path().string(), ".lock").empty());
  }
  // validate checks the same (it would not write, but the run it checks would).
  CHECK_THAT(refused({"validate", scenario, "--output", dir + "/species.csv"}),
             Contains("is the species input file"));
}

TEST_CASE("output paths: a shapefile's companion files count as the parcel input", "[paths]") {
  const std::string dir = test::scratch_dir("paths-shapefile");
  const std::string scenario = test::scenario_copy("hinohara-demo.yaml", dir);
  // Refused before the parcel file is opened, so it need not exist.
  for (const char* companion : {"parcels.dbf", "parcels.shx", "parcels.prj", "parcels.shp"}) {
    const std::string out = refused(
        {"run", scenario, "--parcels", dir + "/parcels.shp", "--output", dir + "/" + companion});
    CHECK_THAT(out, Contains("is the parcels input file '" + dir + "/parcels."));
  }
}

TEST_CASE("output paths: empty option values and folders are input errors, not internal ones",
          "[paths]") {
  const std::string dir = test::scratch_dir("paths-empty");
  const std::string scenario = test::scenario_copy("hinohara-demo.yaml", dir);
  for (const char* option : {"--output", "--parcels", "--years", "--unknown-species"}) {
    CHECK_THAT(refused({"run", scenario, option, ""}),
               Contains(std::string("option ") + option + ": the value is empty"));
    CHECK_THAT(refused({"validate", scenario, std::string(option) + "="}),
               Contains(std::string("option ") + option + ": the value is empty"));
  }
  CHECK(test::files_with(dir, ".h5").empty());  // --output "" used to write a default name
  // The same in the scenario: an empty output.path is an error at its place, not the default.
  const std::string text = test::read_text(scenario);
  const std::string empty =
      test::write_scenario(dir, "empty-output.yaml",
                           test::replace_once(text, "  path: demo-results.h5\n", "  path: ''\n"));
  CHECK_THAT(refused({"run", empty}),
             Contains(test::place(empty, test::read_text(empty), "''") +
                      ": 'output.path': the path is empty (leave the key out for "
                      "'empty-output.h5')"));
  CHECK_THAT(refused({"run", scenario, "--output", dir}),
             Contains("output path '" + dir + "' is a folder"));
  CHECK_THAT(refused({"run", scenario, "--output", dir + "/new/"}),
             Contains("folder '" + dir + "/new' does not exist"));
}

TEST_CASE("output lock: a second run on one path refuses while the first holds the lock",
          "[paths][lock]") {
  const std::string dir = test::scratch_dir("paths-lock");
  const std::string scenario = test::scenario_copy("hinohara-demo.yaml", dir);
  const std::string out = dir + "/results.h5";
  const std::string lock_file = out + ".lock";
  test::write_file(out, "earlier results\n");
  std::string log;

  SECTION("held by this process (io::OutputLock, as the CLI takes it)") {
    {
      io::OutputLock lock(out);
      CHECK(lock.lock_path() == lock_file);
      CHECK(test::read_text(lock_file) == std::to_string(::getpid()) + "\n");
      // A second lock on the path fails, in this process too (a lock per open file).
      CHECK_THROWS_AS(io::OutputLock(out), OutputError);
      const std::string msg = refused({"run", scenario, "--overwrite", "--output", out}, 2);
      CHECK_THAT(msg,
                 Contains("output path '" + out + "' is being written by another run (process " +
                          std::to_string(::getpid()) + " holds the lock '" + lock_file + "')"));
      CHECK(test::read_text(out) == "earlier results\n");
      CHECK(test::files_with(dir, ".tmp-").empty());
      // --no-lock: the run does not look at the lock, and writes.
      REQUIRE(test::run_cli_args({"run", scenario, "--no-lock", "--overwrite", "--output", out},
                                 log) == 0);
      CHECK(test::read_text(out) != "earlier results\n");
      CHECK(fs::exists(lock_file));  // still this process's
    }
    CHECK_FALSE(fs::exists(lock_file));  // released and removed
    REQUIRE(test::run_cli_args({"run", scenario, "--overwrite", "--output", out}, log) == 0);
    CHECK_FALSE(fs::exists(lock_file));
  }
  SECTION("held by a running run") {
    const std::string long_scenario = test::scenario_copy("fukuoka-managed.yaml", dir);
    test::Child first = test::start_cli(
        {"run", long_scenario, "--overwrite", "--years", "1000", "--threads", "2", "--output", out},
        dir + "/first.log");
    REQUIRE(test::wait_for_file(out + ".tmp-" + std::to_string(first.pid()), 60.0));
    const std::string msg = refused({"run", scenario, "--overwrite", "--output", out}, 2);
    CHECK_THAT(msg, Contains("is being written by another run (process " +
                             std::to_string(first.pid()) + " holds the lock"));
    REQUIRE(::kill(first.pid(), SIGTERM) == 0);
    CHECK(first.wait() == 128 + SIGTERM);
    CHECK(test::read_text(out) == "earlier results\n");
    CHECK(test::files_with(dir, ".lock").empty());
  }
}
