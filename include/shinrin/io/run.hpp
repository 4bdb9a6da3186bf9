#pragma once
//! Runs a prepared scenario end to end: opens the results writer (so an unwritable output fails
//! before year one), simulates, writes aggregates and renames the finished file into place.

#include <string>

#include "shinrin/io/run_setup.hpp"
#include "shinrin/simulation/outputs.hpp"

namespace shinrin::io {

struct RunResult {
  sim::Aggregates aggregates;
  std::string output_path;
  int threads = 0;        //!< OpenMP threads used
  double seconds = 0.0;   //!< wall time of the simulation phase [s]
};

//! `setup.parcels` is advanced in place. `command_line` is recorded in the file.
RunResult run_to_file(RunSetup& setup, const std::string& command_line);

}  // namespace shinrin::io
