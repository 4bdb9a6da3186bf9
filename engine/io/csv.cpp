#include "shinrin/io/csv.hpp"

#include <algorithm>
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

// Offset of the first byte of `text` that does not belong to a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points past U+10FFFF count as malformed); npos if none.
std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if (k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace

CsvTable CsvTable::read(const std::string& path) {
  return parse(read_bounded(path, kMaxTableBytes, "file", "CSV table"), path);
}

CsvTable CsvTable::parse(std::string_view text, const std::string& name) {
  CsvTable t;
  t.path_ = name;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (const std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    const std::string_view before = text.substr(0, bad);
    const std::size_t line =
        1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t line_start = before.rfind('\n');
    const std::size_t column =
        bad - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X",
                  static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
    throw InputError(name + ":" + std::to_string(line) + ":" + std::to_string(column) +
                     ": the file is not UTF-8 (byte " + byte +
                     "; e.g. Shift_JIS/CP932 saved by Excel): save it as UTF-8 (Excel: "
                     "'CSV UTF-8 (comma delimited)')");
  }
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
