#pragma once
// The style sheet and the script of the HTML report (html_report.hpp). The script reads the data
// object `REPORT` (JSON in the page), draws the charts with Chart.js, colours the map by the
// selected variable with its legend, and writes the self-check lines into #report-check.

#include <string_view>

namespace shinrin::app {

//! CSS of the page.
std::string_view report_style();
//! Runs before anything else: collects script errors into window.reportErrors.
std::string_view report_error_catcher();
//! Draws the page from `REPORT`; run after Chart.js and the data.
std::string_view report_script();

}  // namespace shinrin::app
