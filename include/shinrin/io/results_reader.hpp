#pragma once
//! Reads the summary of a results file: metadata, totals per year, handling classes and the
//! unconfirmed parameters used. Checks `filetype` and the major format version first.

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "shinrin/core/provenance.hpp"
#include "shinrin/growth/past_data.hpp"
#include "shinrin/simulation/outputs.hpp"

namespace shinrin::io {

//! One row of the harvest plan (a target in one planning unit), per time index.
struct PlanRowSummary {
  std::string target, unit, operation, basis, units, rule, priority, last_parcel, source;
  std::vector<double> target_amount, achieved, shortfall, overshoot;  //!< in the basis' unit
  std::vector<double> treated_area, treated_volume, treated_parcels;
  std::vector<double> eligible_area, eligible_volume, eligible_parcels, backlog_area,
      backlog_volume;
};

//! One boiler, per time index (entry 0 NaN).
struct BoilerSummary {
  std::string name, form, sources, baseline_fuel, backup_fuel, baseline_unit, backup_unit,
      energy_basis;
  std::vector<double> heat_demand, supplied_dry_mass, burnt_dry_mass, wood_energy, useful_heat,
      shortfall, backup_fuel_quantity, fossil_displaced, baseline_emission, project_emission,
      reduction, stock;
  std::vector<double> profile;  //!< 12 monthly shares April..March; empty: none
  std::vector<std::array<double, 12>>
      shortfall_month;  //!< per time index [GJ]; empty without profile
};

//! One monitoring period of a credit project (group /crediting/<project>) [t CO2 unless stated].
struct CreditPeriod {
  int first_year = 0, last_year = 0;
  // Forest methodologies (NaN for boiler ones).
  double area = NAN, parcels = NAN, growth_volume = NAN, absorption = NAN, felled_area = NAN,
         felled_volume = NAN, emission = NAN, replanted_area = NAN, replanting = NAN,
         hwp_volume = NAN, hwp = NAN;
  // Boiler methodologies (NaN for forest ones).
  double baseline_emission = NAN, project_emission = NAN, wood_dry_mass = NAN, useful_heat = NAN;
  double net = 0.0, baseline_net = 0.0, credited = 0.0, buffer = 0.0, uncertainty = 0.0,
         before_rounding = 0.0, issued = 0.0;
};

//! One stratum (species x age class at a period start) of a forest credit project.
struct CreditStratum {
  int period = 0;
  std::string species;
  int age_class = 0;
  double parcels = 0, area = 0, growth_volume = 0, absorption = 0, felled_volume = 0, emission = 0,
         replanting = 0, hwp = 0, net = 0, baseline_net = 0;
};

struct CreditProject {
  std::string name, methodology, title, accounting, baseline, growth_reading, replanting_rule,
      wood_products;
  bool forest = true;
  double cf = 0, buffer_share = 0, uncertainty_share = 0, rounding_step = 1;
  std::vector<CreditPeriod> periods;
  std::vector<CreditStratum> strata;
  std::vector<std::string> reasons, reason_descriptions;
  std::vector<std::vector<double>> not_creditable_area, not_creditable_co2;  //!< [period][reason]
  std::vector<ParameterRecord> parameters;                                   //!< numbers used
  std::vector<std::string> boilers;                                          //!< boiler projects
};

//! Area and live stocks by age class (齢級) at the end of each year (format 3.1), all indexed
//! [class][time index]; classes as sim::age_class_index (5 years, the last one open).
struct AgeClassSummary {
  std::vector<int> first_age, last_age;          //!< per class [year]; last_age -1: no upper bound
  std::vector<std::vector<double>> area;         //!< [ha]
  std::vector<std::vector<double>> stem_volume;  //!< [m3]
  std::vector<std::vector<double>> carbon_ag, carbon_bg;  //!< [t C]
};

struct ResultsSummary {
  std::string path;
  std::array<int, 2> format_version{};
  std::string engine_version, git_sha, date_and_time, command_line, scenario_sha256, title;
  //! Carbon pools the run did not simulate ("" all simulated) and how dead wood, litter and soil
  //! started (table, steady_state, zero; none without the carbon section); "" in files before 2.2.
  std::string carbon_pools_off, initial_stocks;
  bool complete = false;
  int start_year = 0;
  int years = 0;
  std::size_t parcels = 0;
  std::vector<int> year;                                      //!< time axis (fiscal years)
  std::array<std::vector<double>, sim::kAggVarCount> totals;  //!< per AggVar, per time index
  double total_area_ha = 0.0;
  std::vector<std::string> species;  //!< species codes
  std::vector<double> species_area_ha;
  std::vector<std::string> handling_class;
  std::vector<std::int64_t> handling_records;
  std::vector<double> handling_hectares;
  std::int64_t implausible_age_records = 0;  //!< simulated records with an implausible age
  int implausible_age_above_years = 0;       //!< the bound of that warning (0: not recorded)
  std::int64_t unusable_area_records = 0;    //!< records not simulated counted as 0 ha
  std::vector<ParameterRecord> parameters;   //!< every parameter used
  AgeClassSummary age_classes;               //!< empty in files before format 3.1
  std::vector<PlanRowSummary> plan;          //!< empty without planning targets
  std::vector<BoilerSummary> boilers;        //!< empty without boilers
  std::vector<CreditProject> credits;        //!< empty without credit projects
  bool has_past_data = false;                //!< false for files before format 2.1
  growth::PastData past_data;                //!< parcels past the data of their growth curves
};

//! Throws InputError if the file cannot be opened, is not a shinrin results file, or has a
//! major format version this engine does not read (it reads 1, 2 and 3: the summary is the same).
ResultsSummary read_summary(const std::string& path);

}  // namespace shinrin::io
