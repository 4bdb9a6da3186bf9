#pragma once
// Chart.js (Debian libjs-chart.js, MIT licence), the UMD build inlined at build time by
// cmake/embed_chartjs.cmake: `shinrin report` writes it into each HTML file, so a report opens
// without a network and the executable reads nothing at run time.

#include <string_view>

namespace shinrin::app {

//! The text of Chart.js (a script that defines the global `Chart`), without any URL.
std::string_view chartjs_source();

}  // namespace shinrin::app
