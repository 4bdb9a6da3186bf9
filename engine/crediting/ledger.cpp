#include "shinrin/crediting/ledger.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace shinrin::crediting {

void ProjectLedger::reset(std::size_t rows, std::size_t period_count) {
  periods = period_count;
  history.assign(rows, 0);
  entries.assign(rows * period_count, Entry{});
  species0.assign(rows * period_count, 0);
  age_class0.assign(rows * period_count, 0);
}

void issue(const Project& p, Chain& c) {
  c.credited = c.net - c.baseline_net;
  const double positive = std::max(0.0, c.credited);
  c.buffer = positive * p.buffer_share;
  c.uncertainty = positive * p.uncertainty_share;
  c.before_rounding = c.credited - c.buffer - c.uncertainty;
  c.issued = c.before_rounding > 0.0
                 ? std::floor(c.before_rounding / p.rounding_step) * p.rounding_step
                 : 0.0;
}

Credits summarize_forest(const Project& p, const ProjectLedger& project,
                         const ProjectLedger* baseline, const Landscape& landscape) {
  Credits out;
  out.project = p.name;
  out.rules = p.rules;
  out.has_baseline = baseline != nullptr;
  const std::size_t np = p.periods.size(), rows = p.rows.size();
  out.chains.resize(np);
  out.parcel_credited.assign(rows * np, 0.0);
  out.not_creditable_area.assign(np, {});
  out.not_creditable_co2.assign(np, {});
  std::vector<std::map<std::pair<std::uint16_t, std::uint8_t>, Stratum>> strata(np);
  for (std::size_t k = 0; k < np; ++k) {
    out.chains[k].first_year = p.periods[k].first_year;
    out.chains[k].last_year = p.periods[k].last_year;
  }
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t k = 0; k < np; ++k) {
      const std::size_t at = r * np + k;
      const Entry& e = project.entries[at];
      const double base = baseline ? baseline->entries[at].net() : 0.0;
      Chain& c = out.chains[k];
      c.sum.area += e.area;
      Entry rest = e;
      rest.area = 0.0;
      c.sum.add(rest);
      c.parcels += e.area > 0.0 ? 1.0 : 0.0;
      c.net += e.net();
      c.baseline_net += base;
      out.parcel_credited[at] = e.net() - base;
      for (std::size_t q = 0; q < kReasonCount; ++q) {
        if (e.not_creditable[q] != 0.0) {
          out.not_creditable_area[k][q] += landscape.area_ha[p.rows[r]];
          out.not_creditable_co2[k][q] += e.not_creditable[q];
        }
      }
      Stratum& s = strata[k][{project.species0[at], project.age_class0[at]}];
      s.period = k;
      s.species = project.species0[at];
      s.age_class = project.age_class0[at];
      s.parcels += e.area > 0.0 ? 1.0 : 0.0;
      s.sum.area += e.area;
      s.sum.add(rest);
      s.net += e.net();
      s.baseline_net += base;
    }
  }
  for (std::size_t k = 0; k < np; ++k) {
    issue(p, out.chains[k]);
    for (auto& [key, s] : strata[k]) {
      if (s.parcels > 0.0 || s.net != 0.0) out.strata.push_back(s);
    }
  }
  return out;
}

Credits summarize_boilers(const Project& p, const std::vector<std::vector<fuel::BoilerYear>>& years,
                          int start_year) {
  Credits out;
  out.project = p.name;
  out.rules = p.rules;
  const std::size_t np = p.periods.size();
  out.chains.resize(np);
  out.not_creditable_area.assign(np, {});
  out.not_creditable_co2.assign(np, {});
  for (std::size_t k = 0; k < np; ++k) {
    Chain& c = out.chains[k];
    c.first_year = p.periods[k].first_year;
    c.last_year = p.periods[k].last_year;
    for (std::uint16_t b : p.boilers) {
      for (int y = c.first_year; y <= c.last_year; ++y) {
        const std::size_t t = std::size_t(y - start_year + 1);
        if (t < 1 || t >= years[b].size()) continue;
        const fuel::BoilerYear& r = years[b][t];
        c.net += r.reduction;
        c.baseline_emission += r.baseline_emission;
        c.project_emission += r.project.total();
        c.wood_dry_t += r.burnt_dry;
        c.useful_heat_gj += r.useful_heat;
      }
    }
    issue(p, c);
  }
  return out;
}

}  // namespace shinrin::crediting
