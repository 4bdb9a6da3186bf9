#include "shinrin/fuel/fossil.hpp"

#include <charconv>
#include <cmath>

#include "shinrin/core/error.hpp"
#include "shinrin/core/units.hpp"

namespace shinrin::fuel {
namespace {

//! `v` with six significant digits, for messages.
std::string num(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
  return std::string(buf, r.ptr);
}

//! "kerosene (jver_2014)" for messages.
std::string label(const FossilFactor& f) {
  return f.fuel + " (" + f.vintage + ")";
}

void check_positive(double v, const std::string& what) {
  if (!(v > 0.0 && std::isfinite(v))) {
    throw InputError(what + " " + num(v) + " must be a finite number > 0");
  }
}

void check_amount(double v, const std::string& what) {
  if (!(v >= 0.0 && std::isfinite(v))) {
    throw InputError(what + " " + num(v) + " must be a finite number >= 0");
  }
}

void check_same_basis(EnergyBasis energy, const FossilFactor& f, std::string_view what) {
  if (energy != f.basis) {
    throw InputError(std::string(what) + " is on the " + std::string(basis_name(energy)) +
                     " basis but the factor of " + label(f) + " is on the " +
                     std::string(basis_name(f.basis)) +
                     " basis; convert one of them first (to_basis, efficiency_to_basis)");
  }
}

double component(std::span<const FuelUse> uses, bool electric, std::string_view what) {
  double sum = 0.0;
  for (const FuelUse& use : uses) {
    const bool is_electric = use.factor.basis == EnergyBasis::electric;
    if (is_electric != electric) {
      throw InputError(std::string(what) + ": " + label(use.factor) + " is " +
                       (is_electric ? "electricity" : "not electricity"));
    }
    sum += fuel_emission(use.quantity, use.factor);
  }
  return sum;
}

}  // namespace

std::string_view factor_form_name(FactorForm f) {
  switch (f) {
    case FactorForm::carbon_factor:
      return "carbon_factor";
    case FactorForm::co2_per_gj:
      return "co2_per_gj";
    case FactorForm::co2_per_unit:
      return "co2_per_unit";
  }
  return "carbon_factor";
}

std::optional<FactorForm> parse_factor_form(std::string_view s) {
  for (FactorForm f :
       {FactorForm::carbon_factor, FactorForm::co2_per_gj, FactorForm::co2_per_unit}) {
    if (factor_form_name(f) == s) return f;
  }
  return std::nullopt;
}

FossilFactor make_fossil_factor(FossilFactor f) {
  check_positive(f.heating_value, "heating value of " + label(f) + " [GJ " + f.unit + "-1]");
  switch (f.stated) {
    case FactorForm::carbon_factor:
      check_positive(f.carbon_factor, "carbon factor of " + label(f) + " [t C GJ-1]");
      f.co2_per_gj = co2_per_gj_from_carbon(f.carbon_factor);
      f.co2_per_unit = co2_per_unit(f.heating_value, f.co2_per_gj);
      break;
    case FactorForm::co2_per_gj:
      check_positive(f.co2_per_gj, "CO2 per GJ of " + label(f) + " [t CO2 GJ-1]");
      f.carbon_factor = f.co2_per_gj / units::kCo2PerC;
      f.co2_per_unit = co2_per_unit(f.heating_value, f.co2_per_gj);
      break;
    case FactorForm::co2_per_unit:
      check_positive(f.co2_per_unit, "CO2 per unit of " + label(f) + " [t CO2 " + f.unit + "-1]");
      f.co2_per_gj = f.co2_per_unit / f.heating_value;
      f.carbon_factor = f.co2_per_gj / units::kCo2PerC;
      break;
  }
  if (f.hhv_to_lhv && !(*f.hhv_to_lhv > 0.0 && *f.hhv_to_lhv <= 1.0)) {
    throw InputError("HHV-to-LHV factor of " + label(f) + " " + num(*f.hhv_to_lhv) +
                     " must be in (0, 1]");
  }
  return f;
}

double co2_per_gj_from_carbon(double carbon_factor) {
  return carbon_factor * units::kCo2PerC;
}

double co2_per_unit(double heating_value, double co2_per_gj) {
  return heating_value * co2_per_gj;
}

double fuel_emission(double quantity, const FossilFactor& f) {
  check_amount(quantity, "quantity of " + label(f) + " [" + f.unit + "]");
  return quantity * f.co2_per_unit;
}

double implied_fuel_quantity(double co2, const FossilFactor& f) {
  check_amount(co2, "CO2 [t]");
  check_positive(f.co2_per_unit, "CO2 per unit of " + label(f));
  return co2 / f.co2_per_unit;
}

FossilFactor to_basis(const FossilFactor& f, EnergyBasis to) {
  if (f.basis == to) return f;
  if (!f.hhv_to_lhv) {
    throw InputError("the factor of " + label(f) +
                     " has no HHV-to-LHV factor, so it cannot be put on the " +
                     std::string(basis_name(to)) + " basis");
  }
  FossilFactor out = f;
  // Heating value scales like energy; the same kL emits the same CO2, so CO2/GJ and C scale back.
  const double scale = energy_to_basis(1.0, f.basis, to, *f.hhv_to_lhv);
  out.basis = to;
  out.heating_value = f.heating_value * scale;
  out.carbon_factor = f.carbon_factor / scale;
  out.co2_per_gj = f.co2_per_gj / scale;
  out.source = f.source + " [converted from " + std::string(basis_name(f.basis)) + " to " +
               std::string(basis_name(to)) + " with hhv_to_lhv " + num(*f.hhv_to_lhv) + "]";
  return out;
}

FuelEnergy baseline_fuel_energy(double useful_heat, Efficiency eps_bl) {
  check_amount(useful_heat, "useful heat [GJ]");
  check_efficiency(eps_bl, "baseline efficiency");
  return {useful_heat / eps_bl.value, eps_bl.basis};
}

double baseline_fuel_quantity(FuelEnergy q_bl, const FossilFactor& f) {
  check_amount(q_bl.gj, "baseline fuel energy [GJ]");
  check_same_basis(q_bl.basis, f, "the baseline fuel energy");
  return q_bl.gj / f.heating_value;
}

double baseline_emission(FuelEnergy q_bl, const FossilFactor& f) {
  check_amount(q_bl.gj, "baseline fuel energy [GJ]");
  check_same_basis(q_bl.basis, f, "the baseline fuel energy");
  return q_bl.gj * f.co2_per_gj;
}

ProjectEmission project_emission(const ProjectEmissionInputs& in) {
  check_amount(in.transport, "transport [t km]");
  check_amount(in.transport_factor, "transport factor [t CO2 (t km)-1]");
  ProjectEmission out;
  out.backup_fossil = component(in.backup_fossil, false, "backup fossil fuel");
  out.auxiliary_fossil = component(in.auxiliary_fossil, false, "auxiliary fossil fuel");
  out.electricity = component(in.electricity, true, "electricity");
  out.transport = in.transport * in.transport_factor;
  return out;
}

double emission_reduction(double baseline_emission, double project_emission) {
  return baseline_emission - project_emission;
}

WoodHeat useful_heat_from_wood(double dry_mass, double m_pct, HeatingValueFormula formula,
                               const WoodFuelConstants& c, Efficiency eps_pj) {
  check_efficiency(eps_pj, "project efficiency");
  const HeatingValueFormulaInfo& info = formula_info(formula);
  if (eps_pj.basis != info.basis) {
    throw InputError("project efficiency is on the " + std::string(basis_name(eps_pj.basis)) +
                     " basis but heating-value formula " + std::string(info.name) + " gives " +
                     std::string(basis_name(info.basis)) +
                     "; give the efficiency on the formula's basis or choose a formula on the "
                     "efficiency's basis");
  }
  WoodHeat out;
  out.wet_mass = wet_mass_from_dry(dry_mass, m_pct);
  out.heating_value = wood_heating_value(formula, m_pct, c);
  out.fuel_energy = {out.wet_mass * out.heating_value.mj_per_kg, out.heating_value.basis};
  out.useful_heat = out.fuel_energy.gj * eps_pj.value;
  return out;
}

double useful_heat_from_water(double flow, double delta_t, double heat_capacity, double density) {
  check_amount(flow, "water flow [m3]");
  check_amount(delta_t, "temperature difference [K]");
  check_positive(heat_capacity, "heat capacity [kJ kg-1 K-1]");
  check_positive(density, "water density [t m-3]");
  return flow * delta_t * heat_capacity * density * 1e-3;
}

}  // namespace shinrin::fuel
