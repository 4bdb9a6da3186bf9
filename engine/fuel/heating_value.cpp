#include "shinrin/fuel/heating_value.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <string>

#include "shinrin/core/error.hpp"

namespace shinrin::fuel {
namespace {

//! `v` with six significant digits, for messages.
std::string num(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
  return std::string(buf, r.ptr);
}

constexpr std::array<HeatingValueFormulaInfo, 3> kFormulas = {{
    {HeatingValueFormula::sundberg, "sundberg", EnergyBasis::lhv,
     "q = (q_dry_net x 100 - latent_heat x U) / (100 + U) [MJ per wet kg], DOMAIN.md 4.3"},
    {HeatingValueFormula::lhv_line, "lhv_line", EnergyBasis::lhv,
     "Q = intercept - slope x M [MJ per wet kg], DOMAIN.md 4.3"},
    {HeatingValueFormula::gross_dry_matter, "gross_dry_matter", EnergyBasis::hhv,
     "q = hhv_dry x (1 - M/100) [MJ per wet kg], dry-wood HHV of DOMAIN.md 4.3"},
}};

constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < kFormulas.size(); ++i) {
    if (static_cast<std::size_t>(kFormulas[i].formula) != i) return false;
  }
  return true;
}
static_assert(rows_in_enum_order(), "kFormulas must list the formulas in enum order");
static_assert(kFormulas.size() ==
                  static_cast<std::size_t>(HeatingValueFormula::gross_dry_matter) + 1,
              "one kFormulas row per HeatingValueFormula (new formulas go last)");

void check_moisture_wet(double m_pct) {
  if (!(m_pct >= 0.0 && m_pct < 100.0)) {
    throw InputError("wet-basis moisture M = " + num(m_pct) + " % must be in [0, 100)");
  }
}

void check_moisture_dry(double u_pct) {
  if (!(u_pct >= 0.0 && std::isfinite(u_pct))) {
    throw InputError("dry-basis moisture U = " + num(u_pct) + " % must be a finite number >= 0");
  }
}

void check_factor(double hhv_to_lhv) {
  if (!(hhv_to_lhv > 0.0 && hhv_to_lhv <= 1.0)) {
    throw InputError("HHV-to-LHV factor " + num(hhv_to_lhv) + " must be in (0, 1]");
  }
}

double positive_heat(double q, std::string_view formula, double m_pct) {
  if (!(q > 0.0)) {
    throw InputError("heating-value formula " + std::string(formula) + " gives " + num(q) +
                     " MJ kg-1 at wet-basis moisture " + num(m_pct) + " %: the wood gives no heat");
  }
  return q;
}

}  // namespace

std::string_view basis_name(EnergyBasis b) {
  switch (b) {
    case EnergyBasis::hhv:
      return "HHV";
    case EnergyBasis::lhv:
      return "LHV";
    case EnergyBasis::electric:
      return "electric";
  }
  return "HHV";
}

std::optional<EnergyBasis> parse_basis(std::string_view s) {
  if (s == "HHV") return EnergyBasis::hhv;
  if (s == "LHV") return EnergyBasis::lhv;
  if (s == "electric") return EnergyBasis::electric;
  return std::nullopt;
}

void check_efficiency(const Efficiency& e, std::string_view what) {
  if (!(e.value > 0.0 && e.value <= 1.0)) {
    throw InputError(std::string(what) + " " + num(e.value) + " (" +
                     std::string(basis_name(e.basis)) + ") must be a fraction in (0, 1]");
  }
}

double energy_to_basis(double energy, EnergyBasis from, EnergyBasis to, double hhv_to_lhv) {
  if (from == to) return energy;
  if (from == EnergyBasis::electric || to == EnergyBasis::electric) {
    throw InputError("cannot convert energy from " + std::string(basis_name(from)) + " to " +
                     std::string(basis_name(to)) + ": electricity has no combustion basis");
  }
  check_factor(hhv_to_lhv);
  return to == EnergyBasis::lhv ? energy * hhv_to_lhv : energy / hhv_to_lhv;
}

Efficiency efficiency_to_basis(Efficiency e, EnergyBasis to, double hhv_to_lhv) {
  check_efficiency(e, "efficiency");
  if (e.basis == to) return e;
  // The same fuel has f times less energy on the LHV basis and gives the same useful heat, so an
  // efficiency (heat / energy) is 1 / f times larger: eps_LHV = eps_HHV / f.
  const double as_energy = energy_to_basis(1.0, e.basis, to, hhv_to_lhv);  // f or 1 / f
  const Efficiency out{e.value / as_energy, to};
  if (!(out.value > 0.0 && out.value <= 1.0)) {
    throw InputError("efficiency " + num(e.value) + " (" + std::string(basis_name(e.basis)) +
                     ") is " + num(out.value) + " on the " + std::string(basis_name(to)) +
                     " basis, outside (0, 1]");
  }
  return out;
}

double moisture_wet_from_dry(double u_pct) {
  check_moisture_dry(u_pct);
  return 100.0 * u_pct / (100.0 + u_pct);
}

double moisture_dry_from_wet(double m_pct) {
  check_moisture_wet(m_pct);
  return 100.0 * m_pct / (100.0 - m_pct);
}

double wet_mass_from_dry(double dry_mass, double m_pct) {
  check_moisture_wet(m_pct);
  if (!(dry_mass >= 0.0 && std::isfinite(dry_mass))) {
    throw InputError("dry mass " + num(dry_mass) + " must be a finite number >= 0");
  }
  return dry_mass * 100.0 / (100.0 - m_pct);
}

double dry_mass_from_wet(double wet_mass, double m_pct) {
  check_moisture_wet(m_pct);
  if (!(wet_mass >= 0.0 && std::isfinite(wet_mass))) {
    throw InputError("wet mass " + num(wet_mass) + " must be a finite number >= 0");
  }
  return wet_mass * (100.0 - m_pct) / 100.0;
}

double sundberg_heating_value(double u_pct, const SundbergConstants& c) {
  check_moisture_dry(u_pct);
  return (c.q_dry_net * 100.0 - c.latent_heat * u_pct) / (100.0 + u_pct);
}

double lhv_line_heating_value(double m_pct, const LhvLineConstants& c) {
  check_moisture_wet(m_pct);
  return c.intercept - c.slope * m_pct;
}

double gross_dry_matter_heating_value(double m_pct, double hhv_dry) {
  check_moisture_wet(m_pct);
  return hhv_dry * (1.0 - m_pct / 100.0);
}

std::span<const HeatingValueFormulaInfo> heating_value_formulas() {
  return kFormulas;
}

const HeatingValueFormulaInfo& formula_info(HeatingValueFormula f) {
  return kFormulas[static_cast<std::size_t>(f)];
}

HeatingValueFormula heating_value_formula(std::string_view name) {
  std::string known;
  for (const auto& info : kFormulas) {
    if (info.name == name) return info.formula;
    known += (known.empty() ? "" : ", ") + std::string(info.name);
  }
  throw InputError("unknown heating-value formula '" + std::string(name) + "' (known: " + known +
                   ")");
}

HeatingValue wood_heating_value(HeatingValueFormula f, double m_pct, const WoodFuelConstants& c) {
  const HeatingValueFormulaInfo& info = formula_info(f);
  double q = 0.0;
  switch (f) {
    case HeatingValueFormula::sundberg:
      q = sundberg_heating_value(moisture_dry_from_wet(m_pct), c.sundberg);
      break;
    case HeatingValueFormula::lhv_line:
      q = lhv_line_heating_value(m_pct, c.lhv_line);
      break;
    case HeatingValueFormula::gross_dry_matter:
      q = gross_dry_matter_heating_value(m_pct, c.hhv_dry);
      break;
  }
  return {positive_heat(q, info.name, m_pct), info.basis};
}

}  // namespace shinrin::fuel
