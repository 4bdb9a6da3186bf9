// shinrin report RESULTS.h5 --html FILE.html [--lang en|ja] [--parcels SOURCE]
//                [--map-variable NAME] [--overwrite]
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "commands.hpp"
#include "html_report.hpp"
#include "report_data.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/durable_file.hpp"

namespace shinrin::app {
namespace {

namespace fs = std::filesystem;

// Refuses, before anything is read, a page path that is empty, a folder, in a folder that does
// not exist, the results file itself, or an existing file without --overwrite (InputError).
void check_output(const ReportOptions& o) {
  if (o.html.empty()) throw InputError("option --html: the value is empty");
  std::error_code ec;
  const fs::path out(o.html);
  const fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
  if (!fs::is_directory(dir, ec))
    throw InputError("--html '" + o.html + "': the folder '" + dir.string() + "' does not exist");
  if (fs::is_directory(out, ec)) throw InputError("--html '" + o.html + "' is a folder");
  if (fs::exists(out, ec)) {
    if (fs::equivalent(out, fs::path(o.results), ec))
      throw InputError("--html '" + o.html + "' is the results file itself");
    if (!o.overwrite)
      throw InputError("'" + o.html +
                       "' exists; give --overwrite to replace it (it was left as it was)");
  }
}

}  // namespace

int cmd_report(const ReportOptions& o) {
  check_not_empty(o.lang, "--lang");
  check_not_empty(o.parcels, "--parcels");
  check_not_empty(o.map_variable, "--map-variable");
  const auto lang = parse_report_lang(o.lang.value_or("en"));
  if (!lang) throw InputError("option --lang: '" + *o.lang + "' is not one of en, ja");
  check_output(o);
  const ReportData data = gather_report_data(o.results, o.parcels, o.map_variable, *lang);
  const std::string page = html_report(data, *lang);
  io::write_text_replacing(o.html, page, "the report");
  std::printf("report: %s (%.1f MB", o.html.c_str(), static_cast<double>(page.size()) / 1e6);
  if (data.map.svg.empty()) {
    std::printf("; no map: %s)\n", data.map.absent_reason.c_str());
  } else {
    std::printf("; map of %zu parcels, %.1f MB)\n", data.map.paths,
                static_cast<double>(data.map.svg.size()) / 1e6);
  }
  return 0;
}

}  // namespace shinrin::app
