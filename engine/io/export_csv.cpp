// shinrin export --csv: the aggregate tables per fiscal year as CSV files (UTF-8 with a byte-order
// mark so that Excel on Japanese Windows reads the names, RFC 4180 quoting, CRLF line ends,
// numbers as the shortest text that reads back as the same double, NaN as an empty cell).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "export_common.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/durable_file.hpp"
#include "shinrin/io/results_export.hpp"

namespace shinrin::io {
namespace {

namespace fs = std::filesystem;
using exporting::Sheet;

// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

void row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (k) out += ',';
    out += field(cells[k]);
  }
  out += "\r\n";
}

std::string wide_text(const Sheet& s, const std::vector<int>& year) {
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> header = {"fiscal_year", "state"};
  if (!s.group_column.empty()) header.push_back(s.group_column);
  if (!s.detail_column.empty()) header.push_back(s.detail_column);
  for (const auto& c : s.columns) header.push_back(c.name + " [" + c.units + "]");
  row(out, header);
  for (std::size_t t = 0; t < year.size(); ++t) {
    for (std::size_t l = 0; l < s.labels.size(); ++l) {
      std::vector<std::string> cells = {std::to_string(year[t]), exporting::state_of(t)};
      if (!s.group_column.empty()) cells.push_back(s.labels[l]);
      if (!s.detail_column.empty()) cells.push_back(s.details[l]);
      for (std::size_t c = 0; c < s.columns.size(); ++c)
        cells.push_back(exporting::shortest(s.values[c][l][t]));
      row(out, cells);
    }
  }
  return out;
}

std::string long_text(const Sheet& s, const std::vector<int>& year) {
  std::string out = "\xEF\xBB\xBF";
  row(out, {"fiscal_year", "state", "group", "variable", "unit", "value"});
  for (std::size_t t = 0; t < year.size(); ++t) {
    for (std::size_t l = 0; l < s.labels.size(); ++l) {
      for (std::size_t c = 0; c < s.columns.size(); ++c) {
        row(out, {std::to_string(year[t]), exporting::state_of(t), s.labels[l], s.columns[c].name,
                  s.columns[c].units, exporting::shortest(s.values[c][l][t])});
      }
    }
  }
  return out;
}

// Writes `text` to `path` under its temporary name, syncs and renames it into place.
void write_replacing(const std::string& path, const std::string& text) {
  const std::string tmp = exporting::temp_name(path);
  try {
    {
      std::FILE* f = std::fopen(tmp.c_str(), "wb");
      if (!f) throw OutputError("cannot create '" + tmp + "' (" + std::strerror(errno) + ")");
      const std::size_t n = std::fwrite(text.data(), 1, text.size(), f);
      const int e = errno;
      const bool closed = std::fclose(f) == 0;
      if (n != text.size() || !closed)
        throw OutputError("failed to write '" + tmp + "' (" +
                          std::strerror(n != text.size() ? e : errno) + ")");
    }
    sync_file(tmp);
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec)
      throw OutputError("cannot rename '" + tmp + "' to '" + path + "' (" + ec.message() + ")");
  } catch (const OutputError& e) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw OutputError("cannot write the table '" + path + "': " + e.what() +
                      "; the temporary file was removed and '" + path + "' was not changed");
  }
}

}  // namespace

ExportReport export_csv(const CsvExport& r) {
  const ResultsTables t = read_results_tables(r.results);
  const std::vector<Sheet> sheets = exporting::aggregate_sheets(t);
  std::error_code ec;
  if (fs::exists(r.dir, ec) && !fs::is_directory(r.dir, ec))
    throw InputError("export --csv: '" + r.dir + "' exists and is not a folder");
  std::vector<std::string> paths;
  for (const Sheet& s : sheets) paths.push_back((fs::path(r.dir) / (s.name + ".csv")).string());
  if (!r.overwrite) {
    std::string existing;
    for (const auto& p : paths) {
      if (fs::exists(fs::symlink_status(p, ec))) existing += (existing.empty() ? "" : ", ") + p;
    }
    if (!existing.empty())
      throw InputError("export: " + existing +
                       (existing.find(", ") == std::string::npos ? " exists" : " exist") +
                       "; give --overwrite to replace the tables");
  }
  if (!fs::exists(r.dir, ec)) {
    fs::create_directories(r.dir, ec);
    if (ec)
      throw OutputError("export: cannot create the folder '" + r.dir + "' (" + ec.message() + ")");
  }
  ExportReport report;
  for (std::size_t k = 0; k < sheets.size(); ++k) {
    if (r.stop != nullptr && r.stop->load() != 0) {
      std::string done;
      for (const auto& w : report.written) done += (done.empty() ? "" : ", ") + w;
      throw Interrupted(r.stop->load(), "the export stopped before " + paths[k] + " (written: " +
                                            (done.empty() ? std::string("none") : done) + ")");
    }
    write_replacing(paths[k], r.long_table ? long_text(sheets[k], t.summary.year)
                                           : wide_text(sheets[k], t.summary.year));
    report.written.push_back(paths[k]);
  }
  if (!paths.empty()) sync_folder_of(paths.front());
  return report;
}

}  // namespace shinrin::io
