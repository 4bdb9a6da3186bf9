// shinrin export RESULTS.h5 --to FILE.gpkg [--parcels SOURCE] [--variables LIST] [--long]
// shinrin export RESULTS.h5 --to DIR --csv [--long]
// A results file as a map (GeoPackage: the parcels with their source geometry and per-parcel
// results, the aggregate tables) or as CSV tables per fiscal year; io/results_export.hpp writes
// them. Bad options, an existing output without --overwrite, a parcel layer that is not the run's:
// exit 1; a file that is not a complete results file: exit 3; a failed write: exit 2.
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/results_export.hpp"
#include "signals.hpp"

namespace shinrin::app {
namespace {

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= text.size()) {
    const auto at = text.find(',', from);
    std::string item = text.substr(from, at == std::string::npos ? std::string::npos : at - from);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (item.empty()) throw InputError("option --variables: an empty name in '" + text + "'");
    out.push_back(item);
    if (at == std::string::npos) break;
    from = at + 1;
  }
  return out;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

int cmd_export(const ExportOptions& o) {
  check_not_empty(o.to, "--to");
  check_not_empty(o.parcels, "--parcels");
  check_not_empty(o.variables, "--variables");
  io::ExportReport report;
  // SIGINT, SIGTERM and SIGHUP stop the export cleanly: the temporary file is removed (exit 128+N).
  const StopOnSignals signals;
  if (o.csv) {
    if (o.parcels) throw InputError("option --parcels: only for a GeoPackage (not with --csv)");
    if (o.variables) throw InputError("option --variables: only for a GeoPackage (not with --csv)");
    report = io::export_csv({o.results, *o.to, o.long_table, o.overwrite, signals.flag()});
  } else {
    std::string lower = *o.to;
    for (char& ch : lower) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    if (!ends_with(lower, ".gpkg")) {
      throw InputError("option --to: '" + *o.to +
                       "' does not end in .gpkg (give --csv to write CSV tables into a folder)");
    }
    io::GeoPackageExport request;
    request.results = o.results;
    request.to = *o.to;
    request.parcels = o.parcels;
    if (o.variables) request.variables = comma_list(*o.variables);
    request.long_table = o.long_table;
    request.overwrite = o.overwrite;
    request.stop = signals.flag();
    report = io::export_geopackage(request);
  }
  for (const auto& w : report.warnings) std::fprintf(stderr, "shinrin: warning: %s\n", w.c_str());
  std::printf("exported %s to %s\n", o.results.c_str(), o.to->c_str());
  for (const auto& line : report.written) std::printf("  %s\n", line.c_str());
  return 0;
}

}  // namespace shinrin::app
