#pragma once
// Internal (io module): the /crediting group of a results file (docs/results-format.md).

#include <hdf5.h>

#include <vector>

#include "shinrin/crediting/ledger.hpp"
#include "shinrin/simulation/inputs.hpp"

namespace shinrin::io {

//! A group with tracked link and attribute order (results_writer.cpp).
hid_t create_tracked_group(hid_t loc, const char* name);

//! Writes /crediting: one subgroup per project (nothing without projects).
void write_crediting(hid_t root, const std::vector<crediting::Credits>& credits,
                     const sim::Inputs& in);

}  // namespace shinrin::io
