// shinrin run SCENARIO [--parcels PATH] [--output PATH] [--years N] [--threads N]
//                      [--unknown-species GROUP] [--timings] [--no-lock]
// shinrin validate SCENARIO [same options]: loads and checks everything, simulates nothing.
#include <cstdio>
#include <optional>

#include "args.hpp"
#include "commands.hpp"
#include "report.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/driver/load.hpp"
#include "shinrin/driver/run.hpp"
#include "shinrin/io/output_lock.hpp"
#include "shinrin/io/results_reader.hpp"
#include "shinrin/io/results_writer.hpp"
#include "shinrin/io/scenario.hpp"
#include "signals.hpp"

namespace shinrin::app {
namespace {

void print_timings(const sim::Timings& t, std::size_t parcels, int years) {
  std::printf("timings (%d threads): wall %.3f s, initial state %.3f s, per-parcel series %.3f s\n",
              t.threads, t.wall_seconds, t.initial_seconds, t.series_seconds);
  std::printf("  %-16s %-10s %12s %16s\n", "phase", "part", "seconds", "ns/parcel-year");
  const double py = double(parcels) * years;
  for (const auto& p : t.phases) {
    std::printf("  %-16s %-10s %12.3f %16.2f\n", p.name.c_str(),
                p.landscape ? "landscape" : "per-parcel", p.seconds,
                py > 0 ? p.seconds / py * 1e9 : 0.0);
  }
  std::printf("  %-16s %-10s %12.3f %16.2f   (%zu parallel segments)\n", "barrier wait", "",
              t.barrier_wait_seconds, py > 0 ? t.barrier_wait_seconds / py * 1e9 : 0.0, t.segments);
  std::printf(
      "  per-parcel seconds are thread-seconds summed over threads; landscape seconds are wall "
      "time\n\n");
}

}  // namespace

int cmd_run(int argc, char** argv, bool validate_only) {
  const Args a = parse_args(argc, argv, 2,
                            {"--parcels", "--output", "--years", "--threads", "--unknown-species"},
                            {"--timings", "--no-lock"});
  if (a.positional.size() != 1) {
    throw InputError(std::string(validate_only ? "validate" : "run") +
                     ": expected one scenario file (shinrin " +
                     (validate_only ? "validate" : "run") + " SCENARIO.yaml [options])");
  }
  io::ScenarioOverrides ov;
  ov.parcels = a.get("--parcels");
  ov.output = a.get("--output");
  ov.years = a.get_int("--years", 1, 1000);
  ov.threads = a.get_int("--threads", 1, 4096);
  ov.unknown_species = a.get("--unknown-species");

  const io::Scenario scenario = io::load_scenario(a.positional[0], ov);
  // A run: the output path is checked and locked before anything is loaded (a second run on the
  // same path refuses at once), temporary files of killed runs in its folder are removed, and
  // from here on SIGINT, SIGTERM and SIGHUP stop the run cleanly (signals.hpp).
  std::optional<StopOnSignals> signals;
  std::optional<io::OutputLock> lock;
  if (!validate_only) {
    signals.emplace();
    driver::check_output(scenario);
    if (!a.has("--no-lock")) lock.emplace(scenario.output_path);
    for (const auto& f : io::remove_stale_temp_files(scenario.output_path)) {
      std::printf("removed %s, left by process %ld, which has ended\n", f.path.c_str(), f.pid);
    }
  }
  const driver::Loaded loaded = driver::load(scenario);
  std::printf("scenario %s (sha256 %.16s...)\n", scenario.file.c_str(),
              loaded.record.scenario_sha256.c_str());
  std::printf("parcels  %s, layer '%s'\n", scenario.parcels_path.c_str(),
              loaded.record.layer.c_str());
  std::vector<std::string> names;
  std::vector<std::int64_t> records;
  std::vector<double> hectares;
  for (std::size_t h = 0; h < kHandlingCount; ++h) {
    names.emplace_back(handling_name(Handling(h)));
    records.push_back(loaded.record.handling.records[h]);
    hectares.push_back(loaded.record.handling.hectares[h]);
  }
  print_handling(names, records, hectares);
  if (loaded.warning_count > 0) {
    std::printf("warnings about %ld records (simulated or counted as stated):\n",
                loaded.warning_count);
    for (const auto& w : loaded.warnings) std::printf("  warning: %s\n", w.c_str());
    if (loaded.warning_count > static_cast<long>(loaded.warnings.size())) {
      std::printf("  ... and %ld more\n",
                  loaded.warning_count - static_cast<long>(loaded.warnings.size()));
    }
  }
  std::printf("growth   %s, %zu curves\n", loaded.growth_model.c_str(), loaded.curves.size());
  const std::size_t n = loaded.inputs.parcels.size();
  if (validate_only) {
    print_past_data(loaded.record.past_data);
    print_unconfirmed(loaded.record.parameters_used);
    std::printf("scenario is valid: %zu parcels would be simulated for %d years\n", n,
                scenario.years);
    return 0;
  }

  const driver::RunOutcome r = [&] {
    try {
      signals->check("after loading");
      return driver::run_to_file(loaded, command_line(argc, argv), signals->flag());
    } catch (const Interrupted& e) {
      throw Interrupted(e.signal(), std::string(e.what()) +
                                        "; the temporary file was removed and '" +
                                        scenario.output_path + "' was not changed");
    }
  }();
  const double parcel_years = double(n) * scenario.years;
  std::printf("simulated %zu parcels x %d years on %d threads in %.3f s (%.3g parcel-years/s)\n\n",
              n, scenario.years, r.threads, r.seconds,
              r.seconds > 0 ? parcel_years / r.seconds : 0.0);
  if (a.has("--timings")) print_timings(r.result.timings, n, scenario.years);
  print_summary(io::read_summary(r.output_path), false);
  std::printf("results written to %s\n", r.output_path.c_str());
  return 0;
}

}  // namespace shinrin::app
