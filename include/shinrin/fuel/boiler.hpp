#pragma once
//! Wood boilers fed from the simulated forest, one fiscal year at a time (scenario section
//! `fuel`; the EN-R-001 / J-VER E001 structure of DOMAIN.md 2.2).
//!
//! Supply: the fuelwood and the residues collected for fuel by the year's thinnings and fellings
//! of the parcels whose home is the boiler (fuel/model.hpp) enter its stock as dry mass [t], each
//! year's wood as one cohort; the boiler's `sources` say which of the two streams it takes, up to
//! the shed's capacity, filled in the order of `sources` (the rest is declined). Wood is taken from
//! `first_year - drying_years` to `last_year`; a run may start with seasoned wood in the shed.
//!
//! Burning in fiscal year y (first_year <= y <= last_year):
//!   heat demand Q            [GJ]  useful heat a year; or fossil fuel replaced F [unit] x HV
//!                                  [GJ unit-1] x eps_BL (the heat it gave in the old boiler)
//!   heating value q          [GJ t-1 of wet wood] at the wood's moisture M (formula by name,
//!                                  heating_value.hpp), on the project efficiency's basis
//!   energy per dry tonne e   = q x 100 / (100 - M)                          [GJ t-1 dry]
//!   wood needed W            = min(Q / (eps_PJ x e), max intake)           [t dry]
//!   burnt B                  = min(W, seasoned stock): cohorts cut up to y - drying_years,
//!                              oldest first
//!   useful heat from wood    = B x e x eps_PJ                               [GJ]
//!   backup heat (shortfall)  = Q - useful heat from wood                    [GJ], met by the
//!                              backup fuel at the baseline efficiency: fuel = heat / eps_BL / HV
//! then every cohort left loses `stock_loss` of its dry mass (drying and decay in the shed).
//! With a monthly profile (shares s_m of the demand, April..March), the year's wood burns in month
//! order: useful heat from wood in month m = min(s_m x Q, what is left of the year's heat from
//! wood), so a short year runs out of wood in its last months (the winter, for a heating profile)
//! and the backup boiler runs then. The annual figures do not change: the seasoned stock is all
//! there from April, and the step is a fiscal year.
//!
//! Emissions (fuel/fossil.hpp): EM_BL = Q / eps_BL x CO2/GJ of the baseline fuel (the fossil fuel
//! that would have delivered the same useful heat); EM_PJ = backup fuel + auxiliary fuel +
//! electricity of the wood equipment + transport; ER = EM_BL - EM_PJ. The fossil fuel displaced
//! is the baseline fuel of the heat from wood. The wood's own carbon is not in these accounts: the
//! forest's physical accounts book fuelwood and collected residues as carbon to the atmosphere in
//! the year they leave the forest (the `burnt` flux channels), so no tonne is counted twice.

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shinrin/fuel/fossil.hpp"
#include "shinrin/fuel/heating_value.hpp"

namespace shinrin::fuel {

enum class FuelForm : std::uint8_t { firewood, chips };
std::string_view fuel_form_name(FuelForm f);

//! Where a boiler's wood comes from, in the order the scenario lists.
enum class Source : std::uint8_t {
  residues = 0,          //!< residues collected for fuel by operations in the catchment
  fuelwood = 1,          //!< the fuelwood share of thinnings and fellings in the catchment
  extra_operations = 2,  //!< operations the boiler's demand adds through a planning target
};
inline constexpr std::size_t kSourceCount = 3;
std::string_view source_name(Source s);

struct Boiler {
  std::string name;
  FuelForm form = FuelForm::firewood;
  std::vector<Source> sources;        //!< in order of use
  int first_year = 0, last_year = 0;  //!< fiscal years it burns wood
  double heat_demand = 0.0;           //!< useful heat a year [GJ]
  //! shares of heat_demand by month, April..March, adding up to 1 (none: annual figures only)
  std::optional<std::array<double, 12>> profile;
  double max_intake = std::numeric_limits<double>::infinity();  //!< wood it can burn [t dry year-1]
  double moisture = 0.0;  //!< wet-basis moisture of the wood as burnt [%]
  HeatingValueFormula formula = HeatingValueFormula::sundberg;
  WoodFuelConstants constants;
  Efficiency project_efficiency;   //!< wood boiler, on the formula's basis
  Efficiency baseline_efficiency;  //!< fossil boiler (baseline and backup), on baseline's basis
  FossilFactor baseline;           //!< the fossil fuel the wood replaces
  FossilFactor backup;             //!< the fuel that meets a shortfall
  int drying_years = 0;            //!< wood cut in year y burns from year y + drying_years
  double stock_loss = 0.0;         //!< share of the stock's dry mass lost a year [year-1]
  double max_stock = std::numeric_limits<double>::infinity();  //!< shed capacity [t dry]; wood
                                                               //!< beyond it is not taken (it stays
                                                               //!< in the forest accounts)
  double initial_stock = 0.0;        //!< seasoned wood in the shed when the run starts [t dry]
  std::vector<FuelUse> auxiliary;    //!< other project fuel a year [unit]
  std::vector<FuelUse> electricity;  //!< power of the wood equipment a year [kWh]
  double transport = 0.0;            //!< wood transport a year [t km]
  double transport_factor = 0.0;     //!< [t CO2 (t km)-1]
  bool located = false;              //!< x, y given
  double x = 0.0, y = 0.0;           //!< location in the fuel section's projected CRS [m]

  bool takes(Source s) const;
  bool burns(int year) const { return year >= first_year && year <= last_year; }
  bool collects(int year) const { return year >= first_year - drying_years && year <= last_year; }
  //! Heating value of the wood as burnt [GJ t-1 wet].
  HeatingValue heating_value() const;
  //! Useful heat of one dry tonne [GJ t-1]: q x 100 / (100 - M) x eps_PJ.
  double heat_per_dry_tonne() const;
  //! Wood it needs in `year` [t dry]: min(demand / heat_per_dry_tonne, max intake); 0 outside
  //! its years.
  double wood_need(int year) const;
};

//! Wood in a boiler's shed, one cohort per fiscal year of cutting.
struct Stock {
  struct Cohort {
    int cut = 0;       //!< fiscal year cut
    double dry = 0.0;  //!< [t dry]
  };
  std::vector<Cohort> cohorts;  //!< oldest first
  double total() const;
  //! Adds `dry` [t] cut in `year`.
  void add(int year, double dry);
  //! Takes up to `dry` [t] from cohorts cut up to `latest`, oldest first; returns what it took.
  double take(int latest, double dry);
  //! Every cohort loses `share` of its dry mass; returns the loss [t].
  double lose(double share);
};

//! Wood that entered a boiler's stock in a year, by source [t dry] and as volume [m3].
struct Supply {
  double dry[kSourceCount] = {0.0, 0.0, 0.0};
  double volume = 0.0;
  double total() const { return dry[0] + dry[1] + dry[2]; }
};

//! One boiler in one fiscal year.
struct BoilerYear {
  Supply supplied;                 //!< into the stock this year
  double supplied_wet = 0.0;       //!< the same at the stated moisture [t]
  double declined = 0.0;           //!< offered but not taken: the shed was full [t dry]
  double heat_demand = 0.0;        //!< [GJ]
  double heating_value = 0.0;      //!< of the wood as burnt [GJ t-1 wet]
  double burnt_dry = 0.0;          //!< [t]
  double burnt_wet = 0.0;          //!< at the stated moisture [t]
  double wood_energy = 0.0;        //!< [GJ], on the heating value's basis
  double useful_heat = 0.0;        //!< from wood [GJ]
  double shortfall = 0.0;          //!< heat met by the backup fuel [GJ]
  double backup_fuel = 0.0;        //!< [backup unit]
  double fossil_displaced = 0.0;   //!< baseline fuel the wood's heat replaces [baseline unit]
  double baseline_emission = 0.0;  //!< EM_BL [t CO2]
  ProjectEmission project;         //!< EM_PJ by component [t CO2]
  double reduction = 0.0;          //!< ER = EM_BL - EM_PJ [t CO2]
  double stock = 0.0;              //!< at the end of the year [t dry]
  double stock_lost = 0.0;         //!< [t dry]
  //! With a profile, by month April..March [GJ] (zeros without one).
  std::array<double, 12> heat_demand_month{}, useful_heat_month{}, shortfall_month{};
};

//! The year `year` of boiler `b`: adds `supply` to `stock` (if it collects this year), burns,
//! meets a shortfall with backup fuel, applies the stock loss; returns the record.
BoilerYear burn_year(const Boiler& b, int year, const Supply& supply, Stock& stock);

//! Dry wood to cut in `year` so that the boiler can burn in year + drying_years what it needs,
//! given its stock now and `planned` [t dry] that this year's already planned operations bring:
//! the stock is projected over the years between (burning and losses as burn_year does, no other
//! supply), and the need is what year + drying_years still lacks [t dry] (0 if none).
double cut_need(const Boiler& b, int year, const Stock& stock, double planned);

}  // namespace shinrin::fuel
