#pragma once
//! Runs loaded Inputs end to end into a results file: opens the writer (so an unwritable output
//! fails before year one), simulates a fresh State, writes aggregates and renames the finished
//! file into place.

#include <string>

#include "shinrin/driver/load.hpp"
#include "shinrin/simulation/simulation.hpp"

namespace shinrin::driver {

struct RunOutcome {
  sim::RunResult result;
  std::string output_path;
  int threads = 0;       //!< OpenMP threads used
  double seconds = 0.0;  //!< wall time of the simulation phase [s]
};

//! `command_line` is recorded in the file.
RunOutcome run_to_file(const Loaded& loaded, const std::string& command_line);

}  // namespace shinrin::driver
