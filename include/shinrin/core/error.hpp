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

}  // namespace shinrin
