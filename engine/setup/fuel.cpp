#include "shinrin/setup/fuel.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "shinrin/core/error.hpp"

namespace shinrin::setup {
namespace {

// A fuel factor of the table on the efficiencies' basis; errors at the scenario place.
fuel::FossilFactor factor_on(const io::FossilFactorTable& table, const io::Located& name,
                             const std::string& vintage, fuel::EnergyBasis basis,
                             std::vector<ParameterRecord>& records) {
  try {
    const fuel::FossilFactor& f = table.get(name.value, vintage);
    for (const auto& r : table.provenance(name.value, vintage)) records.push_back(r);
    return f.basis == basis ? f : fuel::to_basis(f, basis);
  } catch (const InputError& e) {
    throw InputError(name.origin + ": " + e.what());
  }
}

fuel::FossilFactor electricity_factor(const io::FossilFactorTable& table,
                                      const io::Located& vintage,
                                      std::vector<ParameterRecord>& records) {
  try {
    const fuel::FossilFactor& f = table.get("grid_electricity", vintage.value);
    for (const auto& r : table.provenance("grid_electricity", vintage.value)) records.push_back(r);
    return f;
  } catch (const InputError& e) {
    throw InputError(vintage.origin + ": " + e.what());
  }
}

}  // namespace

BoundFuel bind_fuel(const io::Scenario& s, const Landscape& p, const io::FossilFactorTable& factors,
                    const io::WoodFuelTable& wood) {
  const io::FuelSection& sec = *s.fuel;
  BoundFuel out;
  auto& records = out.records;
  const fuel::WoodFuelConstants constants = wood.constants();
  for (auto& r : wood.constants_provenance()) records.push_back(r);

  std::unordered_multimap<std::string_view, std::uint32_t> rows_of_key;
  for (std::size_t i = 0; i < p.size(); ++i)
    rows_of_key.emplace(p.key[i], static_cast<std::uint32_t>(i));

  std::vector<fuel::Catchment> catchments;
  for (const io::BoilerSpec& spec : sec.boilers) {
    fuel::Boiler b;
    b.name = spec.name;
    b.form = spec.form == "firewood" ? fuel::FuelForm::firewood : fuel::FuelForm::chips;
    for (const auto& src : spec.sources) {
      b.sources.push_back(src == "residues"   ? fuel::Source::residues
                          : src == "fuelwood" ? fuel::Source::fuelwood
                                              : fuel::Source::extra_operations);
    }
    if (!spec.profile.empty()) {
      std::array<double, 12> shares{};
      std::copy(spec.profile.begin(), spec.profile.end(), shares.begin());
      b.profile = shares;
    }
    b.first_year = spec.first_year;
    b.last_year = spec.last_year;
    if (spec.max_intake) b.max_intake = *spec.max_intake;
    b.moisture = spec.moisture;
    b.formula = [&] {
      try {
        return fuel::heating_value_formula(spec.heating_value.value);
      } catch (const InputError& e) {
        throw InputError(spec.heating_value.origin + ": " + e.what());
      }
    }();
    b.constants = constants;
    const fuel::EnergyBasis basis =
        spec.efficiency_basis == "HHV" ? fuel::EnergyBasis::hhv : fuel::EnergyBasis::lhv;
    const fuel::HeatingValueFormulaInfo& formula = fuel::formula_info(b.formula);
    if (formula.basis != basis) {
      throw InputError(spec.efficiency_origin + ": the efficiencies are on the " +
                       std::string(fuel::basis_name(basis)) + " basis, but heating_value '" +
                       std::string(formula.name) + "' gives " +
                       std::string(fuel::basis_name(formula.basis)) +
                       " values: use one basis throughout (DOMAIN.md 2.2)");
    }
    b.project_efficiency = {spec.project_efficiency, basis};
    b.baseline_efficiency = {spec.baseline_efficiency, basis};
    b.baseline = factor_on(factors, spec.baseline_fuel, sec.vintage.value, basis, records);
    b.backup = factor_on(factors, spec.backup_fuel, sec.vintage.value, basis, records);
    for (const auto& u : spec.auxiliary) {
      b.auxiliary.push_back(
          {u.quantity, factor_on(factors, u.fuel, sec.vintage.value, basis, records)});
    }
    if (spec.electricity_kwh)
      b.electricity.push_back(
          {*spec.electricity_kwh, electricity_factor(factors, sec.electricity_vintage, records)});
    b.transport = spec.transport_tkm;
    b.transport_factor = spec.transport_factor;
    b.drying_years = spec.drying_years;
    b.stock_loss = spec.stock_loss;
    if (spec.max_stock) b.max_stock = *spec.max_stock;
    b.initial_stock = spec.initial_stock;
    if (spec.heat_demand) {
      b.heat_demand = *spec.heat_demand;
    } else {
      // The heat the replaced fuel gave in the old boiler: quantity x HV x eps_BL.
      const fuel::FossilFactor f =
          factor_on(factors, spec.replaces->fuel, sec.vintage.value, basis, records);
      b.heat_demand = spec.replaces->quantity * f.heating_value * spec.baseline_efficiency;
    }
    if (spec.location) {
      b.located = true;
      b.x = spec.location->first;
      b.y = spec.location->second;
    }
    try {
      (void)b.heat_per_dry_tonne();
    } catch (const InputError& e) {
      throw InputError(spec.origin + ": " + e.what());
    }

    fuel::Catchment c;
    if (spec.catchment_kind == "municipality") {
      c.kind = fuel::Catchment::Kind::municipality;
      const auto& names = p.municipality_names;
      const auto it = std::find(names.begin(), names.end(), spec.catchment_municipality);
      const bool found =
          it != names.end() && std::find(p.municipality.begin(), p.municipality.end(),
                                         std::uint16_t(it - names.begin())) != p.municipality.end();
      if (!found) {
        std::string known;
        for (const auto& m : names) known += (known.empty() ? "" : ", ") + m;
        throw InputError(spec.catchment_origin + ": no simulated parcel in municipality '" +
                         spec.catchment_municipality + "' (municipalities: " + known + ")");
      }
      c.municipality = static_cast<std::uint16_t>(it - names.begin());
    } else if (spec.catchment_kind == "radius") {
      c.kind = fuel::Catchment::Kind::radius;
      c.radius = spec.catchment_radius_km * 1000.0;
    } else {
      c.kind = fuel::Catchment::Kind::parcels;
      std::string unknown;
      for (const auto& key : spec.catchment_parcels) {
        const auto [first, last] = rows_of_key.equal_range(key);
        if (first == last) unknown += (unknown.empty() ? "'" : ", '") + key + "'";
        for (auto it = first; it != last; ++it) c.rows.push_back(it->second);  // both storeys
      }
      if (!unknown.empty())
        throw InputError(spec.catchment_origin + ": not simulated parcels: " + unknown);
      std::sort(c.rows.begin(), c.rows.end());
      c.rows.erase(std::unique(c.rows.begin(), c.rows.end()), c.rows.end());
    }
    catchments.push_back(std::move(c));
    out.model.boilers.push_back(std::move(b));
  }

  fuel::assign_homes(out.model, catchments, p);
  return out;
}

}  // namespace shinrin::setup
