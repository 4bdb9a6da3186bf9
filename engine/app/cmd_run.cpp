// shinrin run SCENARIO [--parcels PATH] [--output PATH] [--years N] [--threads N]
//                      [--unknown-species GROUP]
// shinrin validate SCENARIO [same options]: loads and checks everything, simulates nothing.
#include <cstdio>

#include "args.hpp"
#include "commands.hpp"
#include "report.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/results_reader.hpp"
#include "shinrin/io/run.hpp"
#include "shinrin/io/run_setup.hpp"
#include "shinrin/io/scenario.hpp"

namespace shinrin::app {

int cmd_run(int argc, char** argv, bool validate_only) {
  const Args a = parse_args(argc, argv, 2,
                            {"--parcels", "--output", "--years", "--threads", "--unknown-species"}, {});
  if (a.positional.size() != 1) {
    throw InputError(std::string(validate_only ? "validate" : "run") +
                     ": expected one scenario file (shinrin " + (validate_only ? "validate" : "run") +
                     " SCENARIO.yaml [options])");
  }
  io::ScenarioOverrides ov;
  ov.parcels = a.get("--parcels");
  ov.output = a.get("--output");
  ov.years = a.get_int("--years", 1, 1000);
  ov.threads = a.get_int("--threads", 1, 4096);
  ov.unknown_species = a.get("--unknown-species");

  const io::Scenario scenario = io::load_scenario(a.positional[0], ov);
  io::RunSetup setup = io::prepare_run(scenario);
  std::printf("scenario %s (sha256 %.16s...)\n", scenario.file.c_str(), setup.scenario_sha256.c_str());
  std::printf("parcels  %s, layer '%s'\n", scenario.parcels_path.c_str(), setup.layer.c_str());
  std::vector<std::string> names;
  std::vector<std::int64_t> records;
  std::vector<double> hectares;
  for (std::size_t h = 0; h < kHandlingCount; ++h) {
    names.emplace_back(handling_name(Handling(h)));
    records.push_back(setup.handling.records[h]);
    hectares.push_back(setup.handling.hectares[h]);
  }
  print_handling(names, records, hectares);
  std::printf("growth   %s, %zu curves\n", std::string(setup.growth_model->name()).c_str(), setup.curves.size());
  if (validate_only) {
    print_unconfirmed(setup.parameters_used);
    std::printf("scenario is valid: %zu parcels would be simulated for %d years\n", setup.parcels.size(),
                scenario.years);
    return 0;
  }

  const std::size_t n = setup.parcels.size();
  const io::RunResult r = io::run_to_file(setup, command_line(argc, argv));
  const double parcel_years = double(n) * scenario.years;
  std::printf("simulated %zu parcels x %d years on %d threads in %.3f s (%.3g parcel-years/s)\n\n", n,
              scenario.years, r.threads, r.seconds, r.seconds > 0 ? parcel_years / r.seconds : 0.0);
  print_summary(io::read_summary(r.output_path), false);
  std::printf("results written to %s\n", r.output_path.c_str());
  return 0;
}

}  // namespace shinrin::app
