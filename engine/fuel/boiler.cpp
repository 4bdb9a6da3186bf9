#include "shinrin/fuel/boiler.hpp"

#include <algorithm>
#include <cmath>

namespace shinrin::fuel {

std::string_view fuel_form_name(FuelForm f) {
  return f == FuelForm::firewood ? "firewood" : "chips";
}

std::string_view source_name(Source s) {
  switch (s) {
    case Source::residues:
      return "residues";
    case Source::fuelwood:
      return "fuelwood";
    case Source::extra_operations:
      return "extra_operations";
  }
  return "unknown";
}

bool Boiler::takes(Source s) const {
  return std::find(sources.begin(), sources.end(), s) != sources.end();
}

HeatingValue Boiler::heating_value() const {
  return wood_heating_value(formula, moisture, constants);
}

double Boiler::heat_per_dry_tonne() const {
  return heating_value().mj_per_kg * 100.0 / (100.0 - moisture) * project_efficiency.value;
}

double Boiler::wood_need(int year) const {
  if (!burns(year)) return 0.0;
  return std::min(heat_demand / heat_per_dry_tonne(), max_intake);
}

double Stock::total() const {
  double sum = 0.0;
  for (const Cohort& c : cohorts) sum += c.dry;
  return sum;
}

void Stock::add(int year, double dry) {
  if (!(dry > 0.0)) return;
  if (!cohorts.empty() && cohorts.back().cut == year) {
    cohorts.back().dry += dry;
  } else {
    cohorts.push_back({year, dry});
  }
}

double Stock::take(int latest, double dry) {
  double taken = 0.0;
  for (Cohort& c : cohorts) {
    if (c.cut > latest || taken >= dry) break;
    const double t = std::min(c.dry, dry - taken);
    c.dry -= t;
    taken += t;
  }
  cohorts.erase(
      std::remove_if(cohorts.begin(), cohorts.end(), [](const Cohort& c) { return c.dry <= 0.0; }),
      cohorts.end());
  return taken;
}

double Stock::lose(double share) {
  double lost = 0.0;
  for (Cohort& c : cohorts) {
    const double l = c.dry * share;
    c.dry -= l;
    lost += l;
  }
  return lost;
}

BoilerYear burn_year(const Boiler& b, int year, const Supply& supply, Stock& stock) {
  BoilerYear r;
  if (b.collects(year)) {
    // The shed fills in the order of the boiler's sources; what does not fit is declined.
    double room = std::max(0.0, b.max_stock - stock.total());
    const double offered = supply.total();
    r.supplied = Supply{};
    for (Source s : b.sources) {
      const std::size_t k = std::size_t(s);
      r.supplied.dry[k] = std::min(supply.dry[k], room);
      room -= r.supplied.dry[k];
    }
    // Volume of the wood taken: in proportion to its dry mass (sources are not kept apart by
    // species, so their density is the mix's).
    r.supplied.volume = offered > 0.0 ? supply.volume * (r.supplied.total() / offered) : 0.0;
    r.declined = offered - r.supplied.total();
    r.supplied_wet = wet_mass_from_dry(r.supplied.total(), b.moisture);
    stock.add(year, r.supplied.total());
  }
  if (b.burns(year)) {
    const HeatingValue q = b.heating_value();
    const double heat_per_dry = b.heat_per_dry_tonne();
    r.heat_demand = b.heat_demand;
    r.heating_value = q.mj_per_kg;
    r.burnt_dry = stock.take(year - b.drying_years, b.wood_need(year));
    r.burnt_wet = wet_mass_from_dry(r.burnt_dry, b.moisture);
    r.wood_energy = r.burnt_wet * q.mj_per_kg;
    r.useful_heat = r.burnt_dry * heat_per_dry;
    r.shortfall = std::max(0.0, b.heat_demand - r.useful_heat);
    // Backup and baseline boilers burn fossil fuel at the baseline efficiency.
    const FuelEnergy backup_energy = baseline_fuel_energy(r.shortfall, b.baseline_efficiency);
    r.backup_fuel = baseline_fuel_quantity(backup_energy, b.backup);
    r.fossil_displaced = baseline_fuel_quantity(
        baseline_fuel_energy(r.useful_heat, b.baseline_efficiency), b.baseline);
    r.baseline_emission =
        baseline_emission(baseline_fuel_energy(b.heat_demand, b.baseline_efficiency), b.baseline);
    const FuelUse backup[1] = {{r.backup_fuel, b.backup}};
    r.project =
        project_emission({backup, b.auxiliary, b.electricity, b.transport, b.transport_factor});
    r.reduction = emission_reduction(r.baseline_emission, r.project.total());
    if (b.profile) {  // the year's heat from wood, month by month until it is used up
      double left = r.useful_heat;
      for (std::size_t m = 0; m < 12; ++m) {
        r.heat_demand_month[m] = (*b.profile)[m] * b.heat_demand;
        r.useful_heat_month[m] = std::min(r.heat_demand_month[m], left);
        left -= r.useful_heat_month[m];
        r.shortfall_month[m] = r.heat_demand_month[m] - r.useful_heat_month[m];
      }
    }
  }
  r.stock_lost = stock.lose(b.stock_loss);
  r.stock = stock.total();
  return r;
}

double cut_need(const Boiler& b, int year, const Stock& stock, double planned) {
  const int burn = year + b.drying_years;
  if (!b.burns(burn)) return 0.0;
  Stock s = stock;
  s.add(year, std::min(planned, std::max(0.0, b.max_stock - s.total())));
  for (int y = year; y < burn; ++y) {  // years burning before this year's cut is seasoned
    s.take(y - b.drying_years, b.wood_need(y));
    s.lose(b.stock_loss);
  }
  const double lacking = b.wood_need(burn) - std::min(b.wood_need(burn), [&] {
                           double seasoned = 0.0;
                           for (const auto& c : s.cohorts) {
                             if (c.cut <= burn - b.drying_years) seasoned += c.dry;
                           }
                           return seasoned;
                         }());
  // A tonne cut now loses stock_loss at the end of each year before it burns.
  return lacking / std::pow(1.0 - b.stock_loss, b.drying_years);
}

}  // namespace shinrin::fuel
