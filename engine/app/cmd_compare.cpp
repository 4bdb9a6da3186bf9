// shinrin compare A.h5 B.h5 [--json]: per fiscal year the differences B - A of the totals, of the
// aggregates per species, municipality and regime, and of the per-parcel series both files hold,
// parcels matched by their id (register key, storey suffix); parcels, groups and years found in
// one file only are listed. Files without a fiscal year or a parcel in common are refused (exit 1);
// a file that is not a complete results file ends with exit 3, as for `info`.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"
#include "json.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/results_series.hpp"

namespace shinrin::app {
namespace {

//! Positions of the common values: pairs (index in a, index in b), in a's order.
template <class T>
std::vector<std::pair<std::size_t, std::size_t>> matched(const std::vector<T>& a,
                                                         const std::vector<T>& b) {
  std::map<T, std::size_t> in_b;
  for (std::size_t j = 0; j < b.size(); ++j) in_b.try_emplace(b[j], j);
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (const auto it = in_b.find(a[i]); it != in_b.end()) out.emplace_back(i, it->second);
  }
  return out;
}

//! Values of `a` not in `b`, in a's order.
template <class T>
std::vector<T> only_in(const std::vector<T>& a, const std::vector<T>& b) {
  const std::set<T> sb(b.begin(), b.end());
  std::vector<T> out;
  for (const auto& v : a) {
    if (!sb.contains(v)) out.push_back(v);
  }
  return out;
}

std::string years_text(const std::vector<int>& y) {
  if (y.empty()) return "no fiscal years";
  return "FY" + std::to_string(y.front()) + "-FY" + std::to_string(y.back());
}

template <class T>
std::string json_list(const std::vector<T>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    if constexpr (std::is_same_v<T, std::string>) {
      out += json_string(v[i]);
    } else {
      out += std::to_string(v[i]);
    }
  }
  return out + "]";
}

//! Columns of the readable table (the JSON holds every aggregate variable).
constexpr sim::AggVar kTableVars[] = {sim::AggVar::stem_volume,  sim::AggVar::carbon_ag,
                                      sim::AggVar::carbon_bg,    sim::AggVar::co2_removal,
                                      sim::AggVar::co2_emission, sim::AggVar::felled_area,
                                      sim::AggVar::thinned_area};

struct Comparison {
  const io::ResultsSeries* a = nullptr;
  const io::ResultsSeries* b = nullptr;
  std::vector<std::pair<std::size_t, std::size_t>> years;    // time indexes
  std::vector<std::pair<std::size_t, std::size_t>> parcels;  // rows
  std::vector<std::pair<std::size_t, std::size_t>> output_years;
  std::vector<std::pair<std::size_t, std::size_t>> parcel_vars;
};

std::string print_number(double v) {
  if (std::isnan(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void print_table(const Comparison& c) {
  const io::ResultsSeries &a = *c.a, &b = *c.b;
  std::printf("compare (differences B - A)\n  A: %s\n  B: %s\n", a.summary.path.c_str(),
              b.summary.path.c_str());
  std::printf(
      "fiscal years in common: %zu (%s)", c.years.size(),
      years_text({a.summary.year[c.years.front().first], a.summary.year[c.years.back().first]})
          .c_str());
  const auto ya = only_in(a.summary.year, b.summary.year),
             yb = only_in(b.summary.year, a.summary.year);
  if (!ya.empty()) std::printf("; only in A: %s", years_text(ya).c_str());
  if (!yb.empty()) std::printf("; only in B: %s", years_text(yb).c_str());
  std::printf("\n\n");
  auto header = [](const char* first) {
    std::printf("%-22s %6s", first, "year");
    for (auto v : kTableVars) {
      const auto& info = sim::agg_var_info(v);
      std::printf(" %14s", std::string(info.name).c_str());
    }
    std::printf("\n");
  };
  auto row = [&](const std::string& label, std::size_t ta, std::size_t tb, auto value) {
    std::printf("%-22s %6d", label.c_str(), a.summary.year[ta]);
    for (auto v : kTableVars)
      std::printf(" %14s", print_number(value(v, tb) - value(v, ta, true)).c_str());
    std::printf("\n");
  };
  std::printf("totals [m3, t, t year-1, ha year-1]\n");
  header("");
  for (const auto& [ta, tb] : c.years) {
    row("total", ta, tb, [&](sim::AggVar v, std::size_t t, bool of_a = false) {
      return (of_a ? a : b).summary.totals[std::size_t(v)][t];
    });
  }
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    const auto &ga = a.groups[g], &gb = b.groups[g];
    std::printf("\nby %s\n", ga.dim.c_str());
    header(ga.dim.c_str());
    for (const auto& [label_a, label_b] : matched(ga.labels, gb.labels)) {
      const std::size_t la = label_a, lb = label_b;
      for (const auto& [ta, tb] : c.years) {
        row(ga.labels[la], ta, tb, [&](sim::AggVar v, std::size_t t, bool of_a = false) {
          return of_a ? ga.values[std::size_t(v)][la][t] : gb.values[std::size_t(v)][lb][t];
        });
      }
    }
    const auto oa = only_in(ga.labels, gb.labels), ob = only_in(gb.labels, ga.labels);
    for (const auto& l : oa) std::printf("%s only in A: %s\n", ga.dim.c_str(), l.c_str());
    for (const auto& l : ob) std::printf("%s only in B: %s\n", ga.dim.c_str(), l.c_str());
  }
  std::printf("\nparcels: %zu in A, %zu in B, %zu in both\n", a.parcel_id.size(),
              b.parcel_id.size(), c.parcels.size());
  constexpr std::size_t kListed = 20;
  for (const auto& [name, ids] : {std::pair{"A", only_in(a.parcel_id, b.parcel_id)},
                                  std::pair{"B", only_in(b.parcel_id, a.parcel_id)}}) {
    if (ids.empty()) continue;
    std::printf("parcels only in %s (%zu):", name, ids.size());
    for (std::size_t i = 0; i < std::min(ids.size(), kListed); ++i)
      std::printf(" %s", ids[i].c_str());
    std::printf(ids.size() > kListed ? " ...\n" : "\n");
  }
  if (c.parcel_vars.empty() || c.output_years.empty()) {
    std::printf("no per-parcel series in both files\n");
    return;
  }
  std::printf("per-parcel series (parcels in both, output years in both): largest |B - A|\n");
  std::printf("%-26s %10s %14s %6s  %s\n", "variable", "differing", "largest", "year", "parcel");
  const std::size_t na = a.output_year.size(), nb = b.output_year.size();
  for (const auto& [va, vb] : c.parcel_vars) {
    std::size_t differing = 0;
    double largest = 0.0;
    std::string at;
    int year = 0;
    for (const auto& [pa, pb] : c.parcels) {
      bool differs = false;
      for (const auto& [ja, jb] : c.output_years) {
        const double d = b.parcel_values[vb][pb * nb + jb] - a.parcel_values[va][pa * na + ja];
        if (std::isnan(d)) continue;
        if (d != 0.0) differs = true;
        if (std::abs(d) > std::abs(largest)) {
          largest = d;
          at = a.parcel_id[pa];
          year = a.output_year[ja];
        }
      }
      differing += differs ? 1 : 0;
    }
    std::printf("%-26s %10zu %14s %6s  %s\n", a.parcel_vars[va].c_str(), differing,
                print_number(largest).c_str(), at.empty() ? "-" : std::to_string(year).c_str(),
                at.empty() ? "-" : at.c_str());
  }
  std::printf("(compare --json lists every parcel's differences)\n");
}

std::string to_json(const Comparison& c) {
  const io::ResultsSeries &a = *c.a, &b = *c.b;
  std::string o = "{\n";
  o += "  \"a\": " + json_string(a.summary.path) + ",\n  \"b\": " + json_string(b.summary.path) +
       ",\n  \"difference\": \"B - A\",\n";
  std::vector<int> years;
  for (const auto& [ta, tb] : c.years) years.push_back(a.summary.year[ta]);
  o += "  \"years\": " + json_list(years) + ",\n";
  o += "  \"years_only_in_a\": " + json_list(only_in(a.summary.year, b.summary.year)) + ",\n";
  o += "  \"years_only_in_b\": " + json_list(only_in(b.summary.year, a.summary.year)) + ",\n";
  auto values = [&](auto value_a, auto value_b) {
    std::string s = "[";
    for (std::size_t k = 0; k < c.years.size(); ++k) {
      const auto [ta, tb] = c.years[k];
      s += (k ? ", {\"year\": " : "{\"year\": ") + std::to_string(a.summary.year[ta]);
      for (std::size_t v = 0; v < sim::kAggVarCount; ++v) {
        s += ", " + json_string(std::string(sim::agg_var_info(sim::AggVar(v)).name)) + ": " +
             json_number(value_b(v, tb) - value_a(v, ta));
      }
      s += "}";
    }
    return s + "]";
  };
  o += "  \"totals\": " +
       values([&](std::size_t v, std::size_t t) { return a.summary.totals[v][t]; },
              [&](std::size_t v, std::size_t t) { return b.summary.totals[v][t]; }) +
       ",\n";
  o += "  \"groups\": {";
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    const auto &ga = a.groups[g], &gb = b.groups[g];
    o += std::string(g ? "," : "") + "\n    " + json_string(ga.dim) +
         ": {\"only_in_a\": " + json_list(only_in(ga.labels, gb.labels)) +
         ", \"only_in_b\": " + json_list(only_in(gb.labels, ga.labels)) + ", \"rows\": [";
    bool first = true;
    for (const auto& [label_a, label_b] : matched(ga.labels, gb.labels)) {
      const std::size_t la = label_a, lb = label_b;
      o += std::string(first ? "" : ",") + "\n      {" + json_string(ga.dim) + ": " +
           json_string(ga.labels[la]) + ", \"values\": " +
           values([&](std::size_t v, std::size_t t) { return ga.values[v][la][t]; },
                  [&](std::size_t v, std::size_t t) { return gb.values[v][lb][t]; }) +
           "}";
      first = false;
    }
    o += "]}";
  }
  o += "\n  },\n";
  std::vector<int> oy;
  for (const auto& [ja, jb] : c.output_years) oy.push_back(a.output_year[ja]);
  std::vector<std::string> vars;
  for (const auto& [va, vb] : c.parcel_vars) vars.push_back(a.parcel_vars[va]);
  o += "  \"parcels\": {\"in_a\": " + std::to_string(a.parcel_id.size()) +
       ", \"in_b\": " + std::to_string(b.parcel_id.size()) +
       ", \"in_both\": " + std::to_string(c.parcels.size()) +
       ",\n    \"only_in_a\": " + json_list(only_in(a.parcel_id, b.parcel_id)) +
       ",\n    \"only_in_b\": " + json_list(only_in(b.parcel_id, a.parcel_id)) +
       ",\n    \"output_years\": " + json_list(oy) + ", \"variables\": " + json_list(vars) +
       ",\n    \"differences\": {";
  const std::size_t na = a.output_year.size(), nb = b.output_year.size();
  for (std::size_t k = 0; k < c.parcel_vars.size(); ++k) {
    const auto [va, vb] = c.parcel_vars[k];
    o += std::string(k ? "," : "") + "\n      " + json_string(a.parcel_vars[va]) + ": {";
    bool first = true;
    for (const auto& [pa, pb] : c.parcels) {
      o += std::string(first ? "" : ", ") + json_string(a.parcel_id[pa]) + ": [";
      for (std::size_t j = 0; j < c.output_years.size(); ++j) {
        const auto [ja, jb] = c.output_years[j];
        o += (j ? ", " : "") +
             json_number(b.parcel_values[vb][pb * nb + jb] - a.parcel_values[va][pa * na + ja]);
      }
      o += "]";
      first = false;
    }
    o += "}";
  }
  o += "\n    }\n  }\n}\n";
  return o;
}

}  // namespace

int cmd_compare(const CompareOptions& options) {
  const io::ResultsSeries a = io::read_series(options.a);
  const io::ResultsSeries b = io::read_series(options.b);
  Comparison c;
  c.a = &a;
  c.b = &b;
  c.years = matched(a.summary.year, b.summary.year);
  if (c.years.empty()) {
    throw InputError("compare: the files have no fiscal year in common (" + a.summary.path + ": " +
                     years_text(a.summary.year) + ", " + b.summary.path + ": " +
                     years_text(b.summary.year) + ")");
  }
  c.parcels = matched(a.parcel_id, b.parcel_id);
  if (c.parcels.empty()) {
    throw InputError("compare: the files have no parcel in common (" + a.summary.path + ": " +
                     std::to_string(a.parcel_id.size()) + " parcels, " + b.summary.path + ": " +
                     std::to_string(b.parcel_id.size()) +
                     " parcels; parcels are matched by register key and storey)");
  }
  c.output_years = matched(a.output_year, b.output_year);
  c.parcel_vars = matched(a.parcel_vars, b.parcel_vars);
  if (options.json) {
    std::fputs(to_json(c).c_str(), stdout);
  } else {
    print_table(c);
  }
  return 0;
}

}  // namespace shinrin::app
