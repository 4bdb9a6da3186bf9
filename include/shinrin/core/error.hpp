#pragma once
//! Error types. Every message a user can see says where the problem is: input errors name the
//! file and line/column (YAML, CSV) or the layer, field and parcel (GIS); model errors name the
//! module, parcel and year.

#include <stdexcept>
#include <string>

namespace shinrin {

//! Base of every error the engine throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

//! Bad or missing input: scenario, parameter table, parcel source, command line.
class InputError : public Error {
 public:
  using Error::Error;
};

//! A model invariant failed during a run (non-finite value, carbon not conserved, ...).
class ModelError : public Error {
 public:
  using Error::Error;
};

//! Error in writing or reading a results file.
class OutputError : public Error {
 public:
  using Error::Error;
};

//! A file given as a results file that is not a complete one of a format version this engine
//! reads: not HDF5, truncated, a killed run's temporary file, no `filetype` or `format_version`,
//! an unknown major version (`shinrin info` and `credit` exit with status 3).
class IncompleteResultsError : public InputError {
 public:
  using InputError::InputError;
};

//! The run was asked to stop (by a signal: SIGINT, SIGTERM, SIGHUP) and stopped cleanly, with
//! no temporary file left; the CLI exits with status 128 + signal().
class Interrupted : public Error {
 public:
  Interrupted(int signal, const std::string& what) : Error(what), signal_(signal) {}
  //! The signal number that asked the run to stop.
  int signal() const { return signal_; }

 private:
  int signal_;
};

}  // namespace shinrin
