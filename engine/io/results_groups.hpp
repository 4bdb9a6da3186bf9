#pragma once
// Internal (io module): pieces of the results file that several groups share, and the
// /crediting group (docs/results-format.md).

#include <hdf5.h>

#include <string>
#include <vector>

#include "shinrin/core/provenance.hpp"
#include "shinrin/crediting/ledger.hpp"
#include "shinrin/simulation/inputs.hpp"

namespace shinrin::io {

//! A group with tracked link and attribute order and a UTF-8 name (results_writer.cpp).
hid_t create_tracked_group(hid_t loc, const char* name);

//! Writes `records` into group `g` as a `parameter` dimension with the string columns
//! <prefix>table, key, name, unit, status, source and the number column <prefix>value
//! (results_writer.cpp): /parameters (prefix "") and each credit project ("parameter_").
void write_parameter_table(hid_t g, const std::vector<ParameterRecord>& records,
                           const std::string& prefix);

//! Writes /crediting: one subgroup per project (nothing without projects).
void write_crediting(hid_t root, const std::vector<crediting::Credits>& credits,
                     const sim::Inputs& in);

}  // namespace shinrin::io
