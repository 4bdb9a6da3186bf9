// Signals stop a run cleanly (issue 11): SIGINT, SIGTERM and SIGHUP sent to a running `shinrin
// run` (a real child process, the Hisayama register under management for 1,000 years, about 20 s
// undisturbed) end it within seconds with exit status 128 + signal, one message, no temporary or
// lock file, and the earlier file at the path as it was. A run killed outright (SIGKILL) leaves its
// temporary file; the next run into that folder removes it, and only files of the engine's own
// naming whose process has ended and that nobody has locked.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "process_support.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/driver/run.hpp"
#include "shinrin/io/results_writer.hpp"
#include "test_support.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;
using namespace shinrin;

namespace {

//! Starts the long run into `out` and returns once its temporary file exists (the writer is
//! open: the simulation is under way), plus a moment.
test::Child start_long_run(const std::string& dir, const std::string& out) {
  const std::string scenario = test::scenario_copy("fukuoka-managed.yaml", dir);
  test::Child run = test::start_cli(
      {"run", scenario, "--overwrite", "--years", "1000", "--threads", "2", "--output", out},
      dir + "/log.txt");
  const std::string temp = out + ".tmp-" + std::to_string(run.pid());
  INFO("waiting for " << temp);
  REQUIRE(test::wait_for_file(temp, 60.0));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  return run;
}

//! The first 4 KiB of a file (an HDF5 superblock and more: what a killed writer leaves).
std::string head_of(const std::string& path) {
  return test::read_text(path).substr(0, 4096);
}

}  // namespace

TEST_CASE("signals: SIGINT, SIGTERM and SIGHUP stop a run cleanly with exit 128 + signal",
          "[signals]") {
  const auto [signal, name] = GENERATE(
      table<int, std::string>({{SIGINT, "SIGINT"}, {SIGTERM, "SIGTERM"}, {SIGHUP, "SIGHUP"}}));
  const std::string dir = test::scratch_dir("signals-" + name);
  const std::string out = dir + "/results.h5";
  test::write_file(out, "earlier results\n");
  test::Child run = start_long_run(dir, out);
  const std::string temp = out + ".tmp-" + std::to_string(run.pid());

  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(::kill(run.pid(), signal) == 0);
  const int rc = run.wait();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string log = test::read_text(dir + "/log.txt");
  INFO(log);
  CHECK(rc == 128 + signal);
  CHECK(seconds < 5.0);  // the flag is read before every block of 1,024 parcels
  CHECK(test::count_of(log, "shinrin: stopped by ") == 1);
  CHECK_THAT(log, Contains("shinrin: stopped by " + name + ": the run stopped in fiscal year "));
  CHECK_THAT(log, Contains("; the temporary file was removed and '" + out + "' was not changed"));
  CHECK_THAT(log, !Contains("simulated 4944 parcels"));  // it did not finish
  CHECK_FALSE(fs::exists(temp));
  CHECK(test::files_with(dir, ".tmp-").empty());
  CHECK(test::files_with(dir, ".lock").empty());
  CHECK(test::read_text(out) == "earlier results\n");
}

TEST_CASE("signals: the next run removes temporary files of ended runs, and only those",
          "[signals]") {
  const std::string dir = test::scratch_dir("signals-stale");
  const std::string out = dir + "/results.h5";
  // A run killed outright leaves its temporary file (and its lock file) behind.
  std::string killed_temp;
  pid_t killed = 0;
  {
    test::Child run = start_long_run(dir, out);
    killed = run.pid();
    killed_temp = out + ".tmp-" + std::to_string(killed);
    REQUIRE(::kill(killed, SIGKILL) == 0);
    REQUIRE(run.wait() == -SIGKILL);
  }
  REQUIRE(fs::exists(killed_temp));
  REQUIRE(fs::exists(out + ".lock"));
  const std::string hdf5_head = head_of(killed_temp);
  REQUIRE(hdf5_head.substr(1, 3) == "HDF");

  // Ended processes (reaped children) and a live one (this test).
  const std::string gone = std::to_string(test::ended_pid());
  const std::string alive = std::to_string(::getpid());
  const std::string removed_empty = dir + "/other.h5.tmp-" + gone;      // a failed create's 0 bytes
  const std::string kept_live = dir + "/running.h5.tmp-" + alive;       // its process runs
  const std::string kept_text = dir + "/notes.txt.tmp-" + gone;         // not HDF5: not ours
  const std::string kept_locked = dir + "/elsewhere.h5.tmp-" + gone;    // locked: a live writer
  const std::string kept_folder = dir + "/folder.tmp-" + gone;          // not a regular file
  const std::string kept_name = dir + "/results.h5.tmp-" + gone + "x";  // not <name>.tmp-<pid>
  test::write_file(removed_empty, "");
  test::write_file(kept_live, hdf5_head);
  test::write_file(kept_text, "notes\n");
  test::write_file(kept_locked, hdf5_head);
  test::write_file(kept_name, hdf5_head);
  fs::create_directory(kept_folder);
  // A writer in another PID namespace looks ended from here; its HDF5 library's lock shows it
  // is not.
  const int held = ::open(kept_locked.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(held >= 0);
  REQUIRE(::flock(held, LOCK_EX) == 0);

  // The next run into the folder, on the same path (it takes over the killed run's lock file).
  const std::string scenario = test::scenario_copy("hinohara-demo.yaml", dir);
  std::string log;
  const int rc = test::run_cli_args({"run", scenario, "--overwrite", "--output", out}, log);
  ::close(held);
  INFO(log);
  REQUIRE(rc == 0);
  CHECK_THAT(log, Contains("removed " + killed_temp + ", left by process " +
                           std::to_string(killed) + ", which has ended"));
  CHECK_THAT(log, Contains("removed " + removed_empty + ", left by process " + gone));
  CHECK(test::count_of(log, "removed ") == 2);
  CHECK_FALSE(fs::exists(killed_temp));
  CHECK_FALSE(fs::exists(removed_empty));
  for (const auto& kept : {kept_live, kept_text, kept_locked, kept_folder, kept_name}) {
    INFO(kept);
    CHECK(fs::exists(kept));
  }
  CHECK(test::read_text(kept_live) == hdf5_head);
  CHECK_FALSE(fs::exists(out + ".lock"));
  CHECK(test::run_cli_args({"info", out}, log) == 0);
}

TEST_CASE("signals: a stop asked for at any point before the rename leaves the earlier file",
          "[signals]") {
  // In process, through the library: the flag a signal handler sets (sim::RunConfig::stop).
  const std::string dir = test::scratch_dir("signals-library");
  const std::string out = dir + "/results.h5";
  test::write_file(out, "earlier results\n");
  io::Scenario s = io::load_scenario(test::scenario_copy("hinohara-demo.yaml", dir));
  s.output_path = out;
  const driver::Loaded loaded = driver::load(s);
  std::atomic<int> stop{SIGTERM};

  SECTION("set before the run: no block runs") {
    try {
      (void)driver::run_to_file(loaded, "test", &stop);
      FAIL("expected Interrupted");
    } catch (const Interrupted& e) {
      CHECK(e.signal() == SIGTERM);
      CHECK_THAT(std::string(e.what()), Contains("the run stopped in fiscal year 2024"));
    }
  }
  SECTION("set after the last year: the finished file is not put in place") {
    io::ResultsWriter writer(out, loaded.record, loaded.inputs, loaded.output, "test");
    State state(loaded.inputs.parcels.size());
    sim::RunConfig config;
    config.output = loaded.output;
    const sim::RunResult result = sim::run(loaded.inputs, state, config, &writer);
    REQUIRE(fs::exists(writer.temp_path()));
    writer.stop_on(&stop);
    CHECK_THROWS_AS(writer.finish(result.aggregates), Interrupted);
    CHECK_FALSE(fs::exists(writer.temp_path()));
  }
  CHECK(test::read_text(out) == "earlier results\n");
  CHECK(test::files_with(dir, ".tmp-").empty());
}
