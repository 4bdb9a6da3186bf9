#include "fuzz_mutate.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace shinrin::test::fuzz {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

//! A printable excerpt of `s` for the log: at most 40 bytes, control and non-ASCII bytes as \xNN.
std::string shown(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size() && i < 40; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  if (s.size() > 40) out += "...(" + std::to_string(s.size()) + " bytes)";
  return "'" + out + "'";
}

struct Line {
  std::size_t begin, end;  // [begin, end) without the '\n'
};

std::vector<Line> lines_of(const std::string& text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t eol = text.find('\n', pos);
    const std::size_t end = eol == std::string::npos ? text.size() : eol;
    lines.push_back({pos, end});
    if (eol == std::string::npos) break;
    pos = eol + 1;
  }
  return lines;
}

std::string line_text(const std::string& text, const Line& l) {
  return text.substr(l.begin, l.end - l.begin);
}

//! A stretch of the text that is one value: a word of a YAML text (a key, a scalar, a piece of a
//! path), a cell of a CSV table (comment lines excluded).
struct Span {
  std::size_t begin, size;
};

std::vector<Span> tokens_of(const std::string& text, TextKind kind) {
  std::vector<Span> spans;
  if (kind == TextKind::yaml) {
    constexpr std::string_view kStops = " ,[]{}#:\n\t\"'";
    std::size_t i = 0;
    while (i < text.size()) {
      if (kStops.find(text[i]) != std::string_view::npos) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < text.size() && kStops.find(text[j]) == std::string_view::npos) ++j;
      spans.push_back({i, j - i});
      i = j;
    }
    return spans;
  }
  for (const Line& l : lines_of(text)) {
    if (l.begin < text.size() && text[l.begin] == '#') continue;
    std::size_t start = l.begin;
    for (std::size_t i = l.begin; i <= l.end; ++i) {
      if (i == l.end || text[i] == ',') {
        spans.push_back({start, i - start});
        start = i + 1;
      }
    }
  }
  return spans;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out.push_back('\n');
    out += lines[i];
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  for (const Line& l : lines_of(text)) out.push_back(line_text(text, l));
  return out;
}

}  // namespace

std::uint64_t case_seed(std::uint64_t seed, std::uint64_t index) {
  return splitmix64(seed ^ splitmix64(index));
}

const std::vector<std::string>& interesting_values() {
  static const std::vector<std::string> values = {
      "",
      "0",
      "-0",
      "-1",
      "1",
      "0.5",
      "-0.5",
      "2.5",
      "1e308",
      "-1e308",
      "1e400",
      "4.9e-324",
      "1e-300",
      "1e15",
      "10000",
      "10000.0001",
      "2000",
      "2001",
      "853",
      "nan",
      "NaN",
      "inf",
      "-inf",
      "2147483647",
      "2147483648",
      "-2147483649",
      "4294967296",
      "9223372036854775807",
      "9223372036854775808",
      "-9223372036854775809",
      "99999999999999999999999999999999",
      "0x10",
      "+5",
      "１２",
      "12年",
      "2ha",
      "1,5",
      "abc",
      "檜原村",
      "すぎ",
      "\xEF\xBB\xBF",
      "\xFF\xFE",
      "\xC3",
      std::string(1, '\0'),
      "\t",
      "\r\n",
      " ",
      "\"",
      "'",
      ",",
      "~",
      "null",
      "true",
      "[",
      "{",
      "[]",
      "{}",
      "[1, 2]",
      "- ",
      ": ",
      "*alias",
      "&anchor x",
      "!!binary",
      "<<: *a",
      "2024",
      "2025",
      "2026",
      "2027",
      "2054",
      "1000",
      "3000",
      "9999",
      "-2025",
      std::string(5000, 'A'),
      std::string(70000, '9'),
  };
  return values;
}

std::string mutate_text(std::string text, TextKind kind, Rng& rng, std::string& log) {
  const auto& values = interesting_values();
  const std::uint64_t n = 1 + rng.below(3);
  for (std::uint64_t m = 0; m < n; ++m) {
    const std::uint64_t k = rng.below(14);
    log += "  ";
    if (k == 0 && !text.empty()) {
      const std::size_t at = rng.below(text.size());
      const int bit = static_cast<int>(rng.below(8));
      text[at] = static_cast<char>(text[at] ^ (1 << bit));
      log += "flip bit " + std::to_string(bit) + " of byte " + std::to_string(at);
    } else if (k == 1 && !text.empty()) {
      const std::size_t at = rng.below(text.size());
      text.resize(at);
      log += "truncate to " + std::to_string(at) + " bytes";
    } else if (k == 2) {
      const std::size_t at = rng.below(text.size() + 1);
      const std::string& v = rng.pick(values);
      text.insert(at, v);
      log += "insert " + shown(v) + " at byte " + std::to_string(at);
    } else if (k == 3 || k == 4) {
      const std::vector<Span> spans = tokens_of(text, kind);
      if (spans.empty()) continue;
      const Span s = rng.pick(spans);
      std::string v;
      if (k == 3) {
        v = rng.pick(values);
      } else {
        const Span o = rng.pick(spans);
        v = text.substr(o.begin, o.size);
      }
      log += "replace " + shown(text.substr(s.begin, s.size)) + " at byte " +
             std::to_string(s.begin) + " by " + shown(v);
      text.replace(s.begin, s.size, v);
    } else if (k >= 5 && k <= 7) {
      std::vector<std::string> lines = split_lines(text);
      const std::size_t i = rng.below(lines.size());
      if (k == 5) {
        lines.erase(lines.begin() + static_cast<long>(i));
        log += "delete line " + std::to_string(i + 1);
      } else if (k == 6) {
        lines.insert(lines.begin() + static_cast<long>(i), lines[i]);
        log += "duplicate line " + std::to_string(i + 1);
      } else {
        const std::size_t j = rng.below(lines.size());
        std::swap(lines[i], lines[j]);
        log += "swap lines " + std::to_string(i + 1) + " and " + std::to_string(j + 1);
      }
      text = joined(lines);
    } else if (k == 8 && kind == TextKind::csv) {
      const std::size_t col = rng.below(8);
      std::vector<std::string> lines = split_lines(text);
      for (std::string& l : lines) {
        if (!l.empty() && l[0] == '#') continue;
        std::size_t start = 0;
        for (std::size_t c = 0; c < col && start != std::string::npos; ++c) {
          start = l.find(',', start);
          if (start != std::string::npos) ++start;
        }
        if (start == std::string::npos) continue;
        const std::size_t end = l.find(',', start);
        if (end != std::string::npos) {
          l.erase(start, end - start + 1);
        } else if (start > 0) {
          l.erase(start - 1);
        } else {
          l.clear();
        }
      }
      text = joined(lines);
      log += "delete column " + std::to_string(col + 1);
    } else if (k == 8) {
      std::vector<std::string> lines = split_lines(text);
      const std::size_t i = rng.below(lines.size());
      const std::size_t indent = rng.below(7);
      std::string& l = lines[i];
      l = std::string(indent, ' ') + l.substr(std::min(l.find_first_not_of(' '), l.size()));
      text = joined(lines);
      log += "indent line " + std::to_string(i + 1) + " by " + std::to_string(indent);
    } else if (k == 9 && !text.empty()) {
      const std::size_t at = rng.below(text.size());
      const std::size_t len = std::min<std::size_t>(1 + rng.below(64), text.size() - at);
      const std::size_t times = 2 + rng.below(200);
      std::string run;
      for (std::size_t t = 0; t < times; ++t) run += text.substr(at, len);
      text.insert(at, run);
      log += "repeat " + shown(text.substr(at, len)) + " " + std::to_string(times) +
             " times at byte " + std::to_string(at);
    } else if (k == 10 && !text.empty()) {
      static const std::string special = std::string("\0\xFF\x7F\r\",:-#\t[{&*|>'", 17);
      const std::size_t at = rng.below(text.size());
      const char c = special[rng.below(special.size())];
      text[at] = c;
      log += "set byte " + std::to_string(at) + " to " + shown(std::string(1, c));
    } else if (k == 11 && kind == TextKind::csv) {
      std::vector<std::string> lines = split_lines(text);
      const std::size_t i = rng.below(lines.size());
      const std::string& v = rng.pick(values);
      lines[i] += "," + v;
      text = joined(lines);
      log += "append cell " + shown(v) + " to line " + std::to_string(i + 1);
    } else if (k == 11) {
      std::vector<std::string> lines = split_lines(text);
      const std::size_t from = rng.below(lines.size()), to = rng.below(lines.size() + 1);
      lines.insert(lines.begin() + static_cast<long>(to), lines[from]);
      text = joined(lines);
      log += "copy line " + std::to_string(from + 1) + " before line " + std::to_string(to + 1);
    } else if (k >= 12) {
      // A number made another plausible-looking one: scaled, negated, zeroed, nudged by one.
      std::vector<Span> numbers;
      for (const Span& s : tokens_of(text, kind)) {
        const std::string v = text.substr(s.begin, s.size);
        if (v.empty() || v.find_first_not_of(" 0123456789.-e") != std::string::npos ||
            v.find_first_of("0123456789") == std::string::npos)
          continue;
        numbers.push_back(s);
      }
      if (numbers.empty()) continue;
      const Span s = rng.pick(numbers);
      const std::string old = text.substr(s.begin, s.size);
      const double x = std::strtod(old.c_str(), nullptr);
      static const char* const kHow[] = {"x0",   "x-1", "x0.001", "x10",   "x1000",
                                         "x1e6", "+1",  "-1",     "x1e300"};
      const std::size_t how = rng.below(9);
      const double y = how == 0   ? 0.0
                       : how == 1 ? -x
                       : how == 2 ? x * 0.001
                       : how == 3 ? x * 10
                       : how == 4 ? x * 1000
                       : how == 5 ? x * 1e6
                       : how == 6 ? x + 1
                       : how == 7 ? x - 1
                                  : x * 1e300;
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.10g", y);
      text.replace(s.begin, s.size, buf);
      log += "number " + shown(old) + " at byte " + std::to_string(s.begin) + " " + kHow[how] +
             ": " + buf;
    } else {
      log += "(nothing: empty text)";
    }
    log += "\n";
  }
  return text;
}

std::string mutate_bytes(std::string bytes, std::size_t head, Rng& rng, std::string& log) {
  const std::uint64_t n = 1 + rng.below(3);
  for (std::uint64_t m = 0; m < n; ++m) {
    if (bytes.empty()) break;
    const std::uint64_t k = rng.below(5);
    log += "  ";
    if (k <= 1) {
      const std::size_t range = k == 0 ? std::min(head, bytes.size()) : bytes.size();
      const std::size_t at = rng.below(std::max<std::size_t>(range, 1));
      const int bit = static_cast<int>(rng.below(8));
      bytes[at] = static_cast<char>(bytes[at] ^ (1 << bit));
      log += "flip bit " + std::to_string(bit) + " of byte " + std::to_string(at);
    } else if (k == 2) {
      const std::size_t at = rng.below(bytes.size());
      bytes.resize(at);
      log += "truncate to " + std::to_string(at) + " bytes";
    } else if (k == 3) {
      static const unsigned char fill[] = {0x00, 0xFF, 0x7F, 0x80};
      const std::size_t at = rng.below(bytes.size());
      const std::size_t len = std::min<std::size_t>(1 + rng.below(16), bytes.size() - at);
      const unsigned char c = fill[rng.below(4)];
      std::fill_n(bytes.begin() + static_cast<long>(at), len, static_cast<char>(c));
      char buf[64];
      std::snprintf(buf, sizeof buf, "overwrite %zu bytes at %zu with 0x%02X", len, at, c);
      log += buf;
    } else {
      const std::size_t at = rng.below(bytes.size() + 1);
      const std::size_t len = 1 + rng.below(16);
      std::string ins;
      for (std::size_t i = 0; i < len; ++i) ins.push_back(static_cast<char>(rng.below(256)));
      bytes.insert(at, ins);
      log += "insert " + shown(ins) + " at byte " + std::to_string(at);
    }
    log += "\n";
  }
  return bytes;
}

namespace {

//! `s` as an SQLite text literal of any bytes (NUL and invalid UTF-8 included).
std::string sql_text(const std::string& s) {
  std::string hex;
  char buf[3];
  for (const char c : s) {
    std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned char>(c));
    hex += buf;
  }
  return "CAST(X'" + hex + "' AS TEXT)";
}

std::string quoted_name(const std::string& s) {
  return "\"" + s + "\"";
}

//! An SQL value: text, an integer, a real (1e999 is +infinity to SQLite), NULL or a blob.
std::string sql_value(Rng& rng) {
  static const std::vector<std::string> numbers = {"0",
                                                   "-1",
                                                   "1",
                                                   "12",
                                                   "853",
                                                   "2000",
                                                   "2001",
                                                   "2147483648",
                                                   "-5",
                                                   "9223372036854775807",
                                                   "-9223372036854775808",
                                                   "0.0",
                                                   "-0.0",
                                                   "1e-300",
                                                   "4.9e-324",
                                                   "12.5",
                                                   "0.004",
                                                   "1e15",
                                                   "10000.0",
                                                   "10000.0001",
                                                   "1e308",
                                                   "-1e308",
                                                   "1e999",
                                                   "-1e999",
                                                   "2.44",
                                                   "3",
                                                   "99"};
  const std::uint64_t k = rng.below(10);
  if (k < 5) return sql_text(rng.pick(interesting_values()));
  if (k < 8) return rng.pick(numbers);
  if (k == 8) return "NULL";
  return "X'00FF41'";
}

}  // namespace

std::vector<std::string> mutate_gpkg(const SqlTable& t, Rng& rng, std::string& log) {
  std::vector<std::string> out;
  const std::uint64_t n = 1 + rng.below(4);
  const std::string table = quoted_name(t.name);
  for (std::uint64_t m = 0; m < n; ++m) {
    const std::uint64_t k = rng.below(12);
    const std::string fid = std::to_string(1 + rng.below(static_cast<std::uint64_t>(t.rows)));
    const std::string& column = rng.pick(t.columns);
    std::string s;
    if (k <= 5) {
      const bool all = rng.percent(15);
      s = "UPDATE " + table + " SET " + quoted_name(column) + " = " + sql_value(rng) +
          (all ? "" : " WHERE fid = " + fid);
    } else if (k == 6) {
      s = "DELETE FROM " + table + " WHERE fid = " + fid;
    } else if (k == 7) {
      std::string cols = quoted_name(t.geometry);
      for (const auto& c : t.columns) cols += ", " + quoted_name(c);
      s = "INSERT INTO " + table + " (" + cols + ") SELECT " + cols + " FROM " + table +
          " WHERE fid = " + fid;
    } else if (k == 8) {
      static const std::vector<std::string> counts = {"0", "-1", "1", "NULL", "1099511627776"};
      const std::string count =
          rng.percent(50) ? rng.pick(counts) : std::to_string(t.rows + 1 - 2 * int(rng.below(2)));
      s = "UPDATE gpkg_ogr_contents SET feature_count = " + count + " WHERE table_name = '" +
          t.name + "'";
    } else if (k == 9) {
      static const std::vector<std::string> geometries = {
          "NULL", "X''", "X'47500001'", "X'4750000100000000010300000001000000'",
          "X'47500003E619000000000000000000000000000000000000000000000000000000000000'"};
      s = "UPDATE " + table + " SET " + quoted_name(t.geometry) + " = " + rng.pick(geometries) +
          " WHERE fid = " + fid;
    } else if (k == 10) {
      s = "ALTER TABLE " + table + " DROP COLUMN " + quoted_name(column);
    } else {
      const std::string& other = rng.pick(t.columns);
      s = "UPDATE " + table + " SET " + quoted_name(column) + " = " + quoted_name(other) +
          " WHERE fid = " + fid;
    }
    // The log shows the statement, a long literal cut (the statement run is whole).
    log += "  " +
           (s.size() > 300 ? s.substr(0, 300) + "...(" + std::to_string(s.size()) + " characters)"
                           : s) +
           "\n";
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace shinrin::test::fuzz
