#include "shinrin/io/run.hpp"

#include <omp.h>

#include <chrono>

#include "shinrin/io/results_writer.hpp"
#include "shinrin/simulation/simulation.hpp"

namespace shinrin::io {

RunResult run_to_file(RunSetup& setup, const std::string& command_line) {
  sim::RunConfig config;
  config.start_year = setup.scenario.start_year;
  config.years = setup.scenario.years;
  config.threads = setup.scenario.threads;
  config.output = setup.output;

  RunResult result;
  result.output_path = setup.scenario.output_path;
  result.threads = config.threads > 0 ? config.threads : omp_get_max_threads();
  ResultsWriter writer(setup.scenario.output_path, setup, command_line, config.block_size);
  const auto t0 = std::chrono::steady_clock::now();
  result.aggregates = sim::run(setup.parcels, setup.species, setup.growth_table, setup.model, config, &writer);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  writer.finish(result.aggregates);
  return result;
}

}  // namespace shinrin::io
