// `shinrin info` (and `credit`) exit with status 3 on anything that is not a complete results
// file of a format version this engine reads (issue 11): truncated copies of a real results file,
// a file that is not HDF5, an HDF5 file that is not a shinrin results file, one without
// format_version or with an unknown major, one without `complete`, one missing a dataset, the
// temporary file of a run that is still writing and of a run that was killed. Each gives one
// message naming the file and no HDF5 noise; a path that names nothing stays an input error (1).
#include <catch2/catch.hpp>

#include <hdf5.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "process_support.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/results_reader.hpp"
#include "test_support.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;
using namespace shinrin;

namespace {

//! `shinrin info` (and info --json) on `path`: exit 3 and one message naming the file, which
//! contains `why`.
void check_incomplete(const std::string& path, const std::string& why) {
  for (const char* json : {"", "--json"}) {
    std::string out;
    std::vector<std::string> args = {"info"};
    if (*json) args.emplace_back(json);
    args.push_back(path);
    const int rc = test::run_cli_args(args, out);
    INFO("shinrin info " << json << " " << path << "\n" << out);
    CHECK(rc == 3);
    CHECK(test::count_of(out, "shinrin: error: ") == 1);
    CHECK_THAT(out, Contains("shinrin: error: " + path + ": "));
    CHECK_THAT(out, Contains(why));
    for (const char* noise : {"HDF5-DIAG", "internal error", "terminate called"}) {
      CHECK_THAT(out, !Contains(noise));
    }
  }
  // The library says the same, as an IncompleteResultsError.
  CHECK_THROWS_AS(io::read_summary(path), IncompleteResultsError);
}

//! A copy of `from` at `to` with `edit(file)` applied through the HDF5 C API.
template <class Edit>
void edited_copy(const std::string& from, const std::string& to, Edit edit) {
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  const hid_t f = H5Fopen(to.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  REQUIRE(f >= 0);
  edit(f);
  REQUIRE(H5Fclose(f) >= 0);
}

}  // namespace

TEST_CASE("info: exit 3 on anything that is not a complete results file", "[info]") {
  const std::string dir = test::scratch_dir("info-incomplete");
  const std::string scenario = test::scenario_copy("hinohara-demo.yaml", dir);
  const std::string good = dir + "/good.h5";
  std::string log;
  REQUIRE(test::run_cli_args({"run", scenario, "--years", "10", "--output", good}, log) == 0);
  REQUIRE(test::run_cli_args({"info", good}, log) == 0);
  const std::string bytes = test::read_text(good);

  SECTION("truncated copies") {
    for (const std::size_t size : {std::size_t(0), std::size_t(8), std::size_t(512),
                                   std::size_t(4096), bytes.size() / 2, bytes.size() - 1}) {
      const std::string path = dir + "/truncated-" + std::to_string(size) + ".h5";
      test::write_file(path, bytes.substr(0, size));
      check_incomplete(path, size < 8 ? "not an HDF5 file" : "not a complete results file");
    }
    const std::string half = dir + "/truncated-" + std::to_string(bytes.size() / 2) + ".h5";
    std::string out;
    CHECK(test::run_cli_args({"credit", half}, out) == 3);
  }
  SECTION("not HDF5, or HDF5 but not shinrin results") {
    const std::string text = dir + "/text.h5";
    test::write_file(text, "a results file, honestly\n");
    check_incomplete(text, "not an HDF5 file");
    const std::string other = dir + "/other.h5";
    const hid_t f = H5Fcreate(other.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(f >= 0);
    H5Fclose(f);
    check_incomplete(other, "not a shinrin results file (root attribute filetype is not");
  }
  SECTION("a results file without format_version, of an unknown major, or missing parts") {
    const std::string no_version = dir + "/no-version.h5";
    edited_copy(good, no_version, [](hid_t f) { REQUIRE(H5Adelete(f, "format_version") >= 0); });
    check_incomplete(no_version, "no root attribute format_version");

    const std::string future = dir + "/future.h5";
    edited_copy(good, future, [](hid_t f) {
      const hid_t a = H5Aopen(f, "format_version", H5P_DEFAULT);
      const int v[2] = {99, 0};
      REQUIRE(H5Awrite(a, H5T_NATIVE_INT, v) >= 0);
      H5Aclose(a);
    });
    check_incomplete(future, "results format 99.0 cannot be read by this engine");

    const std::string unfinished = dir + "/unfinished.h5";
    edited_copy(good, unfinished, [](hid_t f) { REQUIRE(H5Adelete(f, "complete") >= 0); });
    std::string out;
    CHECK(test::run_cli_args({"info", unfinished}, out) == 3);  // metadata shown, then 3
    CHECK(test::run_cli_args({"credit", unfinished}, out) == 3);
    CHECK_THAT(out, Contains(unfinished + ": the results file is incomplete"));

    const std::string gutted = dir + "/gutted.h5";
    edited_copy(good, gutted,
                [](hid_t f) { REQUIRE(H5Ldelete(f, "total_area", H5P_DEFAULT) >= 0); });
    check_incomplete(gutted, "not a complete results file: failed to open dataset total_area");
  }
  SECTION("a folder, and a path that names nothing") {
    check_incomplete(dir, "a folder, not a results file");
    std::string out;
    CHECK(test::run_cli_args({"info", dir + "/nothing.h5"}, out) == 1);
    CHECK_THAT(out, Contains(dir + "/nothing.h5: no such file"));
  }
}

TEST_CASE("info: exit 3 on the temporary file of a running and of a killed run", "[info]") {
  const std::string dir = test::scratch_dir("info-temporary");
  const std::string scenario = test::scenario_copy("fukuoka-managed.yaml", dir);
  const std::string out = dir + "/results.h5";
  test::Child run = test::start_cli(
      {"run", scenario, "--years", "1000", "--threads", "2", "--output", out}, dir + "/log.txt");
  const std::string temp = out + ".tmp-" + std::to_string(run.pid());
  REQUIRE(test::wait_for_file(temp, 60.0));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string temporary =
      "the temporary file of a run that is still writing it or did not finish, not a complete "
      "results file";
  check_incomplete(temp, temporary);  // the run is writing it
  REQUIRE(::kill(run.pid(), SIGKILL) == 0);
  REQUIRE(run.wait() == -SIGKILL);
  REQUIRE(fs::exists(temp));
  check_incomplete(temp, temporary);  // what a killed run leaves
}
