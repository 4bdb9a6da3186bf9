#include "report.hpp"

#include <cstdio>

#include "json.hpp"

namespace shinrin::app {

void print_handling(const std::vector<std::string>& classes, const std::vector<std::int64_t>& records,
                    const std::vector<double>& hectares) {
  std::int64_t n = 0;
  double ha = 0.0;
  std::printf("  %-18s %10s %12s\n", "handling", "records", "hectares");
  for (std::size_t i = 0; i < classes.size(); ++i) {
    std::printf("  %-18s %10lld %12.2f\n", classes[i].c_str(), static_cast<long long>(records[i]), hectares[i]);
    n += records[i];
    ha += hectares[i];
  }
  std::printf("  %-18s %10lld %12.2f\n", "all records read", static_cast<long long>(n), ha);
}

void print_unconfirmed(const std::vector<ParameterRecord>& parameters) {
  const auto u = unconfirmed_only(parameters);
  if (u.empty()) {
    std::printf("unconfirmed parameters used: none\n");
    return;
  }
  std::printf("unconfirmed parameters used (status U; replace them when a primary source is read):\n");
  for (const auto& r : u) {
    std::printf("  %-22s %-14s %12g %-8s %s\n", r.key.c_str(), r.name.c_str(), r.value, r.unit.c_str(),
                r.source.c_str());
  }
}

void print_summary(const io::ResultsSummary& s, bool with_handling) {
  std::printf("%s\n", s.path.c_str());
  std::printf("  format %d.%d, shinrin %s (%s), %s%s\n", s.format_version[0], s.format_version[1],
              s.engine_version.c_str(), s.git_sha.substr(0, 12).c_str(), s.date_and_time.c_str(),
              s.complete ? "" : "  ** INCOMPLETE FILE **");
  std::printf("  scenario sha256 %s\n", s.scenario_sha256.c_str());
  if (!s.complete) return;
  std::printf("  %zu simulated parcels, %.2f ha, fiscal years %d-%d\n", s.parcels, s.total_area_ha,
              s.start_year, s.start_year + s.years - 1);
  if (with_handling) print_handling(s.handling_class, s.handling_records, s.handling_hectares);
  std::printf("\n  %-12s %14s %14s %14s %16s\n", "fiscal year", "stem volume", "carbon AG", "carbon BG",
              "CO2 removal");
  std::printf("  %-12s %14s %14s %14s %16s\n", "", "m3", "t C", "t C", "t CO2/year");
  const std::size_t n = s.year.size();
  const std::size_t step = n <= 32 ? 1 : 5;
  double co2_sum = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    if (t > 0) co2_sum += s.totals[3][t];
    if (t % step != 0 && t + 1 != n) continue;
    char co2[32];
    if (t == 0) {
      std::snprintf(co2, sizeof co2, "%16s", "(initial)");
    } else {
      std::snprintf(co2, sizeof co2, "%16.1f", s.totals[3][t]);
    }
    std::printf("  %-12d %14.1f %14.1f %14.1f %s\n", s.year[t], s.totals[0][t], s.totals[1][t], s.totals[2][t], co2);
  }
  std::printf("  %-12s %14s %14s %14s %16.1f\n", "sum", "", "", "", co2_sum);
  std::printf("\n");
  print_unconfirmed(s.parameters);
}

std::string summary_json(const io::ResultsSummary& s) {
  std::string j = "{\n";
  j += "  \"path\": " + json_string(s.path) + ",\n";
  j += "  \"format_version\": [" + std::to_string(s.format_version[0]) + ", " + std::to_string(s.format_version[1]) + "],\n";
  j += "  \"engine_version\": " + json_string(s.engine_version) + ",\n";
  j += "  \"git_sha\": " + json_string(s.git_sha) + ",\n";
  j += "  \"date_and_time\": " + json_string(s.date_and_time) + ",\n";
  j += "  \"command_line\": " + json_string(s.command_line) + ",\n";
  j += "  \"scenario_sha256\": " + json_string(s.scenario_sha256) + ",\n";
  j += "  \"complete\": " + std::string(s.complete ? "true" : "false") + ",\n";
  j += "  \"start_year\": " + std::to_string(s.start_year) + ",\n";
  j += "  \"years\": " + std::to_string(s.years) + ",\n";
  j += "  \"parcels\": " + std::to_string(s.parcels) + ",\n";
  j += "  \"area_ha\": " + json_number(s.total_area_ha) + ",\n";
  j += "  \"totals\": [";
  for (std::size_t t = 0; t < s.year.size(); ++t) {
    j += std::string(t ? "," : "") + "\n    {\"year\": " + std::to_string(s.year[t]);
    for (std::size_t k = 0; k < sim::kAggVarCount; ++k) {
      const auto& info = sim::agg_var_info(sim::AggVar(k));
      j += ", " + json_string(std::string(info.name)) + ": " + json_number(s.totals[k][t]);
    }
    j += "}";
  }
  j += "\n  ],\n";
  j += "  \"units\": {";
  for (std::size_t k = 0; k < sim::kAggVarCount; ++k) {
    const auto& info = sim::agg_var_info(sim::AggVar(k));
    j += std::string(k ? ", " : "") + json_string(std::string(info.name)) + ": " + json_string(std::string(info.units));
  }
  j += "},\n";
  j += "  \"handling\": {";
  for (std::size_t i = 0; i < s.handling_class.size(); ++i) {
    j += std::string(i ? "," : "") + "\n    " + json_string(s.handling_class[i]) +
         ": {\"records\": " + std::to_string(s.handling_records[i]) +
         ", \"hectares\": " + json_number(s.handling_hectares[i]) + "}";
  }
  j += "\n  },\n";
  j += "  \"unconfirmed_parameters\": [";
  const auto u = unconfirmed_only(s.parameters);
  for (std::size_t i = 0; i < u.size(); ++i) {
    j += std::string(i ? "," : "") + "\n    {\"table\": " + json_string(u[i].table) +
         ", \"key\": " + json_string(u[i].key) + ", \"name\": " + json_string(u[i].name) +
         ", \"value\": " + json_number(u[i].value) + ", \"unit\": " + json_string(u[i].unit) +
         ", \"source\": " + json_string(u[i].source) + "}";
  }
  j += "\n  ]\n}\n";
  return j;
}

}  // namespace shinrin::app
