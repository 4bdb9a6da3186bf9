// A seeded mutation fuzzer (issue 11): mutated copies of the inputs of a small real scenario (the
// Hinohara demo's 600 register records for 3 years, with its event list, planning, boiler and
// credit project; and the Fukuoka register scenario on Shime's FlatGeobuf) are given to the real
// `shinrin run` (or `validate`) binary as a child process. Bad input must end in a clear error:
// exit 0, 1, 2 or 3 with one message that says where (an input error names a file; exit 2 a
// parcel or the output), no results, temporary or lock file left. The test fails on any signal
// (a crash, or a sanitizer's abort), on exit 4 (internal error), on any other status, and on a run
// over 20 s (killed).
//
// Five targets, in turn: the scenario YAML, the event-list CSV, one of the parameter CSV tables,
// the attribute values of the demo GeoPackage (changed through SQLite), and the bytes of a
// FlatGeobuf (the demo layer written here by GDAL, or a copy of Shime's real register file).
// Case k draws its mutations from std::mt19937_64 seeded with case_seed(seed, k), seed being line
// k mod S of tests/fuzz/seeds.txt (S seeds): a case is reproduced from its number alone.
//
// Environment: SHINRIN_FUZZ_CASES (default 300, 150 in a sanitizer build), SHINRIN_FUZZ_FIRST (the
// first case number, default 0), SHINRIN_FUZZ_JOBS (child processes at once, default 2),
// SHINRIN_FUZZ_KEEP=1 (keep every case's folder; a failing case's folder is always kept).
// Reproducers the fuzzer found are regular tests in test_fuzz_regressions.cpp.
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <list>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fuzz_mutate.hpp"
#include "process_support.hpp"
#include "test_support.hpp"

using namespace shinrin;
using namespace shinrin::test;
namespace fs = std::filesystem;

namespace {

constexpr double kTimeoutSeconds = 20.0;

// About 20 s on two idle cores in either build (a sanitized run takes about twice as long).
#if defined(__SANITIZE_ADDRESS__)
constexpr long kDefaultCases = 150;
#else
constexpr long kDefaultCases = 300;
#endif

long env_long(const char* name, long fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  char* end = nullptr;
  const long n = std::strtol(v, &end, 10);
  if (*end != '\0' || n < 0) FAIL(name << "='" << v << "' is not a number >= 0");
  return n;
}

//! The seeds of tests/fuzz/seeds.txt: one unsigned 64-bit number a line, '#' starts a comment.
std::vector<std::uint64_t> read_seeds() {
  std::istringstream in(read_text(repo("tests/fuzz/seeds.txt")));
  std::vector<std::uint64_t> seeds;
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    seeds.push_back(std::stoull(line, nullptr, 0));
  }
  REQUIRE(!seeds.empty());
  return seeds;
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

//! The demo layer written as FlatGeobuf (GDAL's own writer: header, index and features).
void write_flatgeobuf(const std::string& gpkg, const std::string& fgb) {
  GDALAllRegister();
  Dataset src(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR));
  REQUIRE(src);
  const char* argv[] = {"-f", "FlatGeobuf", nullptr};
  GDALVectorTranslateOptions* options =
      GDALVectorTranslateOptionsNew(const_cast<char**>(argv), nullptr);
  REQUIRE(options);
  GDALDatasetH src_h = GDALDataset::ToHandle(src.get());
  int usage_error = 0;
  GDALDatasetH out = GDALVectorTranslate(fgb.c_str(), nullptr, 1, &src_h, options, &usage_error);
  GDALVectorTranslateOptionsFree(options);
  REQUIRE(out);
  GDALClose(out);
}

//! Bytes before a FlatGeobuf's spatial index and features: magic (8), header size (4), header.
std::size_t flatgeobuf_head(const std::string& bytes) {
  REQUIRE(bytes.size() > 12);
  std::uint32_t size = 0;
  for (int i = 0; i < 4; ++i)
    size |= std::uint32_t(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
  return 12 + size;
}

//! Replaces every occurrence of `from` in `text` (at least one) by `to`.
std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  INFO("replacing '" << from << "'");
  REQUIRE(count_of(text, from) > 0);
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

//! The unmutated inputs every case starts from.
struct Base {
  std::string dir;
  std::string demo_scenario;        //!< demo, 3 years; "{PARCELS}" and "{EVENTS}" to fill in
  std::string events;               //!< the demo event list (its 2030 event moved into the 3 years)
  std::string gpkg;                 //!< the demo GeoPackage
  fuzz::SqlTable layer;             //!< its layer "shohan"
  std::string fgb;                  //!< the demo layer as FlatGeobuf
  std::string fukuoka_scenario;     //!< Fukuoka register, 3 years; "{PARCELS}" to fill in
  std::string shime;                //!< Shime's register file (shared data)
  std::vector<std::string> tables;  //!< data/ tables the scenarios name
};

Base make_base() {
  Base b;
  b.dir = scratch_dir("fuzz/base");
  std::string s = with_repo_data(read_text(repo("scenarios/hinohara-demo.yaml")));
  s = replace_once(s, "  years: 30", "  years: 3");
  s = replace_once(s, "years: 8, monitoring_years: 1", "years: 3, monitoring_years: 1");
  s = replace_once(s, "path: " + repo("data/demo/hinohara_demo.gpkg"), "path: {PARCELS}");
  s = replace_once(s, "path: " + repo("data/demo/events.csv"), "path: {EVENTS}");
  const auto v0 = s.find("variables: [");
  REQUIRE(v0 != std::string::npos);
  s.replace(v0, s.find(']', v0) + 1 - v0,
            "variables: [age, stem_volume, carbon_ag, co2_removal, operation]");
  b.demo_scenario = s;
  b.events = replace_once(read_text(repo("data/demo/events.csv")), "27-13,2030", "27-13,2027");
  b.gpkg = repo("data/demo/hinohara_demo.gpkg");
  b.layer = {"shohan",
             {"key", "rinpan", "shohan", "municipality", "species_name", "forest_type", "age",
              "area_ha", "site_class", "storey"},
             600,
             "geom"};
  b.fgb = b.dir + "/shohan.fgb";
  write_flatgeobuf(b.gpkg, b.fgb);

  std::string f = with_repo_data(read_text(repo("scenarios/fukuoka-register.yaml")));
  f = replace_once(f, "  years: 30", "  years: 3");
  f = replace_once(f, "path: ../../shared/data/fukuoka-forest-register/hisayama.fgb",
                   "path: {PARCELS}");
  b.fukuoka_scenario = f;
  b.shime = shared("data/fukuoka-forest-register/shime.fgb");
  REQUIRE(fs::exists(b.shime));
  for (const char* t :
       {"species.csv", "species_aliases.csv", "forest_types.csv", "richards_curves.csv",
        "site_classes.csv", "height_curves.csv", "density_diagram.csv", "decay.csv", "hwp.csv",
        "dom_initial.csv", "wood_use.csv", "fuel_factors.csv", "wood_fuel.csv", "crediting.csv"}) {
    b.tables.push_back(t);
  }
  return b;
}

//! Runs the statements on a GeoPackage through GDAL (SQLite underneath); a statement SQLite
//! refuses (a column that cannot be dropped) is noted in `log` and changes nothing.
void run_sql(const std::string& path, const std::vector<std::string>& statements,
             std::string& log) {
  Dataset ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  REQUIRE(ds);
  for (const auto& s : statements) {
    CPLErrorReset();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    OGRLayer* rs = ds->ExecuteSQL(s.c_str(), nullptr, nullptr);
    CPLPopErrorHandler();
    if (rs) ds->ReleaseResultSet(rs);
    if (CPLGetLastErrorType() >= CE_Failure)
      log += "  (refused by SQLite: " + std::string(CPLGetLastErrorMsg()).substr(0, 200) + ")\n";
  }
}

enum Target { kYaml, kEvents, kTable, kGpkg, kFgb, kTargetCount };
const char* const kTargetNames[kTargetCount] = {"scenario YAML", "event list", "parameter table",
                                                "GeoPackage attributes", "FlatGeobuf bytes"};

//! One case: its inputs written into its folder, the command to run.
struct Case {
  long index = 0;
  std::uint64_t seed = 0;
  Target target = kYaml;
  std::string dir, mutations;
  std::vector<std::string> args;
};

Case make_case(const Base& b, long index, const std::vector<std::uint64_t>& seeds) {
  Case c;
  c.index = index;
  c.seed = fuzz::case_seed(seeds[std::size_t(index) % seeds.size()], std::uint64_t(index));
  c.target = Target(index % kTargetCount);
  c.dir = scratch_dir("fuzz/case-" + std::to_string(index));
  fuzz::Rng rng(c.seed);

  std::string scenario = b.demo_scenario, events = b.events, parcels = b.gpkg;
  switch (c.target) {
    case kYaml:
      break;  // mutated below, with its paths filled in
    case kEvents:
      c.mutations += "events.csv:\n";
      events = fuzz::mutate_text(events, fuzz::TextKind::csv, rng, c.mutations);
      break;
    case kTable: {
      const std::string& name = rng.pick(b.tables);
      c.mutations += name + ":\n";
      const std::string copy = c.dir + "/" + name;
      write_file(copy, fuzz::mutate_text(read_text(repo("data/" + name)), fuzz::TextKind::csv, rng,
                                         c.mutations));
      scenario = replace_all(scenario, repo("data/" + name), copy);
      break;
    }
    case kGpkg: {
      parcels = c.dir + "/parcels.gpkg";
      fs::copy_file(b.gpkg, parcels);
      c.mutations += "parcels.gpkg (SQL):\n";
      run_sql(parcels, fuzz::mutate_gpkg(b.layer, rng, c.mutations), c.mutations);
      break;
    }
    case kFgb: {
      const bool shime = rng.percent(40);
      const std::string bytes = read_text(shime ? b.shime : b.fgb);
      parcels = c.dir + (shime ? "/shime.fgb" : "/shohan.fgb");
      c.mutations += (shime ? b.shime : "shohan.fgb (the demo layer)") + std::string(":\n");
      write_file(parcels, fuzz::mutate_bytes(bytes, flatgeobuf_head(bytes), rng, c.mutations));
      if (shime) scenario = b.fukuoka_scenario;
      break;
    }
    case kTargetCount:
      break;
  }
  scenario = expand(scenario, {{"PARCELS", parcels}, {"EVENTS", c.dir + "/events.csv"}});
  if (c.target == kYaml) {
    c.mutations += "scenario.yaml:\n";
    scenario = fuzz::mutate_text(scenario, fuzz::TextKind::yaml, rng, c.mutations);
  }
  write_file(c.dir + "/events.csv", events);
  write_file(c.dir + "/scenario.yaml", scenario);
  write_file(c.dir + "/mutations.txt", c.mutations);
  // Every fourth case validates (a different path through the loading and the reports).
  c.args = {index % 4 == 3 ? "validate" : "run",
            c.dir + "/scenario.yaml",
            "--output",
            c.dir + "/out.h5",
            "--threads",
            index % 2 ? "2" : "1"};
  return c;
}

//! Why a case failed (empty when it passed). `status` as Child::wait returns.
std::string judge(const Case& c, int status, bool timed_out, const std::string& log) {
  if (timed_out) return "still running after 20 s (killed)";
  for (const char* s : {"AddressSanitizer", "LeakSanitizer", "runtime error:"}) {
    if (log.find(s) != std::string::npos) return std::string("a sanitizer reported: ") + s;
  }
  if (status < 0) return "ended by signal " + std::to_string(-status);
  if (status == 4 || log.find("internal error") != std::string::npos)
    return "internal error (exit " + std::to_string(status) + ")";
  if (status > 3) return "exit status " + std::to_string(status) + " (expected 0 to 3)";
  if (status == 0) {
    if (c.args[0] == "run" && !fs::exists(c.dir + "/out.h5")) return "exit 0 but no results file";
    return {};
  }
  if (count_of(log, "shinrin: error: ") != 1)
    return "exit " + std::to_string(status) + " without exactly one 'shinrin: error: ' message";
  // Where the problem is: every input of a case has an absolute path, so an input error names a
  // path; a model error names the parcel (and fiscal year), an output error or the lock the
  // output. Anything else is a guard of the engine's own (a bug) leaking as exit 2.
  const std::string message = log.substr(log.find("shinrin: error: "));
  if (status == 1 && message.find('/') == std::string::npos)
    return "an input error that names no file";
  if (status == 2 && message.find("parcel '") == std::string::npos &&
      message.find(c.dir + "/out.h5") == std::string::npos)
    return "exit 2 with a message that names neither a parcel nor the output";
  if (fs::exists(c.dir + "/out.h5")) return "a failed run left a results file";
  if (!files_with(c.dir, ".tmp-").empty()) return "a failed run left a temporary file";
  if (!files_with(c.dir, ".lock").empty()) return "a failed run left its lock file";
  return {};
}

//! A running case.
struct Running {
  Case c;
  Child child;
  std::chrono::steady_clock::time_point started;
};

}  // namespace

TEST_CASE(
    "fuzz: mutated scenario, tables, GeoPackage attributes and FlatGeobuf bytes end in a clear "
    "error, never a crash, exit 4 or a hang",
    "[fuzz]") {
  const std::vector<std::uint64_t> seeds = read_seeds();
  const long cases = env_long("SHINRIN_FUZZ_CASES", kDefaultCases);
  const long first = env_long("SHINRIN_FUZZ_FIRST", 0);
  const std::size_t jobs = std::size_t(std::max(1L, env_long("SHINRIN_FUZZ_JOBS", 2)));
  const bool keep = env_long("SHINRIN_FUZZ_KEEP", 0) != 0;
  const Base base = make_base();

  // The unmutated base runs: otherwise every case would fail early for one reason.
  {
    const std::string dir = scratch_dir("fuzz/unmutated");
    write_file(dir + "/events.csv", base.events);
    write_file(
        dir + "/scenario.yaml",
        expand(base.demo_scenario, {{"PARCELS", base.gpkg}, {"EVENTS", dir + "/events.csv"}}));
    std::string out;
    const int rc = run_cli_args({"run", dir + "/scenario.yaml", "--output", dir + "/out.h5"}, out);
    INFO(out);
    REQUIRE(rc == 0);
    REQUIRE(count_of(out, "results written to") == 1);
    write_file(dir + "/scenario.yaml", expand(base.fukuoka_scenario, {{"PARCELS", base.shime}}));
    REQUIRE(run_cli_args(
                {"run", dir + "/scenario.yaml", "--output", dir + "/out.h5", "--overwrite"}, out) ==
            0);
    write_file(
        dir + "/scenario.yaml",
        expand(base.demo_scenario, {{"PARCELS", base.fgb}, {"EVENTS", dir + "/events.csv"}}));
    REQUIRE(run_cli_args(
                {"run", dir + "/scenario.yaml", "--output", dir + "/out.h5", "--overwrite"}, out) ==
            0);
  }

  const auto t0 = std::chrono::steady_clock::now();
  std::map<std::pair<int, int>, long> outcomes;  // (target, exit status) -> cases
  long failures = 0;
  std::list<Running> active;  // Child cannot be move-assigned: no vector
  long next = first;
  const long end = first + cases;
  while (next < end || !active.empty()) {
    while (active.size() < jobs && next < end) {
      Case c = make_case(base, next++, seeds);
      Child child = start_cli(c.args, c.dir + "/log.txt");
      active.emplace_back(
          Running{std::move(c), std::move(child), std::chrono::steady_clock::now()});
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    for (auto it = active.begin(); it != active.end();) {
      int status = 0;
      bool timed_out = false;
      if (!it->child.poll(status)) {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - it->started).count();
        if (seconds <= kTimeoutSeconds) {
          ++it;
          continue;
        }
        status = it->child.kill();
        timed_out = true;
      }
      const Case& c = it->c;
      const std::string log = read_text(c.dir + "/log.txt");
      const std::string why = judge(c, status, timed_out, log);
      ++outcomes[{c.target, timed_out ? -100 : status}];
      if (!why.empty()) {
        ++failures;
        std::string cmd = "shinrin";
        for (const auto& a : c.args) cmd += " " + a;
        FAIL_CHECK("fuzz case " << c.index << " (" << kTargetNames[c.target] << ", seed " << c.seed
                                << "): " << why << "\nmutations:\n"
                                << c.mutations << "command: " << cmd << "\nreproduce: "
                                << "SHINRIN_FUZZ_FIRST=" << c.index
                                << " SHINRIN_FUZZ_CASES=1 build/tests/shinrin_tests '[fuzz]'"
                                << "\ninputs kept in " << c.dir << "\noutput (last 3000 bytes):\n"
                                << log.substr(log.size() > 3000 ? log.size() - 3000 : 0));
      } else if (!keep) {
        fs::remove_all(c.dir);
      }
      it = active.erase(it);
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "fuzz: cases %ld-%ld (%ld) in %.1f s with %zu jobs, %ld failed; exit status per "
      "target:\n",
      first, end - 1, cases, seconds, jobs, failures);
  for (const auto& [key, n] : outcomes) {
    std::printf("  %-22s %s: %ld\n", kTargetNames[key.first],
                key.second == -100 ? "timeout" : ("exit " + std::to_string(key.second)).c_str(), n);
  }
  CHECK(failures == 0);
}
