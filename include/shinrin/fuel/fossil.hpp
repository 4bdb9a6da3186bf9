#pragma once
//! Fossil-fuel and grid-electricity CO2 factors, and the fuel-switch arithmetic of J-Credit
//! EN-R-001 and 国内クレジット 004-D (DOMAIN.md 2.2, 4.1, 4.2, TC7).
//!
//! Factors (DOMAIN.md 4.1) [C]; per-unit values [D]:
//!   CO2/GJ   = C x 44/12                         [t CO2 GJ-1]    算定省令 states C [t C GJ-1]
//!   CO2/unit = HV x CO2/GJ = HV x C x 44/12      [t CO2 unit-1]  J-VER, J-Credit state CO2/GJ
//!   e.g. kerosene 36.7 GJ kL-1 x 0.0185 t C GJ-1 x 44/12 = 2.48948 t CO2 kL-1 (算定省令, TC7);
//!        40 kL x 36.7 GJ kL-1 x 0.0678 t CO2 GJ-1 = 99.530 t CO2 (J-Credit list form, TC7).
//! A factor keeps the value its source states (FossilFactor::stated) and derives the others from
//! it, so list-form and 算定省令-form results differ exactly as the lists do.
//!
//! Fuel switch, EN-R-001 / 004-D (DOMAIN.md 2.2):
//!   ER        = EM_BL - EM_PJ                                     [t CO2]  [C]
//!   EM_BL     = Q_BL,fuel x CO2/GJ                                [t CO2]  [C]
//!   Q_BL,fuel = Q_heat,PJ / eps_BL                                [GJ]     [C: 004-D eq. 1,
//!                                                                  written x 100 / eps_BL in %]
//!   Q_heat,PJ = F x dT x C_p x rho x 10^-3                        [GJ]     [C: 004-D eq. 2]
//!     F [m3], dT [K], C_p [kJ kg-1 K-1 = MJ t-1 K-1], rho [t m-3]
//!   or, without a heat meter,
//!   Q_heat,PJ = m_wet x HV_wood(M) x eps_PJ,  m_wet = m_dry x 100 / (100 - M)        [GJ] [U]
//!   EM_PJ     = backup fossil + auxiliary fossil (quantity x CO2/unit)
//!               + grid electricity [kWh] x CO2/kWh + transport [t km] x factor     [t CO2] [U]
//! Q_heat,PJ is all the useful heat the project supplies (wood and backup boiler together), so
//! the backup boiler's fuel counts as a project emission.
//!
//! Basis (DOMAIN.md 2.2) [C]: Q_BL,fuel is on the basis of eps_BL and is divided by a heating
//! value on the same basis; the wood heating value and eps_PJ likewise. Functions that take both
//! refuse different bases (InputError); convert first, explicitly: to_basis() for a factor,
//! efficiency_to_basis() for an efficiency (shinrin/fuel/heating_value.hpp), both with the
//! hhv_to_lhv factors of DOMAIN.md 2.2. Converting a factor changes its heating value and CO2/GJ
//! but never its CO2 per unit: a kL of kerosene emits the same CO2 on either basis.
//!
//! Efficiencies are fractions in (0, 1] (004-D writes them in %). Bad arguments throw
//! shinrin::InputError naming the quantity; callers add the file or scenario place.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "shinrin/core/provenance.hpp"
#include "shinrin/fuel/heating_value.hpp"

namespace shinrin::fuel {

//! Which factor a source states; the other two are derived from it and the heating value.
enum class FactorForm : std::uint8_t {
  carbon_factor,  //!< C [t C GJ-1] (算定省令): CO2/GJ = C x 44/12
  co2_per_gj,     //!< CO2/GJ [t CO2 GJ-1] (J-VER, J-Credit lists)
  co2_per_unit    //!< CO2/unit [t CO2 unit-1] (grid electricity, t CO2 kWh-1)
};

//! "carbon_factor", "co2_per_gj" or "co2_per_unit", as in data/fuel_factors.csv.
std::string_view factor_form_name(FactorForm f);
std::optional<FactorForm> parse_factor_form(std::string_view s);

//! The CO2 factor of one fuel in one factor list (vintage).
struct FossilFactor {
  std::string fuel;                               //!< e.g. "kerosene"
  std::string vintage;                            //!< factor list, e.g. "jver_2014"
  std::string unit;                               //!< unit the fuel is counted in, e.g. "kL"
  EnergyBasis basis = EnergyBasis::hhv;           //!< basis of heating_value and co2_per_gj
  FactorForm stated = FactorForm::carbon_factor;  //!< which of the three factors the source states
  double heating_value = 0.0;                     //!< [GJ unit-1]
  double carbon_factor = 0.0;                     //!< [t C GJ-1]
  double co2_per_gj = 0.0;                        //!< [t CO2 GJ-1]
  double co2_per_unit = 0.0;                      //!< [t CO2 unit-1]
  std::optional<double> hhv_to_lhv;               //!< LHV / HHV [1], where the list gives one
  Status status = Status::unconfirmed;            //!< status of co2_per_unit
  std::string source;                             //!< citation
};

//! `f` completed from its heating value and its stated factor: set the identity fields,
//! heating_value, `stated` and the field `stated` names; the other two factors are computed
//! (overwriting whatever they held). Throws InputError unless the heating value and the stated
//! factor are finite and > 0 and hhv_to_lhv, if given, is in (0, 1].
FossilFactor make_fossil_factor(FossilFactor f);

//! CO2 per GJ [t CO2 GJ-1] from a carbon factor [t C GJ-1]: C x 44/12.
double co2_per_gj_from_carbon(double carbon_factor);
//! CO2 per unit [t CO2 unit-1] from a heating value [GJ unit-1] and CO2 per GJ [t CO2 GJ-1].
double co2_per_unit(double heating_value, double co2_per_gj);
//! CO2 [t] of burning `quantity` [f.unit] of fuel: quantity x CO2/unit.
double fuel_emission(double quantity, const FossilFactor& f);
//! Fuel [f.unit] whose burning emits `co2` [t CO2]: co2 / CO2/unit (e.g. the kerosene a reported
//! reduction stands for, DOMAIN.md 7.2).
double implied_fuel_quantity(double co2, const FossilFactor& f);
//! `f` on basis `to`: heating value x hhv_to_lhv (HHV -> LHV) or / hhv_to_lhv, carbon factor and
//! CO2/GJ the other way, CO2/unit unchanged; the source notes the conversion. Throws InputError
//! if `f` has no hhv_to_lhv or either basis is electric (unless `to` is already f's basis).
FossilFactor to_basis(const FossilFactor& f, EnergyBasis to);

// --- EN-R-001 / 004-D --------------------------------------------------------------------------

//! An amount of fuel energy [GJ] on a basis.
struct FuelEnergy {
  double gj = 0.0;                       //!< [GJ]
  EnergyBasis basis = EnergyBasis::hhv;  //!< basis of the heating value it was measured by
};

//! Q_BL,fuel = Q_heat / eps_BL: fuel energy [GJ] the baseline boiler would have burnt for
//! `useful_heat` [GJ], on eps_BL's basis (004-D eq. 1).
FuelEnergy baseline_fuel_energy(double useful_heat, Efficiency eps_bl);
//! Baseline fuel [f.unit] = Q_BL,fuel / HV. Throws InputError if the bases differ.
double baseline_fuel_quantity(FuelEnergy q_bl, const FossilFactor& f);
//! EM_BL = Q_BL,fuel x CO2/GJ [t CO2]. Throws InputError if the bases differ.
double baseline_emission(FuelEnergy q_bl, const FossilFactor& f);

//! `quantity` [factor.unit] of one fuel or of grid electricity (kWh) used by the project.
struct FuelUse {
  double quantity = 0.0;  //!< [factor.unit]
  FossilFactor factor;
};

//! What the project burns and uses besides wood.
struct ProjectEmissionInputs {
  std::span<const FuelUse> backup_fossil;     //!< backup boiler fuel (not electric)
  std::span<const FuelUse> auxiliary_fossil;  //!< fuel of other project equipment (not electric)
  std::span<const FuelUse> electricity;       //!< grid power of the biomass equipment (electric)
  double transport = 0.0;                     //!< wood transport [t km]
  double transport_factor = 0.0;              //!< [t CO2 (t km)-1]
};

//! EM_PJ by component [t CO2].
struct ProjectEmission {
  double backup_fossil = 0.0;     //!< [t CO2]
  double auxiliary_fossil = 0.0;  //!< [t CO2]
  double electricity = 0.0;       //!< [t CO2]
  double transport = 0.0;         //!< [t CO2]
  //! EM_PJ [t CO2].
  double total() const { return backup_fossil + auxiliary_fossil + electricity + transport; }
};

//! EM_PJ: sum of quantity x CO2/unit per component plus transport x factor [t CO2]. Throws
//! InputError on a negative or non-finite amount, an electric factor among the fossil fuels or a
//! combustion factor among the electricity.
ProjectEmission project_emission(const ProjectEmissionInputs& in);
//! ER = EM_BL - EM_PJ [t CO2].
double emission_reduction(double baseline_emission, double project_emission);

//! The steps of the useful heat from wood.
struct WoodHeat {
  double wet_mass = 0.0;       //!< [t]
  HeatingValue heating_value;  //!< per wet kg [MJ kg-1 = GJ t-1]
  FuelEnergy fuel_energy;      //!< wet mass x heating value [GJ]
  double useful_heat = 0.0;    //!< fuel energy x eps_PJ [GJ]
};

//! Q_heat,PJ from `dry_mass` [t] of wood at wet-basis moisture `m_pct` [%], heating value by
//! `formula` with constants `c`, and project boiler efficiency eps_PJ. Throws InputError if
//! eps_PJ is not on the formula's basis (wood has no hhv_to_lhv factor in DOMAIN.md 2.2).
WoodHeat useful_heat_from_wood(double dry_mass, double m_pct, HeatingValueFormula formula,
                               const WoodFuelConstants& c, Efficiency eps_pj);

//! Q_heat,PJ from metered hot water (004-D eq. 2): flow [m3] x dT [K] x heat capacity
//! [kJ kg-1 K-1] x density [t m-3] x 10^-3 [GJ].
double useful_heat_from_water(double flow, double delta_t, double heat_capacity, double density);

}  // namespace shinrin::fuel
