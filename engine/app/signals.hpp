#pragma once
// Stopping a run cleanly on SIGINT, SIGTERM and SIGHUP.
//
// While a StopOnSignals lives, these signals only record themselves in a flag; the run reads the
// flag between blocks of parcels (sim::RunConfig::stop) and at a few points of loading and
// writing, stops, removes its temporary file and lock, and the CLI exits with 128 + signal.
// A second signal while the first is being honoured ends the process at once (the default
// action); the next run into that folder removes the temporary file it leaves.

#include <atomic>
#include <csignal>
#include <string>

namespace shinrin::app {

class StopOnSignals {
 public:
  //! Installs the handlers; clears the flag.
  StopOnSignals();
  //! Restores the dispositions found at construction.
  ~StopOnSignals();
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

  //! The flag: 0, or the number of the first signal received.
  const std::atomic<int>* flag() const;
  //! Throws Interrupted("the run stopped <when>") if a signal was received.
  void check(const std::string& when) const;

 private:
  struct sigaction previous_[3];
};

//! "SIGINT", "SIGTERM", "SIGHUP", else "signal N".
std::string signal_name(int signal);

}  // namespace shinrin::app
