#pragma once
// Terminal tables shared by `shinrin run`, `validate` and `info`.

#include <cstdint>
#include <string>
#include <vector>

#include "shinrin/core/provenance.hpp"
#include "shinrin/growth/past_data.hpp"
#include "shinrin/io/results_reader.hpp"

namespace shinrin::app {

void print_handling(const std::vector<std::string>& classes,
                    const std::vector<std::int64_t>& records, const std::vector<double>& hectares);
void print_unconfirmed(const std::vector<ParameterRecord>& parameters);
//! How many parcels go past the data of their growth curves, by how many years, and the rule.
void print_past_data(const growth::PastData& past);
//! Header, handling, totals per year and unconfirmed parameters of a results file.
void print_summary(const io::ResultsSummary& s, bool with_handling);
//! The harvest plan's rows, one table each (nothing without planning targets).
void print_plan(const io::ResultsSummary& s);
//! The boilers' years, one table each (nothing without boilers).
void print_boilers(const io::ResultsSummary& s);
//! The summary as one JSON object.
std::string summary_json(const io::ResultsSummary& s);

}  // namespace shinrin::app
