#include "shinrin/driver/run.hpp"

#include <omp.h>

#include <chrono>
#include <optional>

#include "shinrin/core/error.hpp"

#include "shinrin/io/results_writer.hpp"

namespace shinrin::driver {

sim::Inputs baseline_inputs(const sim::Inputs& in) {
  sim::Inputs base = in;
  const crediting::Project* spec = nullptr;
  for (const auto& p : in.credit.projects) {
    if (p.baseline != crediting::Baseline::none) spec = &p;
  }
  base.plan = planning::Plan{};
  base.fuel = fuel::FuelModel{};
  silviculture::Management& m = base.model.management;
  std::fill(m.event_offset.begin(), m.event_offset.end(), 0u);
  m.events.clear();
  if (spec && spec->baseline == crediting::Baseline::regimes) {
    for (auto& r : base.parcels.regime) {
      if (r != kNoRegime) r = spec->baseline_regime[r];
    }
  } else {
    std::fill(base.parcels.regime.begin(), base.parcels.regime.end(), kNoRegime);
  }
  // Boiler projects have no baseline run: their baseline is the fossil fuel (fuel/boiler.hpp).
  for (auto& p : base.credit.projects) {
    if (p.rules->scope == crediting::Scope::boilers) p.boilers.clear();
  }
  sim::finish_inputs(base);
  return base;
}

std::vector<crediting::Credits> credits_of(const sim::Inputs& in, const State& project,
                                           const sim::Aggregates& aggregates,
                                           const State* baseline) {
  std::vector<crediting::Credits> out;
  for (std::size_t k = 0; k < in.credit.projects.size(); ++k) {
    const crediting::Project& p = in.credit.projects[k];
    if (p.rules->scope == crediting::Scope::boilers) {
      out.push_back(crediting::summarize_boilers(p, aggregates.fuel, in.start_year));
    } else {
      const bool with_baseline = baseline && p.baseline != crediting::Baseline::none;
      out.push_back(crediting::summarize_forest(
          p, project.credit[k], with_baseline ? &baseline->credit[k] : nullptr, in.parcels));
    }
  }
  return out;
}

RunOutcome run_to_file(const Loaded& loaded, const std::string& command_line,
                       const std::atomic<int>* stop,
                       const std::function<void(int, std::size_t, std::size_t)>& on_year,
                       const parallel::Ranks* ranks) {
  const parallel::Ranks one_rank;
  const parallel::Ranks& on = ranks != nullptr ? *ranks : one_rank;
  sim::RunConfig config;
  config.ranks = &on;
  config.on_year = on_year;
  config.threads = loaded.scenario.threads;
  config.output = loaded.output;
  config.stop = stop;

  RunOutcome outcome;
  outcome.output_path = loaded.scenario.output_path;
  outcome.threads = config.threads > 0 ? config.threads : omp_get_max_threads();
  outcome.ranks = on.size();
  // The root alone writes the file; the other ranks send it their rows (sim::RunConfig::ranks).
  std::optional<io::ResultsWriter> writer;
  const auto since = [](std::chrono::steady_clock::time_point from) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - from).count();
  };
  const auto setup = std::chrono::steady_clock::now();
  on.on_root([&] {
    writer.emplace(loaded.scenario.output_path, loaded.record, loaded.inputs, loaded.output,
                   command_line);
    writer->stop_on(stop);
    outcome.setup_seconds = since(setup);
  });
  State state(loaded.inputs.parcels.size());
  const auto t0 = std::chrono::steady_clock::now();
  outcome.result = sim::run(loaded.inputs, state, config, writer ? &*writer : nullptr);
  std::optional<State> baseline;
  if (loaded.inputs.credit.needs_baseline()) {
    const sim::Inputs base = baseline_inputs(loaded.inputs);
    sim::RunConfig quiet;  // aggregates only: the baseline's physical results are not written
    quiet.threads = config.threads;
    quiet.ranks = config.ranks;  // on the same ranks, into the same blocks
    quiet.stop = stop;
    baseline.emplace(base.parcels.size());
    (void)sim::run(base, *baseline, quiet, nullptr);
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  outcome.credits =
      credits_of(loaded.inputs, state, outcome.result.aggregates, baseline ? &*baseline : nullptr);
  std::exception_ptr stopped;
  if (stop != nullptr && stop->load() != 0) {
    stopped = std::make_exception_ptr(
        Interrupted(stop->load(), "the run stopped before its results were written"));
  }
  on.settle(stopped, std::uint64_t(on.rank()));  // a stop on any rank stops every rank
  on.on_root([&] {
    const auto finish = std::chrono::steady_clock::now();
    writer->finish(outcome.result.aggregates, outcome.credits);
    outcome.finish_seconds = since(finish);
  });
  return outcome;
}

}  // namespace shinrin::driver
