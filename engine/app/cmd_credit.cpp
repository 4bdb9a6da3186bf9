// shinrin credit RESULTS.h5 [--out DIR]
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "commands.hpp"
#include "credit_report.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/results_reader.hpp"

namespace shinrin::app {
namespace {

// Writes `text` to `path` through a temporary name, so a failed write leaves no half file and no
// temporary one; a failure (closing included: a full disk may show only there) is an OutputError
// naming the file and the system's reason.
void write_file(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  std::ofstream f(tmp, std::ios::binary);
  f << text;
  f.close();
  std::error_code ec;
  if (!f) {
    const std::string why = std::strerror(errno);
    std::filesystem::remove(tmp, ec);
    throw OutputError("cannot write '" + path.string() + "' (" + why + ")");
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    const std::string why = ec.message();
    std::filesystem::remove(tmp, ec);
    throw OutputError("cannot write '" + path.string() + "' (" + why + ")");
  }
}

}  // namespace

int cmd_credit(const CreditOptions& o) {
  check_not_empty(o.out, "--out");
  const std::string path = o.results;
  const io::ResultsSummary s = io::read_summary(path);
  if (!s.complete)
    throw IncompleteResultsError(path +
                                 ": the results file is incomplete (the run did not finish)");
  if (s.credits.empty())
    throw InputError(path + ": no credit projects (the scenario has no 'crediting' section)");
  std::filesystem::path dir =
      o.out.value_or(std::filesystem::path(path).replace_extension("").string() + "-credits");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw OutputError("cannot create the folder '" + dir.string() + "' (" + ec.message() + ")");
  print_credits(s);
  std::size_t files = 0;
  for (const auto& p : s.credits) {
    for (std::size_t k = 0; k < p.periods.size(); ++k) {
      const auto& q = p.periods[k];
      const std::string stem = p.name + "_period" + std::to_string(k + 1) + "_FY" +
                               std::to_string(q.first_year) + "-FY" + std::to_string(q.last_year);
      write_file(dir / (stem + ".csv"), report_csv(p, k, path));
      write_file(dir / (stem + ".md"), report_markdown(p, k, path));
      files += 2;
    }
  }
  std::printf(
      "monitoring-report tables: %zu files in %s (CSV in UTF-8 with a byte-order mark, and "
      "Markdown)\n",
      files, dir.string().c_str());
  return 0;
}

}  // namespace shinrin::app
