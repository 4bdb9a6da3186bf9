#pragma once
// Internal helpers for reading scenario YAML (io module only): MapReader reads one mapping,
// remembers which keys were asked for so leftovers are reported, and names file:line:column and
// the key path in every error. Used by scenario.cpp and scenario_sections.cpp.

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "shinrin/core/error.hpp"
#include "shinrin/io/scenario.hpp"

namespace shinrin::io::yaml {

//! "file:line:column" (1-based) of a mark, or just the file when the mark is unknown.
inline std::string at(const std::string& file, const YAML::Mark& m) {
  if (m.line < 0) return file;
  return file + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

//! `p` relative to `base` unless absolute; empty stays empty.
inline std::string resolve(const std::filesystem::path& base, const std::string& p) {
  if (p.empty()) return p;
  const std::filesystem::path path(p);
  return (path.is_absolute() ? path : base / path).lexically_normal().string();
}

struct ParsedDate {
  int year = 0, month = 0, day = 0;
};
//! "YYYY-MM-DD" as a date (month 1-12, day valid for the month), else nullopt.
inline std::optional<ParsedDate> parse_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  ParsedDate d;
  for (std::size_t k : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[k] < '0' || s[k] > '9') return std::nullopt;
  }
  d.year = std::stoi(s.substr(0, 4));
  d.month = std::stoi(s.substr(5, 2));
  d.day = std::stoi(s.substr(8, 2));
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > kDays[d.month - 1]) return std::nullopt;
  return d;
}
//! A date as "YYYY-MM-DD".
inline std::string date_text(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

//! Allowed range of a number: lo/hi may be infinite; each end open or closed.
struct Interval {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;
  bool hi_open = false;

  bool contains(double v) const {
    return (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi);
  }
  //! "in (0, 1)", "in [0, 1]", "> 0", ">= 0".
  std::string text() const {
    auto num = [](double v) {
      std::string s = std::to_string(v);
      s.erase(s.find_last_not_of('0') + 1);
      if (!s.empty() && s.back() == '.') s.pop_back();
      return s;
    };
    if (std::isinf(hi)) return std::string(lo_open ? "> " : ">= ") + num(lo);
    return std::string("in ") + (lo_open ? "(" : "[") + num(lo) + ", " + num(hi) +
           (hi_open ? ")" : "]");
  }
  static Interval open(double lo, double hi) { return {lo, hi, true, true}; }
  static Interval closed(double lo, double hi) { return {lo, hi, false, false}; }
  static Interval above(double lo) {
    return {lo, std::numeric_limits<double>::infinity(), true, false};
  }
};

// A YAML mapping being read: remembers which keys were used so leftovers can be reported.
class MapReader {
 public:
  MapReader(const YAML::Node& node, std::string file, std::string path)
      : node_(node), file_(std::move(file)), path_(std::move(path)) {
    if (!node_.IsMap()) fail(node_, "expected a mapping of keys to values");
  }

  const YAML::Node& node() const { return node_; }
  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }

  [[noreturn]] void fail(const YAML::Node& n, const std::string& msg) const {
    throw InputError(at(file_, n.Mark()) + ": " + (path_.empty() ? "" : "'" + path_ + "': ") + msg);
  }
  //! Fails at this mapping, naming its key path.
  [[noreturn]] void fail_here(const std::string& msg) const { fail(node_, msg); }
  //! Fails at the value of `key` (which must be set), naming its key path.
  [[noreturn]] void fail_value(const std::string& key, const std::string& msg) {
    throw InputError(at(file_, required(key).Mark()) + ": '" + key_path(key) + "': " + msg);
  }
  //! Fails at node `n`, the value of `key` (or an item of it).
  [[noreturn]] void fail_at(const YAML::Node& n, const std::string& key,
                            const std::string& msg) const {
    throw InputError(at(file_, n.Mark()) + ": '" + key_path(key) + "': " + msg);
  }
  std::string key_path(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
  }
  //! "file:line:column: 'key.path'" of node `n`, the value of `key`, for messages raised later.
  std::string origin(const YAML::Node& n, const std::string& key) const {
    return at(file_, n.Mark()) + ": '" + key_path(key) + "'";
  }

  std::optional<YAML::Node> get(const std::string& key) {
    used_.insert(key);
    const YAML::Node n = node_[key];
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    return n;
  }
  YAML::Node required(const std::string& key) {
    auto n = get(key);
    if (!n) fail(node_, "missing required key '" + key + "'");
    return *n;
  }
  MapReader map(const std::string& key) { return MapReader(required(key), file_, key_path(key)); }
  std::optional<MapReader> optional_map(const std::string& key) {
    auto n = get(key);
    if (!n) return std::nullopt;
    return MapReader(*n, file_, key_path(key));
  }
  //! Item `index` of the list under `key`, read as a mapping with key path "key[index]".
  MapReader item(const YAML::Node& n, const std::string& key, std::size_t index) const {
    return MapReader(n, file_, key_path(key) + "[" + std::to_string(index) + "]");
  }

  std::string scalar(const YAML::Node& n, const std::string& key) const {
    if (!n.IsScalar()) {
      throw InputError(at(file_, n.Mark()) + ": '" + key_path(key) + "': expected a single value");
    }
    return n.Scalar();
  }
  std::string str(const std::string& key) { return scalar(required(key), key); }
  std::string str_or(const std::string& key, const std::string& fallback) {
    auto n = get(key);
    return n ? scalar(*n, key) : fallback;
  }
  int integer(const YAML::Node& n, const std::string& key, int lo, int hi, const char* unit) const {
    const std::string s = scalar(n, key);
    try {
      std::size_t used = 0;
      const long v = std::stol(s, &used);
      if (used == s.size() && v >= lo && v <= hi) return static_cast<int>(v);
    } catch (const std::exception&) {
    }
    throw InputError(at(file_, n.Mark()) + ": '" + key_path(key) + "': '" + s +
                     "' is not an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                     "]" + (unit[0] ? std::string(" ") + unit : ""));
  }
  int int_required(const std::string& key, int lo, int hi, const char* unit) {
    return integer(required(key), key, lo, hi, unit);
  }
  std::optional<int> int_optional(const std::string& key, int lo, int hi, const char* unit) {
    auto n = get(key);
    if (!n) return std::nullopt;
    return integer(*n, key, lo, hi, unit);
  }
  //! A finite number in `range`; the error names the value, the range and `unit`.
  double number(const YAML::Node& n, const std::string& key, const Interval& range,
                const char* unit) const {
    const std::string s = scalar(n, key);
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size() && errno != ERANGE && std::isfinite(v) &&
        range.contains(v)) {
      return v;
    }
    throw InputError(at(file_, n.Mark()) + ": '" + key_path(key) + "': '" + s +
                     "' is not a number " + range.text() +
                     (unit[0] ? std::string(" ") + unit : ""));
  }
  double number_required(const std::string& key, const Interval& range, const char* unit) {
    return number(required(key), key, range, unit);
  }
  std::optional<double> number_optional(const std::string& key, const Interval& range,
                                        const char* unit) {
    auto n = get(key);
    if (!n) return std::nullopt;
    return number(*n, key, range, unit);
  }
  //! `true` or `false`.
  bool boolean(const std::string& key) {
    const YAML::Node n = required(key);
    const std::string s = scalar(n, key);
    if (s == "true") return true;
    if (s == "false") return false;
    fail_at(n, key, "'" + s + "' is not one of true, false");
  }
  //! One of `names`; returns its index.
  std::size_t choice(const std::string& key, const std::vector<std::string>& names) {
    const YAML::Node n = required(key);
    const std::string s = scalar(n, key);
    std::string known;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == s) return i;
      known += (known.empty() ? "" : ", ") + names[i];
    }
    fail_at(n, key, "'" + s + "' is not one of " + known);
  }
  std::vector<std::string> list(const std::string& key) {
    std::vector<std::string> out;
    for (const auto& item : sequence(key).value_or(std::vector<YAML::Node>{})) {
      out.push_back(scalar(item, key));
    }
    return out;
  }
  //! The items of the list under `key`; nullopt when the key is absent.
  std::optional<std::vector<YAML::Node>> sequence(const std::string& key) {
    auto n = get(key);
    if (!n) return std::nullopt;
    if (!n->IsSequence()) {
      throw InputError(at(file_, n->Mark()) + ": '" + key_path(key) + "': expected a list");
    }
    return std::vector<YAML::Node>(n->begin(), n->end());
  }
  //! A list of single values kept with their places; nullopt when absent; an empty list is an
  //! error (leave the key out instead).
  std::optional<std::vector<Located>> located_list(const std::string& key) {
    auto items = sequence(key);
    if (!items) return std::nullopt;
    if (items->empty()) fail_value(key, "empty list (leave the key out instead)");
    std::vector<Located> out;
    for (const auto& item : *items) out.push_back({scalar(item, key), origin(item, key)});
    return out;
  }

  //! Throws on the first key that was never asked for.
  void finish() const {
    for (const auto& kv : node_) {
      const std::string k = kv.first.Scalar();
      if (!used_.contains(k)) {
        std::string allowed;
        for (const auto& u : used_) allowed += (allowed.empty() ? "" : ", ") + u;
        throw InputError(at(file_, kv.first.Mark()) + ": unknown key '" + key_path(k) +
                         "' (allowed here: " + allowed + ")");
      }
    }
  }

 private:
  YAML::Node node_;
  std::string file_;
  std::string path_;
  std::set<std::string> used_;
};

}  // namespace shinrin::io::yaml
