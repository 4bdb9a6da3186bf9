#pragma once
//! Heating value of wood fuel at a moisture content, and the heating-value basis (HHV or LHV) that
//! every fuel-switch calculation must keep consistent.
//!
//! Moisture (DOMAIN.md 4.3) [C]:
//!   U = dry-basis moisture [%] = 100 x water / dry matter
//!   M = wet-basis moisture [%] = 100 x water / (dry matter + water)
//!   M = 100 U / (100 + U),  U = 100 M / (100 - M)              (U 100 % <=> M 50 %)
//!   wet mass = dry mass x 100 / (100 - M)                      [same unit as the dry mass]
//!
//! Heating value of one wet kg [MJ kg-1] (= [GJ t-1] of wet wood), three formulas registered by
//! name (heating_value_formula()):
//!   sundberg          q = (q_dry_net x 100 - L x U) / (100 + U)                            LHV
//!                     q_dry_net 19.2 MJ kg-1, L 2.45 MJ kg-1 (DOMAIN.md 4.3 [C], private site
//!                     http://www.eonet.ne.jp/~forest-energy/GREEN%20ENERGY%20FILE/calory.htm).
//!                     With M it reads q = q_dry_net (1 - M/100) - L M/100: the heat of the dry
//!                     matter less the heat that evaporates the water, a net value, so LHV [D].
//!   lhv_line          Q = a - b M,  a 17.7 MJ kg-1, b 0.2326 MJ kg-1 %-1                    LHV
//!                     (DOMAIN.md 4.3 [C, blog https://woody-biomass-utilities.blogspot.com/
//!                     2014/03/blog-post_23.html]); 1.5-2 MJ kg-1 below sundberg.
//!   gross_dry_matter  q = HHV_dry (1 - M/100),  HHV_dry ≈ 20 MJ kg-1 (DOMAIN.md 4.3 [C])    HHV
//!                     On the gross basis the water adds mass but no heat, so a wet kg holds the
//!                     gross heat of its dry matter only [D].
//! The constants are read from data/wood_fuel.csv (shinrin/io/fuel_tables.hpp). A formula that
//! gives no heat (q <= 0, e.g. sundberg above M ≈ 88.7 %) is an error.
//!
//! Basis (DOMAIN.md 2.2) [C]: J-VER and J-Credit factors are higher heating values; a project
//! uses HHV or LHV throughout. LHV = HHV x f with f = 0.950 (kerosene, diesel, A-heavy oil),
//! 0.975 (B/C heavy oil, coal), 0.925 (LPG), 0.900 (gases); data/fuel_factors.csv, hhv_to_lhv.
//! Fuel energy and heating values scale by f; a boiler gives the same useful heat from the same
//! fuel on either basis, so its efficiency scales the other way: eps_HHV = eps_LHV x f.
//! Grid electricity has no combustion basis (3.6 MJ kWh-1, basis `electric`) and never converts.
//!
//! Bad arguments (moisture outside its range, efficiency outside (0, 1], a basis mismatch) throw
//! shinrin::InputError naming the quantity and value; callers add the file or scenario place.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace shinrin::fuel {

// --- basis -------------------------------------------------------------------------------------

//! What a heating value, a fuel energy or an efficiency is measured against.
enum class EnergyBasis : std::uint8_t {
  hhv,      //!< higher (gross) heating value
  lhv,      //!< lower (net) heating value
  electric  //!< electricity: 3.6 MJ kWh-1, no combustion basis
};

//! "HHV", "LHV" or "electric", as written in data/fuel_factors.csv.
std::string_view basis_name(EnergyBasis b);
//! Parses basis_name(); nullopt for anything else.
std::optional<EnergyBasis> parse_basis(std::string_view s);

//! A boiler efficiency: useful heat / fuel energy on `basis`, a fraction in (0, 1] [1].
struct Efficiency {
  double value = 1.0;                    //!< [1]
  EnergyBasis basis = EnergyBasis::hhv;  //!< basis of the fuel energy it divides
};

//! Throws InputError unless `e.value` is a finite fraction in (0, 1]; `what` names it.
void check_efficiency(const Efficiency& e, std::string_view what);

//! A fuel energy [GJ] or heating value [GJ unit-1, MJ kg-1] moved from basis `from` to `to`:
//! x f (HHV -> LHV) or / f (LHV -> HHV), f = hhv_to_lhv = LHV / HHV in (0, 1] [1]. Same basis:
//! unchanged (f unused). Electric to or from a combustion basis: InputError.
double energy_to_basis(double energy, EnergyBasis from, EnergyBasis to, double hhv_to_lhv);
//! An efficiency [1] moved to basis `to`: eps_HHV = eps_LHV x f, eps_LHV = eps_HHV / f. Throws
//! InputError if the result leaves (0, 1] (e.g. a condensing boiler's 0.96 HHV is 1.01 LHV).
Efficiency efficiency_to_basis(Efficiency e, EnergyBasis to, double hhv_to_lhv);

// --- moisture ----------------------------------------------------------------------------------

//! Wet-basis moisture M [%] from dry-basis moisture U [%] >= 0: M = 100 U / (100 + U).
double moisture_wet_from_dry(double u_pct);
//! Dry-basis moisture U [%] from wet-basis moisture M [%] in [0, 100): U = 100 M / (100 - M).
double moisture_dry_from_wet(double m_pct);
//! Wet mass from dry mass [any mass unit] at wet-basis moisture M [%]: dry x 100 / (100 - M).
double wet_mass_from_dry(double dry_mass, double m_pct);
//! Dry mass from wet mass [any mass unit] at wet-basis moisture M [%]: wet x (100 - M) / 100.
double dry_mass_from_wet(double wet_mass, double m_pct);

// --- heating value of wood ---------------------------------------------------------------------

//! Constants of the sundberg formula.
struct SundbergConstants {
  double q_dry_net = 0.0;    //!< net heating value of the dry matter [MJ kg-1]
  double latent_heat = 0.0;  //!< heat that evaporates a kg of water [MJ kg-1]
};

//! Constants of the alternative LHV line Q = intercept - slope x M.
struct LhvLineConstants {
  double intercept = 0.0;  //!< [MJ kg-1]
  double slope = 0.0;      //!< [MJ kg-1 %-1]
};

//! Everything the registered formulas need (data/wood_fuel.csv).
struct WoodFuelConstants {
  SundbergConstants sundberg;
  LhvLineConstants lhv_line;
  double hhv_dry = 0.0;  //!< gross heating value of oven-dry wood [MJ kg-1], gross_dry_matter
};

//! Sundberg: net heating value of one wet kg [MJ kg-1] at dry-basis moisture U [%] >= 0.
double sundberg_heating_value(double u_pct, const SundbergConstants& c);
//! Alternative LHV line: net heating value of one wet kg [MJ kg-1] at wet-basis moisture M [%].
double lhv_line_heating_value(double m_pct, const LhvLineConstants& c);
//! Gross heating value of one wet kg [MJ kg-1] at wet-basis moisture M [%], from the gross heating
//! value of the dry matter hhv_dry [MJ kg-1].
double gross_dry_matter_heating_value(double m_pct, double hhv_dry);

//! The registered heating-value formulas (one row each in heating_value_formulas()).
enum class HeatingValueFormula : std::uint8_t { sundberg, lhv_line, gross_dry_matter };

struct HeatingValueFormulaInfo {
  HeatingValueFormula formula;
  std::string_view name;     //!< registered name, e.g. "sundberg"
  EnergyBasis basis;         //!< basis of the value it gives
  std::string_view summary;  //!< the equation and its source, one line
};

//! Every registered formula, in enum order.
std::span<const HeatingValueFormulaInfo> heating_value_formulas();
const HeatingValueFormulaInfo& formula_info(HeatingValueFormula f);
//! The formula registered as `name`; throws InputError listing the registered names otherwise.
HeatingValueFormula heating_value_formula(std::string_view name);

//! A heating value with its basis.
struct HeatingValue {
  double mj_per_kg = 0.0;  //!< [MJ kg-1] = [GJ t-1]
  EnergyBasis basis = EnergyBasis::hhv;
};

//! Heating value of one wet kg of wood [MJ kg-1] at wet-basis moisture M [%] by formula `f`
//! (sundberg is given U = moisture_dry_from_wet(M)), on the formula's basis. Throws InputError if
//! the value is not > 0.
HeatingValue wood_heating_value(HeatingValueFormula f, double m_pct, const WoodFuelConstants& c);

}  // namespace shinrin::fuel
