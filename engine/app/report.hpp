#pragma once
// Terminal tables shared by `shinrin run`, `validate` and `info`.

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "shinrin/core/provenance.hpp"
#include "shinrin/growth/past_data.hpp"
#include "shinrin/io/results_reader.hpp"

namespace shinrin::app {

//! How the console summary is printed.
struct SummaryStyle {
  int every = 1;           //!< print every Nth fiscal year (the first and last always)
  bool parameters = true;  //!< list the unconfirmed parameters (--quiet: no)
};

void print_handling(const std::vector<std::string>& classes,
                    const std::vector<std::int64_t>& records, const std::vector<double>& hectares,
                    std::FILE* out = stdout);
//! The unconfirmed (status U) parameter values used, grouped by table and parameter name.
void print_unconfirmed(const std::vector<ParameterRecord>& parameters);
//! How many parcels go past the data of their growth curves, by how many years, and the rule.
void print_past_data(const growth::PastData& past);
//! Header, handling, totals per year and unconfirmed parameters of a results file.
void print_summary(const io::ResultsSummary& s, bool with_handling, const SummaryStyle& style = {});
//! The harvest plan's rows, one table each (nothing without planning targets).
void print_plan(const io::ResultsSummary& s);
//! The boilers' years, one table each (nothing without boilers).
void print_boilers(const io::ResultsSummary& s);
//! The summary as one JSON object.
std::string summary_json(const io::ResultsSummary& s);

}  // namespace shinrin::app
