// shinrin run SCENARIO [--parcels PATH] [--output PATH] [--years N] [--threads N]
//                      [--unknown-species GROUP] [--timings] [--no-lock] [--overwrite]
//                      [--every N] [--json] [--quiet]
// shinrin validate SCENARIO [same options]: loads and checks everything, simulates nothing.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>

#include "commands.hpp"
#include "report.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/driver/load.hpp"
#include "shinrin/driver/run.hpp"
#include "shinrin/io/output_lock.hpp"
#include "shinrin/io/results_reader.hpp"
#include "shinrin/io/results_writer.hpp"
#include "shinrin/io/scenario.hpp"
#include "shinrin/parallel/ranks.hpp"
#include "signals.hpp"

namespace shinrin::app {
namespace {

void print_timings(std::FILE* out, const sim::Timings& t, std::size_t parcels, int years) {
  std::fprintf(
      out, "timings (%d threads): wall %.3f s, initial state %.3f s, per-parcel series %.3f s\n",
      t.threads, t.wall_seconds, t.initial_seconds, t.series_seconds);
  std::fprintf(out, "  %-16s %-10s %12s %16s\n", "phase", "part", "seconds", "ns/parcel-year");
  const double py = double(parcels) * years;
  for (const auto& p : t.phases) {
    std::fprintf(out, "  %-16s %-10s %12.3f %16.2f\n", p.name.c_str(),
                 p.landscape ? "landscape" : "per-parcel", p.seconds,
                 py > 0 ? p.seconds / py * 1e9 : 0.0);
  }
  std::fprintf(out, "  %-16s %-10s %12.3f %16.2f   (%zu parallel segments)\n", "barrier wait", "",
               t.barrier_wait_seconds, py > 0 ? t.barrier_wait_seconds / py * 1e9 : 0.0,
               t.segments);
  std::fprintf(
      out,
      "  per-parcel seconds are thread-seconds summed over threads; landscape seconds are wall "
      "time\n\n");
}

//! A progress line on stderr, rewritten in place: shown only when stderr is a terminal, from
//! a few seconds into the run, at most once a second. Called once per simulated fiscal year on
//! the thread that runs the year loop (sim::RunConfig::on_year), never inside a parallel region.
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled && ::isatty(STDERR_FILENO) == 1) {}
  ~ProgressLine() { clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  //! The callback for driver::run_to_file (empty when disabled: nothing is called at all).
  std::function<void(int, std::size_t, std::size_t)> callback() {
    if (!enabled_) return {};
    start_ = Clock::now();
    return [this](int fiscal_year, std::size_t done, std::size_t total) {
      update(fiscal_year, done, total);
    };
  }
  //! Removes the line (before the summary, or an error message, is printed).
  void clear() {
    if (!shown_) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    shown_ = false;
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr double kFirstAfter = 3.0;  // [s] short runs show no line
  static constexpr double kInterval = 1.0;    // [s] between updates

  void update(int fiscal_year, std::size_t done, std::size_t total) {
    const Clock::time_point now = Clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    if (elapsed < kFirstAfter || done >= total) return;
    if (shown_ && std::chrono::duration<double>(now - last_).count() < kInterval) return;
    last_ = now;
    const double left = elapsed / double(done) * double(total - done);
    std::fprintf(stderr,
                 "\r\033[Ksimulating: FY%d done, %zu of %zu years, %.0f s, about %.0f s left",
                 fiscal_year, done, total, elapsed, left);
    std::fflush(stderr);
    shown_ = true;
  }

  bool enabled_ = false;
  bool shown_ = false;
  Clock::time_point start_{}, last_{};
};

}  // namespace

int cmd_run(const RunOptions& o, bool validate_only, const std::string& command_line) {
  check_not_empty(o.output, "--output");
  check_not_empty(o.parcels, "--parcels");
  check_not_empty(o.unknown_species, "--unknown-species");
  io::ScenarioOverrides ov;
  ov.parcels = o.parcels;
  ov.output = o.output;
  ov.years = integer_option(o.years, "--years", 1, 1000);
  ov.threads = integer_option(o.threads, "--threads", 1, 4096);
  ov.unknown_species = o.unknown_species;
  SummaryStyle style;
  style.every = integer_option(o.every, "--every", 1, 1000).value_or(1);
  style.parameters = !o.quiet;
  // With --json, stdout holds the JSON alone: everything else goes to stderr.
  std::FILE* const out = o.json ? stderr : stdout;

  const io::Scenario scenario = io::load_scenario(o.scenario, ov);
  // Under mpirun every rank loads and runs; the root alone touches the output path and prints
  // (the others' stdout and stderr go nowhere: main.cpp).
  const parallel::Ranks ranks = parallel::Ranks::world();
  // A run: the output path is checked and locked before anything is loaded (a second run on the
  // same path refuses at once), temporary files of killed runs in its folder are removed, and
  // from here on SIGINT, SIGTERM and SIGHUP stop the run cleanly (signals.hpp).
  std::optional<StopOnSignals> signals;
  std::optional<io::OutputLock> lock;
  if (!validate_only) {
    signals.emplace();
    ranks.on_root([&] {
      driver::check_output(scenario);
      // An earlier results file is replaced only when asked for (a link to one counts as one).
      std::error_code ec;
      if (!o.overwrite &&
          std::filesystem::exists(std::filesystem::symlink_status(scenario.output_path, ec))) {
        throw InputError("output path '" + scenario.output_path +
                         "' exists: give --overwrite to replace it, or choose another output "
                         "path (--output PATH); nothing was changed");
      }
      if (!o.no_lock) lock.emplace(scenario.output_path);
      for (const auto& f : io::remove_stale_temp_files(scenario.output_path)) {
        std::fprintf(out, "removed %s, left by process %ld, which has ended\n", f.path.c_str(),
                     f.pid);
      }
    });
  }
  const auto load_start = std::chrono::steady_clock::now();
  const driver::Loaded loaded = driver::load(scenario);
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  std::fprintf(out, "scenario %s (sha256 %.16s...)\n", scenario.file.c_str(),
               loaded.record.scenario_sha256.c_str());
  std::fprintf(out, "parcels  %s, layer '%s'\n", scenario.parcels_path.c_str(),
               loaded.record.layer.c_str());
  std::vector<std::string> names;
  std::vector<std::int64_t> records;
  std::vector<double> hectares;
  for (std::size_t h = 0; h < kHandlingCount; ++h) {
    names.emplace_back(handling_name(Handling(h)));
    records.push_back(loaded.record.handling.records[h]);
    hectares.push_back(loaded.record.handling.hectares[h]);
  }
  print_handling(names, records, hectares, out);
  if (loaded.warning_count > 0) {
    std::fprintf(out, "warnings about %ld records (simulated or counted as stated):\n",
                 loaded.warning_count);
    for (const auto& w : loaded.warnings) std::fprintf(out, "  warning: %s\n", w.c_str());
    if (loaded.warning_count > static_cast<long>(loaded.warnings.size())) {
      std::fprintf(out, "  ... and %ld more\n",
                   loaded.warning_count - static_cast<long>(loaded.warnings.size()));
    }
  }
  std::fprintf(out, "growth   %s, %zu curves\n", loaded.growth_model.c_str(), loaded.curves.size());
  const std::size_t n = loaded.inputs.parcels.size();
  if (validate_only) {
    print_past_data(loaded.record.past_data);
    if (style.parameters) print_unconfirmed(loaded.record.parameters_used);
    std::printf("scenario is valid: %zu parcels would be simulated for %d years\n", n,
                scenario.years);
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::symlink_status(scenario.output_path, ec))) {
      std::printf("note: the output path '%s' exists: run replaces it only with --overwrite\n",
                  scenario.output_path.c_str());
    }
    return 0;
  }

  ProgressLine progress(!o.quiet);
  const driver::RunOutcome r = [&] {
    try {
      signals->check("after loading");
      return driver::run_to_file(loaded, command_line, signals->flag(), progress.callback(),
                                 &ranks);
    } catch (const Interrupted& e) {
      progress.clear();
      throw Interrupted(e.signal(), std::string(e.what()) +
                                        "; the temporary file was removed and '" +
                                        scenario.output_path + "' was not changed");
    }
  }();
  progress.clear();
  if (!ranks.root()) return 0;  // the root reads the file it wrote and prints the summary
  const double parcel_years = double(n) * scenario.years;
  const std::string ranks_text = r.ranks > 1 ? std::to_string(r.ranks) + " ranks x " : "";
  std::fprintf(
      out, "simulated %zu parcels x %d years on %s%d threads in %.3f s (%.3g parcel-years/s)\n\n",
      n, scenario.years, ranks_text.c_str(), r.threads, r.seconds,
      r.seconds > 0 ? parcel_years / r.seconds : 0.0);
  if (o.timings) {
    print_timings(out, r.result.timings, n, scenario.years);
    std::fprintf(out,
                 "  whole run: loading %.3f s, results file set-up %.3f s, simulation %.3f s, "
                 "results file finish %.3f s\n",
                 load_seconds, r.setup_seconds, r.seconds, r.finish_seconds);
  }
  const io::ResultsSummary summary = io::read_summary(r.output_path);
  if (o.json) {
    std::fputs(summary_json(summary).c_str(), stdout);
  } else {
    print_summary(summary, false, style);
  }
  std::fprintf(out, "results written to %s\n", r.output_path.c_str());
  return 0;
}

}  // namespace shinrin::app
