#pragma once
//! The credits of a project: what a State accumulates during the run (ProjectLedger) and what is
//! made of it afterwards (Credits): per monitoring period the chain of calculation, the strata
//! (species x age class at the period start), each parcel's contribution and what was not
//! creditable and why.
//!
//! Per period (t CO2):
//!   net        = absorption - emission + replanting + wood products     (forest)
//!              = sum of the boilers' ER = EM_BL - EM_PJ                  (boilers)
//!   credited   = net - baseline net (where the project has a baseline)
//!   buffer     = max(0, credited) x buffer share
//!   deduction  = max(0, credited) x uncertainty share
//!   issued     = the largest multiple of the rounding step <= credited - buffer - deduction (0 if
//!                that is negative: a net emission earns nothing, and is reported)

#include <cstdint>
#include <string>
#include <vector>

#include "shinrin/crediting/account.hpp"
#include "shinrin/crediting/project.hpp"
#include "shinrin/fuel/boiler.hpp"
#include "shinrin/state/landscape.hpp"

namespace shinrin::crediting {

//! What a State carries for one project: per project row its history, per (row, period) its sums
//! and its stratum.
struct ProjectLedger {
  std::size_t periods = 0;
  std::vector<std::uint8_t> history;     //!< per project row (account.hpp History bits)
  std::vector<Entry> entries;            //!< [row * periods + period]
  std::vector<std::uint16_t> species0;   //!< [row * periods + period]: species at the period start
  std::vector<std::uint8_t> age_class0;  //!< [row * periods + period]: age class at the start
  void reset(std::size_t rows, std::size_t period_count);
};

//! One period's chain of calculation [t CO2 unless stated].
struct Chain {
  int first_year = 0, last_year = 0;
  Entry sum;             //!< project rows summed (area [ha], volumes [m3])
  double parcels = 0.0;  //!< credited parcels [1]
  double net = 0.0;
  double baseline_net = 0.0;  //!< 0 without a baseline
  double credited = 0.0;
  double buffer = 0.0;
  double uncertainty = 0.0;
  double before_rounding = 0.0;
  double issued = 0.0;
  // Boiler projects.
  double baseline_emission = 0.0, project_emission = 0.0, wood_dry_t = 0.0, useful_heat_gj = 0.0;
};

//! One stratum (species x age class at the period start) of one period.
struct Stratum {
  std::size_t period = 0;
  std::uint16_t species = 0;
  std::uint8_t age_class = 0;
  double parcels = 0.0;
  Entry sum;
  double net = 0.0;
  double baseline_net = 0.0;
};

struct Credits {
  std::string project;
  const Rules* rules = nullptr;
  std::vector<Chain> chains;    //!< per period
  std::vector<Stratum> strata;  //!< by period, then species, then age class
  //! Per project row and period: the credited contribution (net - baseline net) [t CO2].
  std::vector<double> parcel_credited;  //!< [row * periods + period]
  //! Per period and reason: area [ha] and would-be net [t CO2] not credited.
  std::vector<std::array<double, kReasonCount>> not_creditable_area, not_creditable_co2;
  bool has_baseline = false;
};

//! Age class (齢級) of a stand of `age` years: ages 1-5 are class 1; age 0 is class 0.
inline int age_class(int age) {
  return age <= 0 ? 0 : (age + 4) / 5;
}

//! Buffer, deduction and rounding of a chain whose net and baseline_net are set.
void issue(const Project& p, Chain& c);

//! The credits of forest project `p` from the project run's ledger and, if it has one, the
//! baseline run's (same rows). Sums in project-row order: the same for any thread count.
Credits summarize_forest(const Project& p, const ProjectLedger& project,
                         const ProjectLedger* baseline, const Landscape& landscape);

//! The credits of boiler project `p` from the boilers' years (Aggregates::fuel, per boiler, per
//! time index; time index t is fiscal year start_year - 1 + t).
Credits summarize_boilers(const Project& p, const std::vector<std::vector<fuel::BoilerYear>>& years,
                          int start_year);

}  // namespace shinrin::crediting
