#include "shinrin/io/csv.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "shinrin/core/error.hpp"
#include "shinrin/io/input_limits.hpp"
#include "text_file.hpp"

namespace shinrin::io {
namespace {

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  return std::string(s.substr(a, b - a));
}

}  // namespace

CsvTable CsvTable::read(const std::string& path) {
  return parse(read_bounded(path, kMaxTableBytes, "file", "CSV table"), path);
}

CsvTable CsvTable::parse(std::string_view text, const std::string& name) {
  CsvTable t;
  t.path_ = name;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t pos = 0;
  int line = 1;
  bool have_header = false;
  while (pos < text.size()) {
    const int start_line = line;
    // Skip comment and blank lines.
    const std::size_t eol = text.find('\n', pos);
    const std::string_view raw =
        text.substr(pos, eol == std::string_view::npos ? text.npos : eol - pos);
    if (trim(raw).empty() || raw.front() == '#') {
      pos = eol == std::string_view::npos ? text.size() : eol + 1;
      ++line;
      continue;
    }
    // Parse one record, which may span lines inside quotes.
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false, was_quoted = false;
    for (;;) {
      if (pos >= text.size()) {
        if (quoted)
          throw InputError(name + ":" + std::to_string(start_line) + ": unterminated quoted field");
        break;
      }
      const char c = text[pos++];
      if (quoted) {
        if (c == '"') {
          if (pos < text.size() && text[pos] == '"') {
            field.push_back('"');
            ++pos;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line;
          field.push_back(c);
        }
      } else if (c == '"') {
        quoted = true;
        was_quoted = true;
      } else if (c == ',') {
        fields.push_back(was_quoted ? field : trim(field));
        field.clear();
        was_quoted = false;
      } else if (c == '\n') {
        ++line;
        break;
      } else {
        field.push_back(c);
      }
    }
    fields.push_back(was_quoted ? field : trim(field));
    if (!have_header) {
      t.header_ = std::move(fields);
      have_header = true;
    } else {
      if (fields.size() != t.header_.size()) {
        throw InputError(name + ":" + std::to_string(start_line) + ": " +
                         std::to_string(fields.size()) + " fields, expected " +
                         std::to_string(t.header_.size()) + " as in the header");
      }
      t.rows_.push_back({start_line, std::move(fields)});
    }
  }
  if (!have_header) throw InputError(name + ": the file is empty (expected a header line)");
  return t;
}

std::optional<std::size_t> CsvTable::find_column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

std::size_t CsvTable::column(std::string_view name) const {
  if (auto i = find_column(name)) return *i;
  std::string cols;
  for (const auto& h : header_) cols += (cols.empty() ? "" : ", ") + h;
  throw InputError(path_ + ": no column '" + std::string(name) + "' (columns: " + cols + ")");
}

std::string CsvTable::where(const Row& row, std::size_t col) const {
  return path_ + ":" + std::to_string(row.line) + ": column '" + header_[col] + "'";
}

double CsvTable::number(const Row& row, std::size_t col) const {
  const std::string& s = row.fields[col];
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v)) {
    throw InputError(where(row, col) + ": '" + s + "' is not a finite number");
  }
  return v;
}

long CsvTable::integer(const Row& row, std::size_t col) const {
  const std::string& s = row.fields[col];
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || end != s.c_str() + s.size() || errno == ERANGE) {
    throw InputError(where(row, col) + ": '" + s + "' is not an integer");
  }
  return v;
}

double CsvTable::positive(const Row& row, std::size_t col) const {
  const double v = number(row, col);
  if (v <= 0.0) throw InputError(where(row, col) + ": " + row.fields[col] + " must be > 0");
  return v;
}

double CsvTable::bounded(const Row& row, std::size_t col, double lo, double hi, bool lo_open,
                         std::string_view unit) const {
  const double v = number(row, col);
  if ((lo_open ? v > lo : v >= lo) && v <= hi) return v;
  auto text = [](double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return std::string(buf);
  };
  throw InputError(where(row, col) + ": " + row.fields[col] + " is not in " +
                   (lo_open ? "(" : "[") + text(lo) + ", " + text(hi) + "]" +
                   (unit.empty() ? std::string() : " " + std::string(unit)));
}

Status CsvTable::status(const Row& row, std::size_t col) const {
  const auto s = parse_status(row.fields[col]);
  if (!s)
    throw InputError(where(row, col) + ": status '" + row.fields[col] +
                     "' is not one of C, C*, D, U");
  return *s;
}

}  // namespace shinrin::io
