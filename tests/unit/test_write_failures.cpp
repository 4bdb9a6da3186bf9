// Write failures end cleanly (issue 11). A full disk (a small tmpfs, where the machine lets the
// test mount one) and a file-size limit (RLIMIT_FSIZE, on any machine) make real runs fail while
// writing, at every stage from creating the temporary file to its last flush. Each failure must
// give exit status 2 and one "shinrin: error:" message naming the results path and the system's
// reason, with no crash (the SIGABRT of an exception leaving an OpenMP region, the SIGSEGV of
// HDF5 closing a failed file again at exit), no temporary or lock file left, and an earlier
// results file at the path unchanged byte for byte.
#include <catch2/catch.hpp>

#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "process_support.hpp"
#include "test_support.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;
using namespace shinrin;

namespace {

//! What every failed write must look like, from the outside.
void check_write_failure(int rc, const std::string& out, const std::string& path,
                         const std::string& reason) {
  INFO(out);
  CHECK(rc == 2);
  CHECK(test::count_of(out, "shinrin: error: ") == 1);
  CHECK_THAT(out, Contains("shinrin: error: cannot write the results file '" + path + "': "));
  CHECK_THAT(out, Contains("(" + reason + ")"));
  CHECK_THAT(out, Contains("; the temporary file was removed and '" + path + "' was not changed"));
  for (const char* noise : {"HDF5-DIAG", "terminate called", "internal error", "Segmentation"}) {
    CHECK_THAT(out, !Contains(noise));
  }
  const std::string dir = fs::path(path).parent_path().string();
  CHECK(test::files_with(dir, ".tmp-").empty());
  CHECK(test::files_with(dir, ".lock").empty());
}

//! A tmpfs mounted on `dir` for the lifetime of the object (mount(2); needs CAP_SYS_ADMIN).
class Tmpfs {
 public:
  Tmpfs(std::string dir, const std::string& options) : dir_(std::move(dir)) {
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) == 0) {
      mounted_ = true;
    } else {
      error_ = std::strerror(errno);
    }
  }
  ~Tmpfs() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  std::string dir_;
  bool mounted_ = false;
  std::string error_;
};

}  // namespace

TEST_CASE("write failures: a full disk ends with exit 2, no temporary file, earlier results kept",
          "[write]") {
  // A tmpfs left mounted by an earlier, killed test process would keep scratch_dir from
  // clearing the folder.
  const fs::path stale = fs::path(SHINRIN_BINARY_DIR) / "test-scratch" / "write-full-disk" / "disk";
  ::umount2(stale.c_str(), MNT_DETACH);
  const std::string base = test::scratch_dir("write-full-disk");
  const std::string mnt = base + "/disk";
  fs::create_directory(mnt);
  // 800 KiB hold the demo's 10-year results (about 680 KB in format 3.0) but not its 30-year
  // results (about 980 KB) beside them.
  Tmpfs disk(mnt, "size=800k");
  if (!disk.mounted()) {
    WARN("cannot mount a tmpfs here (" << disk.error()
                                       << "); the file-size-limit test covers write failures");
    return;
  }
  const std::string scenario = test::scenario_copy("hinohara-demo.yaml", base);
  const std::string out = mnt + "/results.h5";
  std::string log;
  REQUIRE(test::run_cli_args({"run", scenario, "--years", "10", "--output", out}, log) == 0);
  const std::string earlier = test::read_text(out);
  REQUIRE(earlier.size() > 100000);

  SECTION("the disk fills up while the results are written") {
    const int rc = test::run_cli_args({"run", scenario, "--overwrite", "--output", out}, log);
    check_write_failure(rc, log, out, "No space left on device");
    CHECK(test::read_text(out) == earlier);
  }
  SECTION("the disk is full before the run: the temporary file cannot be created") {
    {
      std::ofstream fill(mnt + "/filler", std::ios::binary);
      const std::string block(4096, 'x');
      while (fill.write(block.data(), block.size())) {
      }
    }
    const int rc = test::run_cli_args({"run", scenario, "--overwrite", "--output", out}, log);
    check_write_failure(rc, log, out, "No space left on device");
    CHECK_THAT(log, Contains("failed to create the temporary file '" + out + ".tmp-"));
    CHECK(test::read_text(out) == earlier);
    // The 0-byte temporary file a failed create leaves is gone too (check_write_failure).
  }
}

TEST_CASE("write failures: a file-size limit at any stage of writing ends with exit 2", "[write]") {
  const std::string dir = test::scratch_dir("write-size-limit");
  const std::string scenario = test::scenario_copy("hinohara-demo.yaml", dir);
  std::string log;
  // The full 30-year results (per-parcel series of every year, boilers, credits), for its size.
  const std::string full = dir + "/full.h5";
  REQUIRE(test::run_cli_args({"run", scenario, "--output", full}, log) == 0);
  const auto size = static_cast<long>(fs::file_size(full));
  // An earlier, different (10-year) results file at the path the failing runs write.
  const std::string out = dir + "/results.h5";
  REQUIRE(test::run_cli_args({"run", scenario, "--years", "10", "--output", out}, log) == 0);
  const std::string earlier = test::read_text(out);

  // Limits from a small part of the file to just short of all of it: the write fails in the
  // per-parcel series written during the run (compressed on both threads) and in the aggregates,
  // groups and final flush written at its end.
  std::set<std::string> stages;
  for (const double share : {0.05, 0.25, 0.5, 0.75, 0.95, 0.999}) {
    const long limit = std::max(32768L, static_cast<long>(share * double(size)));
    INFO("file-size limit " << limit << " bytes of " << size);
    const int rc = test::run_cli_args(
        {"run", scenario, "--overwrite", "--threads", "2", "--output", out}, log, limit);
    check_write_failure(rc, log, out, "File too large");
    CHECK(test::read_text(out) == earlier);
    if (log.find("failed to write per-parcel series") != std::string::npos) stages.insert("series");
    if (log.find("failed to flush the file") != std::string::npos ||
        log.find("failed to close the file") != std::string::npos ||
        log.find("failed to write dataset") != std::string::npos ||
        log.find("failed to create") != std::string::npos) {
      stages.insert("end");
    }
  }
  CHECK(stages == std::set<std::string>{"series", "end"});

  // Without the limit the same run replaces the earlier file.
  REQUIRE(test::run_cli_args({"run", scenario, "--overwrite", "--output", out}, log) == 0);
  CHECK(test::read_text(out) != earlier);
  CHECK(test::run_cli_args({"info", out}, log) == 0);
  CHECK_THAT(log, Contains("fiscal years 2025-2054"));
  CHECK(test::files_with(dir, ".tmp-").empty());
}

TEST_CASE("write failures: credit report tables that cannot be written end with exit 2",
          "[write]") {
  const std::string dir = test::scratch_dir("write-credit-tables");
  const std::string scenario = test::scenario_copy("hinohara-demo.yaml", dir);
  const std::string results = dir + "/results.h5";
  std::string log;
  REQUIRE(test::run_cli_args({"run", scenario, "--output", results}, log) == 0);
  const std::string tables = dir + "/tables";
  // Each table is a few KiB: a limit of 100 bytes fails the first one.
  const int rc = test::run_cli_args({"credit", results, "--out", tables}, log, 100);
  INFO(log);
  CHECK(rc == 2);
  CHECK(test::count_of(log, "shinrin: error: ") == 1);
  CHECK_THAT(log, Contains("shinrin: error: cannot write '" + tables + "/"));
  CHECK_THAT(log, Contains("(File too large)"));
  CHECK(test::files_with(tables, ".tmp").empty());
  // A folder that cannot be created (its parent is a file) is an output error too, not exit 4.
  test::write_file(dir + "/file", "");
  CHECK(test::run_cli_args({"credit", results, "--out", dir + "/file/tables"}, log) == 2);
  CHECK_THAT(log, Contains("shinrin: error: cannot create the folder '" + dir + "/file/tables'"));
  // Without the limit the tables are written.
  REQUIRE(test::run_cli_args({"credit", results, "--out", tables}, log) == 0);
  CHECK_FALSE(test::files_with(tables, ".csv").empty());
}
