#pragma once
// The HTML page of `shinrin report`: one self-contained file (Chart.js and the data inlined, the
// map as inline SVG, no URL of any kind) that opens in any browser without a network.
//
// The page checks itself: after drawing, its script writes into the element
// `<pre id="report-check">` one line per fact, which a test reads from the browser's DOM:
//   lang <en|ja>
//   chart <id> <points>       data points drawn per chart (finite values, all datasets)
//   map_paths <n>             <path> elements of the map
//   map_coloured <n>          paths given a colour from a value of the selected variable
//   map_variable <name>       the variable selected when the page opened
//   yearly_rows <n>           rows of the yearly table's body
//   error <message>           each script error caught (window.onerror, console.error)
//   done                      the script ran to its end

#include <string>

#include "report_data.hpp"
#include "report_labels.hpp"

namespace shinrin::app {

//! The whole page, UTF-8.
std::string html_report(const ReportData& data, ReportLang lang);

//! `text` with &, <, >, " and ' replaced by character references.
std::string html_escape(const std::string& text);

}  // namespace shinrin::app
