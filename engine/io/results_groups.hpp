#pragma once
// Internal (io module): pieces of the results file that several groups share, and the groups
// written by files of their own: /crediting, /growth_past_data, age classes, /plan, /fuel
// (docs/results-format.md).

#include <hdf5.h>

#include <string>
#include <vector>

#include "shinrin/core/provenance.hpp"
#include "shinrin/crediting/ledger.hpp"
#include "shinrin/fuel/boiler.hpp"
#include "shinrin/growth/past_data.hpp"
#include "shinrin/io/results_reader.hpp"
#include "shinrin/planning/selection.hpp"
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

//! Writes /growth_past_data: parcels past the data of their growth curves (results_past_data.cpp).
void write_past_data(hid_t root, const growth::PastData& past);
//! Writes the age-class coordinate and the age_class_* aggregates (results_age_classes.cpp).
void write_age_classes(hid_t root, hid_t year, const sim::GroupSeries& by_age_class);
//! Reads them; false (and `out` untouched) in files before format 3.1.
bool read_age_classes(hid_t root, AgeClassSummary& out);

//! Writes the /plan datasets: harvest-plan results per (target, unit) row and year, nothing
//! without a plan (results_plan.cpp).
void write_plan(hid_t root, hid_t year, const planning::PlanResults& results,
                const sim::Inputs& in);
//! Writes /fuel: the wood boilers per boiler and fiscal year, nothing without boilers
//! (results_fuel.cpp).
void write_fuel(hid_t root, const std::vector<std::vector<fuel::BoilerYear>>& years,
                const sim::Inputs& in);

//! Reads /growth_past_data; false (and `past` untouched) when the file has no such group (format
//! 2.0 and older).
bool read_past_data(hid_t root, growth::PastData& past);

}  // namespace shinrin::io
