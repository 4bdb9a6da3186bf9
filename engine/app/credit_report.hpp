#pragma once
// Credit projects in a results file: the terminal table of `info` and `credit`, the `crediting`
// object of `info --json`, and the monitoring-report tables that `shinrin credit` writes.

#include <string>
#include <vector>

#include "shinrin/io/results_reader.hpp"

namespace shinrin::app {

//! One table per project: the chain of calculation per period (nothing without projects).
void print_credits(const io::ResultsSummary& s);

//! The JSON array of `info --json`'s "crediting" key.
std::string credits_json(const io::ResultsSummary& s);

//! Monitoring-report tables of one project and period: the chain of calculation by stratum
//! (species x age class), the chain to the credits issued, what was not creditable and why, and
//! the numbers used; figures that rest on an unconfirmed (U) value are marked.
struct ReportTables {
  std::vector<std::vector<std::string>> strata;    //!< header row first
  std::vector<std::vector<std::string>> chain;     //!< header row first
  std::vector<std::vector<std::string>> excluded;  //!< header row first
  std::vector<std::vector<std::string>> numbers;   //!< header row first
};
ReportTables report_tables(const io::CreditProject& p, std::size_t period);

//! The tables as CSV that spreadsheet programs open as UTF-8 (byte-order mark, CRLF, RFC 4180
//! quoting), one section after another with a title line each.
std::string report_csv(const io::CreditProject& p, std::size_t period,
                       const std::string& results_path);
//! The same as Markdown.
std::string report_markdown(const io::CreditProject& p, std::size_t period,
                            const std::string& results_path);

}  // namespace shinrin::app
