#include "shinrin/driver/run.hpp"

#include <omp.h>

#include <chrono>

#include "shinrin/io/results_writer.hpp"

namespace shinrin::driver {

RunOutcome run_to_file(const Loaded& loaded, const std::string& command_line) {
  sim::RunConfig config;
  config.threads = loaded.scenario.threads;
  config.output = loaded.output;

  RunOutcome outcome;
  outcome.output_path = loaded.scenario.output_path;
  outcome.threads = config.threads > 0 ? config.threads : omp_get_max_threads();
  io::ResultsWriter writer(loaded.scenario.output_path, loaded.record, loaded.inputs, loaded.output,
                           command_line);
  State state(loaded.inputs.parcels.size());
  const auto t0 = std::chrono::steady_clock::now();
  outcome.result = sim::run(loaded.inputs, state, config, &writer);
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  writer.finish(outcome.result.aggregates);
  return outcome;
}

}  // namespace shinrin::driver
