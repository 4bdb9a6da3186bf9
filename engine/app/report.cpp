#include "report.hpp"

#include <algorithm>
#include <cstdio>

#include "credit_report.hpp"
#include "json.hpp"

namespace shinrin::app {

void print_handling(const std::vector<std::string>& classes,
                    const std::vector<std::int64_t>& records, const std::vector<double>& hectares,
                    std::FILE* out) {
  std::int64_t n = 0;
  double ha = 0.0;
  std::fprintf(out, "  %-18s %10s %12s\n", "handling", "records", "hectares");
  for (std::size_t i = 0; i < classes.size(); ++i) {
    std::fprintf(out, "  %-18s %10lld %12.2f\n", classes[i].c_str(),
                 static_cast<long long>(records[i]), hectares[i]);
    n += records[i];
    ha += hectares[i];
  }
  std::fprintf(out, "  %-18s %10lld %12.2f\n", "all records read", static_cast<long long>(n), ha);
}

void print_unconfirmed(const std::vector<ParameterRecord>& parameters) {
  const auto u = unconfirmed_only(parameters);
  if (u.empty()) {
    std::printf("unconfirmed parameters used: none\n");
    return;
  }
  // Grouped by table, then parameter name (and unit), in the order first met; within a group
  // the values that share a source on one line, with the source.
  struct Group {
    std::string table, name, unit;
    std::vector<std::pair<std::string, std::string>> by_source;  // source, "key value, ..."
  };
  std::vector<Group> groups;
  for (const auto& r : u) {
    auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& x) {
      return x.table == r.table && x.name == r.name && x.unit == r.unit;
    });
    if (g == groups.end()) g = groups.insert(groups.end(), Group{r.table, r.name, r.unit, {}});
    char value[32];
    std::snprintf(value, sizeof value, "%g", r.value);
    auto line = std::find_if(g->by_source.begin(), g->by_source.end(),
                             [&](const auto& x) { return x.first == r.source; });
    if (line == g->by_source.end()) {
      g->by_source.emplace_back(r.source, r.key + " " + value);
    } else {
      line->second += ", " + r.key + " " + value;
    }
  }
  std::printf(
      "unconfirmed parameters used (status U; replace them when a primary source is read): %zu "
      "values of %zu parameters\n",
      u.size(), groups.size());
  std::string table;
  for (const auto& g : groups) {
    if (g.table != table) {
      table = g.table;
      std::printf("  %s\n", table.c_str());
    }
    std::printf("    %s [%s]\n", g.name.c_str(), g.unit.c_str());
    for (const auto& [source, values] : g.by_source)
      std::printf("      %s  (source: %s)\n", values.c_str(), source.c_str());
  }
}

void print_past_data(const growth::PastData& p) {
  std::printf(
      "growth past the data of the curves (%s; end age = initial age + %d years, as if "
      "not felled):\n",
      p.growth_model.c_str(), p.years);
  if (p.parcels == 0) {
    std::printf("  no parcel goes past its curve's data\n");
  } else {
    std::printf(
        "  %lld parcels (%.2f ha) end past their curve's data, %lld of them (%.2f ha) "
        "already at the start; at most %g years past\n",
        static_cast<long long>(p.parcels), p.hectares, static_cast<long long>(p.parcels_at_start),
        p.hectares_at_start, p.max_years);
    std::printf("  %-22s", "years past at the end");
    for (std::size_t b = 0; b < growth::kPastDataBins; ++b)
      std::printf(" %10s", std::string(growth::past_data_bin_label(b)).c_str());
    std::printf("\n  %-22s", "parcels");
    for (std::size_t b = 0; b < growth::kPastDataBins; ++b)
      std::printf(" %10lld", static_cast<long long>(p.bin_parcels[b]));
    std::printf("\n  %-22s", "hectares");
    for (std::size_t b = 0; b < growth::kPastDataBins; ++b)
      std::printf(" %10.2f", p.bin_hectares[b]);
    std::printf("\n  %lld parcel-years of growth read past the data\n",
                static_cast<long long>(p.years_grown));
  }
  std::printf("  rule: %s\n", p.rule.c_str());
  for (const auto& c : p.curves) {
    if (!c.fallback || c.parcels == 0) continue;
    std::printf("  fallback for %s site class %d (%lld parcels): %s\n", c.species.c_str(),
                c.site_class, static_cast<long long>(c.parcels), c.continuation.c_str());
  }
  std::printf("\n");
}

void print_summary(const io::ResultsSummary& s, bool with_handling, const SummaryStyle& style) {
  std::printf("%s\n", s.path.c_str());
  std::printf("  format %d.%d, shinrin %s (%s), %s%s\n", s.format_version[0], s.format_version[1],
              s.engine_version.c_str(), s.git_sha.substr(0, 12).c_str(), s.date_and_time.c_str(),
              s.complete ? "" : "  ** INCOMPLETE FILE **");
  std::printf("  scenario sha256 %s\n", s.scenario_sha256.c_str());
  if (!s.complete) return;
  std::printf("  %zu simulated parcels, %.2f ha, fiscal years %d-%d\n", s.parcels, s.total_area_ha,
              s.start_year, s.start_year + s.years - 1);
  if (with_handling) {
    print_handling(s.handling_class, s.handling_records, s.handling_hectares);
    if (s.implausible_age_records > 0) {
      std::printf("  warning: %lld simulated records have a register age above %d years\n",
                  static_cast<long long>(s.implausible_age_records), s.implausible_age_above_years);
    }
    if (s.unusable_area_records > 0) {
      std::printf("  warning: %lld records not simulated have an unusable area, counted as 0 ha\n",
                  static_cast<long long>(s.unusable_area_records));
    }
  }
  auto total = [&](sim::AggVar v, std::size_t t) {
    return s.totals[static_cast<std::size_t>(v)][t];
  };
  using sim::AggVar;
  if (!s.carbon_pools_off.empty())
    std::printf("  carbon pools not simulated: %s\n", s.carbon_pools_off.c_str());
  if (!s.initial_stocks.empty() && s.initial_stocks != "none" && !s.year.empty() &&
      s.total_area_ha > 0.0) {
    const double ha = s.total_area_ha;
    std::printf(
        "  dead organic matter at the start (%s): dead wood %.2f, litter %.2f, soil %.2f t C "
        "ha-1\n",
        s.initial_stocks.c_str(), total(AggVar::carbon_dead_wood, 0) / ha,
        total(AggVar::carbon_litter, 0) / ha, total(AggVar::carbon_soil, 0) / ha);
  }
  std::printf("\n  %-6s %12s %12s %12s %10s %12s %12s %9s %9s %11s\n", "fiscal", "stem volume",
              "biomass C", "dead org. C", "HWP C", "CO2 removal", "CO2 emission", "thinned",
              "felled", "harvested");
  std::printf("  %-6s %12s %12s %12s %10s %12s %12s %9s %9s %11s\n", "year", "m3", "t", "t", "t",
              "t/year", "t/year", "ha/year", "ha/year", "m3/year");
  const std::size_t n = s.year.size();
  const std::size_t step = static_cast<std::size_t>(std::max(style.every, 1));
  double removal = 0.0, emission = 0.0;
  for (std::size_t t = 0; t < n; ++t) {
    if (t > 0) {
      removal += total(AggVar::co2_removal, t);
      emission += total(AggVar::co2_emission, t);
    }
    if (t % step != 0 && t + 1 != n) continue;
    const double biomass = total(AggVar::carbon_ag, t) + total(AggVar::carbon_bg, t);
    const double dom = total(AggVar::carbon_dead_wood, t) + total(AggVar::carbon_litter, t) +
                       total(AggVar::carbon_soil, t);
    const double hwp = total(AggVar::carbon_hwp_sawnwood, t) + total(AggVar::carbon_hwp_panels, t) +
                       total(AggVar::carbon_hwp_paper, t);
    std::printf("  %-6d %12.1f %12.1f %12.1f %10.1f", s.year[t], total(AggVar::stem_volume, t),
                biomass, dom, hwp);
    if (t == 0) {
      std::printf(" %12s\n", "(initial)");
      continue;
    }
    const double harvested = total(AggVar::sawlog_volume, t) +
                             total(AggVar::other_industrial_volume, t) +
                             total(AggVar::fuelwood_volume, t);
    std::printf(" %12.1f %12.1f %9.2f %9.2f %11.1f\n", total(AggVar::co2_removal, t),
                total(AggVar::co2_emission, t), total(AggVar::thinned_area, t),
                total(AggVar::felled_area, t), harvested);
  }
  std::printf("  %-6s %12s %12s %12s %10s %12.1f %12.1f\n", "sum", "", "", "", "", removal,
              emission);
  std::printf(
      "  dead org. C = dead wood + litter + soil; HWP C = sawnwood + panels + paper in use;\n"
      "  harvested = sawlogs + other industrial wood + fuelwood (stem volume)\n");
  if (step > 1) {
    std::printf(
        "  one fiscal year in %zu shown (--every %zu), and the last; the sum covers every year\n",
        step, step);
  }
  std::printf("\n");
  if (s.has_past_data) print_past_data(s.past_data);
  print_plan(s);
  print_boilers(s);
  print_credits(s);
  if (style.parameters) print_unconfirmed(s.parameters);
}

void print_boilers(const io::ResultsSummary& s) {
  if (s.boilers.empty()) return;
  std::printf(
      "wood boilers: wood burnt, heat, fossil CO2 avoided per fiscal year (heat on the %s basis)\n",
      s.boilers.front().energy_basis.c_str());
  for (const auto& b : s.boilers) {
    std::printf("\n  %s (%s; sources %s)\n  replaces %s\n  backup   %s\n", b.name.c_str(),
                b.form.c_str(), b.sources.c_str(), b.baseline_fuel.c_str(), b.backup_fuel.c_str());
    std::printf("  %-6s %10s %10s %10s %10s %10s %11s %10s %10s %10s %10s\n", "fiscal", "supplied",
                "burnt", "demand", "wood heat", "shortfall", "displaced", "EM_BL", "EM_PJ",
                "reduction", "stock");
    std::printf("  %-6s %10s %10s %10s %10s %10s %11s %10s %10s %10s %10s\n", "year", "t dry",
                "t dry", "GJ", "GJ", "GJ", b.baseline_unit.c_str(), "t CO2", "t CO2", "t CO2",
                "t dry");
    double reduction = 0.0, shortfall = 0.0;
    for (std::size_t t = 1; t < s.year.size(); ++t) {
      if (b.heat_demand[t] == 0.0 && b.supplied_dry_mass[t] == 0.0 && b.stock[t] == 0.0)
        continue;  // not in service
      std::printf("  %-6d %10.1f %10.1f %10.1f %10.1f %10.1f %11.2f %10.2f %10.2f %10.2f %10.1f\n",
                  s.year[t], b.supplied_dry_mass[t], b.burnt_dry_mass[t], b.heat_demand[t],
                  b.useful_heat[t], b.shortfall[t], b.fossil_displaced[t], b.baseline_emission[t],
                  b.project_emission[t], b.reduction[t], b.stock[t]);
      reduction += b.reduction[t];
      shortfall += b.shortfall[t];
    }
    std::printf("  %-6s %10s %10s %10s %10s %10.1f %11s %10s %10s %10.2f\n", "sum", "", "", "", "",
                shortfall, "", "", "", reduction);
    if (!b.profile.empty()) {  // when the backup boiler runs
      static const char* kMonths[12] = {"Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                        "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"};
      std::printf("  demand profile (share a month, Apr-Mar):");
      for (double share : b.profile) std::printf(" %.3f", share);
      std::printf("\n");
      for (std::size_t t = 1; t < s.year.size(); ++t) {
        if (!(b.shortfall[t] > 0.05)) continue;
        std::printf("  %-6d shortfall by month, GJ:", s.year[t]);
        for (std::size_t m = 0; m < 12; ++m) {
          if (b.shortfall_month[t][m] > 0.05)
            std::printf(" %s %.1f", kMonths[m], b.shortfall_month[t][m]);
        }
        std::printf("\n");
      }
    }
  }
  std::printf(
      "  reduction = EM_BL - EM_PJ (fossil CO2 avoided); the wood's own carbon is in the forest's "
      "accounts\n\n");
}

void print_plan(const io::ResultsSummary& s) {
  if (s.plan.empty()) return;
  std::printf("harvest plan: target and what was achieved per planning unit and fiscal year\n");
  for (const auto& p : s.plan) {
    std::printf("\n  %s, %s: %s by %s [%s/year], %s, priority %s, last parcel: %s\n",
                p.target.c_str(), p.unit.c_str(), p.operation.c_str(), p.basis.c_str(),
                p.units.c_str(), p.rule.c_str(), p.priority.c_str(), p.last_parcel.c_str());
    std::printf("  source: %s\n", p.source.c_str());
    std::printf("  %-6s %12s %12s %12s %12s %12s %12s %12s\n", "fiscal", "target", "achieved",
                "shortfall", "overshoot", "eligible", "eligible", "backlog");
    std::printf("  %-6s %12s %12s %12s %12s %12s %12s %12s\n", "year", p.units.c_str(),
                p.units.c_str(), p.units.c_str(), p.units.c_str(), "ha", "m3", "ha");
    double target = 0, achieved = 0, shortfall = 0, overshoot = 0;
    for (std::size_t t = 1; t < s.year.size(); ++t) {
      std::printf("  %-6d %12.2f %12.2f %12.2f %12.2f %12.2f %12.1f %12.2f\n", s.year[t],
                  p.target_amount[t], p.achieved[t], p.shortfall[t], p.overshoot[t],
                  p.eligible_area[t], p.eligible_volume[t], p.backlog_area[t]);
      target += p.target_amount[t];
      achieved += p.achieved[t];
      shortfall += p.shortfall[t];
      overshoot += p.overshoot[t];
    }
    std::printf("  %-6s %12.2f %12.2f %12.2f %12.2f\n", "sum", target, achieved, shortfall,
                overshoot);
  }
  std::printf("\n");
}

std::string summary_json(const io::ResultsSummary& s) {
  std::string j = "{\n";
  j += "  \"path\": " + json_string(s.path) + ",\n";
  j += "  \"format_version\": [" + std::to_string(s.format_version[0]) + ", " +
       std::to_string(s.format_version[1]) + "],\n";
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
  j += "  \"carbon_pools_off\": " + json_string(s.carbon_pools_off) + ",\n";
  j += "  \"initial_stocks\": " + json_string(s.initial_stocks) + ",\n";
  if (!s.year.empty() && s.total_area_ha > 0.0) {
    auto per_ha = [&](sim::AggVar v) {
      return json_number(s.totals[static_cast<std::size_t>(v)][0] / s.total_area_ha);
    };
    j += "  \"initial_dead_organic_matter_t_c_per_ha\": {\"dead_wood\": " +
         per_ha(sim::AggVar::carbon_dead_wood) +
         ", \"litter\": " + per_ha(sim::AggVar::carbon_litter) +
         ", \"soil\": " + per_ha(sim::AggVar::carbon_soil) + "},\n";
  }
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
    j += std::string(k ? ", " : "") + json_string(std::string(info.name)) + ": " +
         json_string(std::string(info.units));
  }
  j += "},\n";
  j += "  \"handling\": {";
  for (std::size_t i = 0; i < s.handling_class.size(); ++i) {
    j += std::string(i ? "," : "") + "\n    " + json_string(s.handling_class[i]) +
         ": {\"records\": " + std::to_string(s.handling_records[i]) +
         ", \"hectares\": " + json_number(s.handling_hectares[i]) + "}";
  }
  j += "\n  },\n";
  j += "  \"record_warnings\": {\"implausible_age_records\": " +
       std::to_string(s.implausible_age_records) +
       ", \"implausible_age_above_years\": " + std::to_string(s.implausible_age_above_years) +
       ", \"unusable_area_records\": " + std::to_string(s.unusable_area_records) + "},\n";
  if (s.has_past_data) {
    const growth::PastData& p = s.past_data;
    j += "  \"growth_past_data\": {\"growth_model\": " + json_string(p.growth_model) +
         ", \"rule\": " + json_string(p.rule) + ", \"years\": " + std::to_string(p.years) +
         ", \"parcels\": " + std::to_string(p.parcels) +
         ", \"hectares\": " + json_number(p.hectares) +
         ", \"parcels_at_start\": " + std::to_string(p.parcels_at_start) +
         ", \"hectares_at_start\": " + json_number(p.hectares_at_start) +
         ", \"max_years\": " + json_number(p.max_years) +
         ", \"years_grown\": " + std::to_string(p.years_grown) + ",\n    \"classes\": [";
    for (std::size_t b = 0; b < growth::kPastDataBins; ++b) {
      j += std::string(b ? ", " : "") +
           "{\"years_past\": " + json_string(std::string(growth::past_data_bin_label(b))) +
           ", \"parcels\": " + std::to_string(p.bin_parcels[b]) +
           ", \"hectares\": " + json_number(p.bin_hectares[b]) + "}";
    }
    j += "],\n    \"curves\": [";
    for (std::size_t c = 0; c < p.curves.size(); ++c) {
      const auto& cp = p.curves[c];
      j += std::string(c ? "," : "") + "\n      {\"species\": " + json_string(cp.species) +
           ", \"site_class\": " + std::to_string(cp.site_class) +
           ", \"last_age\": " + json_number(cp.last_age) +
           ", \"continuation\": " + json_string(cp.continuation) +
           ", \"fallback\": " + (cp.fallback ? "true" : "false") +
           ", \"parcels\": " + std::to_string(cp.parcels) +
           ", \"hectares\": " + json_number(cp.hectares) +
           ", \"max_years\": " + json_number(cp.max_years) +
           ", \"years_grown\": " + std::to_string(cp.years_grown) + "}";
    }
    j += "]},\n";
  }
  j += "  \"planning\": [";
  auto array = [](const std::vector<double>& v) {
    std::string a = "[";
    for (std::size_t t = 1; t < v.size(); ++t)
      a += std::string(t > 1 ? ", " : "") + json_number(v[t]);
    return a + "]";
  };
  std::string fiscal_years = "[";  // the simulated years (time index 1 on)
  for (std::size_t t = 1; t < s.year.size(); ++t)
    fiscal_years += std::string(t > 1 ? ", " : "") + std::to_string(s.year[t]);
  fiscal_years += "]";
  for (std::size_t i = 0; i < s.plan.size(); ++i) {
    const auto& p = s.plan[i];
    j += std::string(i ? "," : "") + "\n    {\"target\": " + json_string(p.target) +
         ", \"unit\": " + json_string(p.unit) + ", \"operation\": " + json_string(p.operation) +
         ", \"basis\": " + json_string(p.basis) +
         ", \"units\": " + json_string(p.units + " year-1") + ", \"rule\": " + json_string(p.rule) +
         ", \"priority\": " + json_string(p.priority) +
         ", \"last_parcel\": " + json_string(p.last_parcel) +
         ", \"source\": " + json_string(p.source) + ",\n     \"fiscal_years\": " + fiscal_years;
    j += ",\n     \"target_amount\": " + array(p.target_amount) +
         ",\n     \"achieved\": " + array(p.achieved) +
         ",\n     \"shortfall\": " + array(p.shortfall) +
         ",\n     \"overshoot\": " + array(p.overshoot) +
         ",\n     \"treated_area_ha\": " + array(p.treated_area) +
         ",\n     \"treated_volume_m3\": " + array(p.treated_volume) +
         ",\n     \"treated_parcels\": " + array(p.treated_parcels) +
         ",\n     \"eligible_area_ha\": " + array(p.eligible_area) +
         ",\n     \"eligible_volume_m3\": " + array(p.eligible_volume) +
         ",\n     \"eligible_parcels\": " + array(p.eligible_parcels) +
         ",\n     \"backlog_area_ha\": " + array(p.backlog_area) +
         ",\n     \"backlog_volume_m3\": " + array(p.backlog_volume) + "}";
  }
  j += "\n  ],\n";
  j += "  \"fuel\": [";
  for (std::size_t i = 0; i < s.boilers.size(); ++i) {
    const auto& b = s.boilers[i];
    j += std::string(i ? "," : "") + "\n    {\"name\": " + json_string(b.name) +
         ", \"form\": " + json_string(b.form) +
         ", \"energy_basis\": " + json_string(b.energy_basis) +
         ", \"baseline_fuel\": " + json_string(b.baseline_fuel) +
         ", \"backup_fuel\": " + json_string(b.backup_fuel) +
         ",\n     \"fiscal_years\": " + fiscal_years;
    j += ",\n     \"wood_dry_t\": " + array(b.burnt_dry_mass) +
         ",\n     \"wood_supplied_dry_t\": " + array(b.supplied_dry_mass) +
         ",\n     \"wood_energy_gj\": " + array(b.wood_energy) +
         ",\n     \"useful_heat_gj\": " + array(b.useful_heat) +
         ",\n     \"heat_demand_gj\": " + array(b.heat_demand) +
         ",\n     \"baseline_emission_t_co2\": " + array(b.baseline_emission) +
         ",\n     \"project_emission_t_co2\": " + array(b.project_emission) +
         ",\n     \"reduction_t_co2\": " + array(b.reduction) +
         ",\n     \"shortfall_gj\": " + array(b.shortfall) +
         ",\n     \"stock_dry_t\": " + array(b.stock);
    if (!b.profile.empty()) {
      j += ",\n     \"profile\": [";
      for (std::size_t m = 0; m < 12; ++m)
        j += std::string(m ? ", " : "") + json_number(b.profile[m]);
      j += "],\n     \"shortfall_monthly_gj\": [";
      for (std::size_t t = 1; t < s.year.size(); ++t) {
        j += std::string(t > 1 ? ", " : "") + "[";
        for (std::size_t m = 0; m < 12; ++m)
          j += std::string(m ? ", " : "") + json_number(b.shortfall_month[t][m]);
        j += "]";
      }
      j += "]";
    }
    j += "}";
  }
  j += "\n  ],\n";
  j += "  \"crediting\": " + credits_json(s) + ",\n";
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
