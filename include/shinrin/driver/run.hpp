#pragma once
//! Runs loaded Inputs end to end into a results file: opens the writer (so an unwritable output
//! fails before year one), simulates a fresh State, runs the credit projects' baseline where they
//! have one (a second State over a copy of the Inputs with the baseline's management), computes
//! the credits, writes aggregates and credits and renames the finished file into place.

#include <atomic>
#include <string>
#include <vector>

#include "shinrin/crediting/ledger.hpp"
#include "shinrin/driver/load.hpp"
#include "shinrin/parallel/ranks.hpp"
#include "shinrin/simulation/simulation.hpp"

namespace shinrin::driver {

struct RunOutcome {
  sim::RunResult result;
  std::vector<crediting::Credits> credits;  //!< per credit project, in scenario order
  std::string output_path;
  int threads = 0;       //!< OpenMP threads used (per rank)
  int ranks = 1;         //!< MPI ranks the run was spread over
  double seconds = 0.0;  //!< wall time of the simulation phase (baseline included) [s]
  //! Wall time of creating the results file with its static datasets, and of writing the
  //! aggregates and putting the file in place after the simulation [s] (0 off the root rank).
  double setup_seconds = 0.0, finish_seconds = 0.0;
};

//! The Inputs of the baseline run of `in`'s credit projects: the same landscape and tables with
//! the baseline's management (Baseline::unmanaged: no regimes, plan, events or boilers;
//! Baseline::regimes: each regime replaced as the project says, regimes acting when due, no plan,
//! events or boilers). Regeneration after a felling stays the landscape's.
sim::Inputs baseline_inputs(const sim::Inputs& in);

//! The credits of every project of `in` from the project run's State and aggregates and, where
//! the projects have a baseline, the baseline run's State.
std::vector<crediting::Credits> credits_of(const sim::Inputs& in, const State& project,
                                           const sim::Aggregates& aggregates,
                                           const State* baseline);

//! `command_line` is recorded in the file. `stop` (sim::RunConfig::stop), when set, stops the run
//! at the next block: Interrupted is thrown and the temporary file removed. Throws OutputError
//! (naming the path, what failed and why) for any failure of writing; an earlier file at the
//! output path then stays as it was.
//! `on_year` (sim::RunConfig::on_year), when set, is called after each fiscal year of the project
//! run, e.g. for a progress line.
//! `ranks` (null: one process): every rank calls this with the same Loaded; the run is spread
//! over them (sim::RunConfig::ranks) and the root alone writes the file. Every rank returns the
//! same aggregates, or throws the same error.
RunOutcome run_to_file(const Loaded& loaded, const std::string& command_line,
                       const std::atomic<int>* stop = nullptr,
                       const std::function<void(int, std::size_t, std::size_t)>& on_year = {},
                       const parallel::Ranks* ranks = nullptr);

}  // namespace shinrin::driver
