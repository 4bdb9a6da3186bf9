#pragma once
//! What a run produces: per-parcel series (selected variables at selected years) handed to a sink
//! one output year at a time, in source-layer order; aggregates by species, municipality and
//! regime for every year; totals of every carbon flux channel; the harvest plan's results.
//!
//! Time axis: index 0 is the state at the end of fiscal year start_year - 1 (the initial state),
//! index t >= 1 the end of fiscal year start_year + t - 1. Stocks are end-of-year values; fluxes
//! at index t are the flux during that fiscal year (NaN at index 0). Per-parcel flux series written
//! every k > 1 years hold the sum over the k years up to and including the output year (the
//! `operation` series: the largest operation code of those years).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shinrin/carbon/flux.hpp"
#include "shinrin/fuel/boiler.hpp"
#include "shinrin/planning/selection.hpp"

namespace shinrin::sim {

struct VariableInfo {
  std::string_view name;
  std::string_view units;
  std::string_view long_name;
  bool is_flux;  //!< flux during the year (undefined at the initial time index)
};

//! Per-parcel variables, all per hectare.
enum class ParcelVar : std::size_t {
  age = 0,
  stem_volume,
  stems,
  height,
  yield_index,
  carbon_ag,
  carbon_bg,
  carbon_dead_wood,
  carbon_litter,
  carbon_soil,
  carbon_hwp_sawnwood,
  carbon_hwp_panels,
  carbon_hwp_paper,
  co2_removal,
  co2_emission,
  operation,
  removed_sawlog,
  removed_other_industrial,
  removed_fuelwood,
  stems_left,
  residues_collected,
  residues_left,
  count_,
};
inline constexpr std::size_t kParcelVarCount = static_cast<std::size_t>(ParcelVar::count_);
const VariableInfo& parcel_var_info(ParcelVar v);
std::optional<ParcelVar> parse_parcel_var(std::string_view name);

//! Aggregate variables: totals over the parcels of a group (not per hectare).
enum class AggVar : std::size_t {
  stem_volume = 0,
  carbon_ag,
  carbon_bg,
  carbon_dead_wood,
  carbon_litter,
  carbon_soil,
  carbon_hwp_sawnwood,
  carbon_hwp_panels,
  carbon_hwp_paper,
  co2_removal,
  co2_emission,
  co2_factor_step,
  thinned_area,
  felled_area,
  // Removal streams, each as wood-equivalent volume [m3], dry mass [t] and carbon [t].
  sawlog_volume,
  sawlog_dry_mass,
  sawlog_carbon,
  other_industrial_volume,
  other_industrial_dry_mass,
  other_industrial_carbon,
  fuelwood_volume,
  fuelwood_dry_mass,
  fuelwood_carbon,
  stems_left_volume,
  stems_left_dry_mass,
  stems_left_carbon,
  residues_collected_volume,
  residues_collected_dry_mass,
  residues_collected_carbon,
  residues_left_volume,
  residues_left_dry_mass,
  residues_left_carbon,
  count_,
};
inline constexpr std::size_t kAggVarCount = static_cast<std::size_t>(AggVar::count_);
//! First stream variable; stream k has volume, dry mass, carbon at kFirstStreamVar + 3k + 0/1/2.
inline constexpr std::size_t kFirstStreamVar = static_cast<std::size_t>(AggVar::sawlog_volume);
const VariableInfo& agg_var_info(AggVar v);

//! Age classes (齢級) of the age-class aggregates: 5-year classes; class k (1-based) holds ages
//! 5k-4 .. 5k, age 0 (a stand replanted this year) is in class 1, and the last class holds every
//! age from 5 * (kAgeClassCount - 1) + 1 up (an open class, 101 years and older).
inline constexpr int kAgeClassYears = 5;
inline constexpr std::size_t kAgeClassCount = 21;
//! 0-based index of the age class of a stand age [year].
constexpr std::size_t age_class_index(int age) {
  if (age <= kAgeClassYears) return 0;
  const std::size_t k = std::size_t(age - 1) / kAgeClassYears;
  return k < kAgeClassCount ? k : kAgeClassCount - 1;
}
//! First age [year] of 0-based class k (class 0 starts at 0).
constexpr int age_class_first_age(std::size_t k) {
  return k == 0 ? 0 : int(k) * kAgeClassYears + 1;
}
//! Last age [year] of 0-based class k; -1 for the open last class.
constexpr int age_class_last_age(std::size_t k) {
  return k + 1 == kAgeClassCount ? -1 : int(k + 1) * kAgeClassYears;
}

//! Variables of the age-class aggregates: end-of-year totals over the parcels whose stand age at
//! the end of the year falls in the class.
enum class AgeClassVar : std::size_t {
  area = 0,
  stem_volume,
  carbon_ag,
  carbon_bg,
  count_,
};
inline constexpr std::size_t kAgeClassVarCount = static_cast<std::size_t>(AgeClassVar::count_);
const VariableInfo& age_class_var_info(AgeClassVar v);

//! Which per-parcel series to write.
struct OutputSelection {
  std::vector<ParcelVar> variables;  //!< empty: no per-parcel series
  std::vector<int> time_index;       //!< increasing indexes into the time axis
};

//! Receives per-parcel series, a group of consecutive output times at a time. Implemented by the
//! results writer.
class SeriesSink {
 public:
  virtual ~SeriesSink() = default;
  //! Stores output times first .. first + count - 1 (indexes into OutputSelection::time_index):
  //! columns[k][s * P + i] is selected variable k of landscape row i (canonical order;
  //! Landscape::source_pos gives its place in the source layer; P = columns[k].size() / stride
  //! rows) at output time first + s, s < count <= stride. Called by one
  //! thread, between the years of the run; may use threads of its own.
  virtual void write_times(std::size_t first, std::size_t count, std::size_t stride,
                           const std::vector<std::vector<float>>& columns) = 0;
};

//! Output times the run keeps in memory before handing them to the sink: as many as fit in
//! `budget_bytes` for `parcels` x `variables` float32 values, at least 1, at most `times`.
std::size_t series_time_group(std::size_t parcels, std::size_t variables, std::size_t times,
                              std::size_t budget_bytes = std::size_t(256) << 20);

//! Values per group, time index and variable: at(g, t, v). `Width` variables per (g, t).
class GroupSeries {
 public:
  GroupSeries() = default;
  GroupSeries(std::size_t groups, std::size_t times, std::size_t width = kAggVarCount)
      : groups_(groups), times_(times), width_(width), data_(groups * times * width, 0.0) {}
  std::size_t groups() const { return groups_; }
  std::size_t times() const { return times_; }
  std::size_t width() const { return width_; }
  double& at(std::size_t g, std::size_t t, std::size_t v) {
    return data_[(g * times_ + t) * width_ + v];
  }
  double at(std::size_t g, std::size_t t, std::size_t v) const {
    return data_[(g * times_ + t) * width_ + v];
  }
  double& at(std::size_t g, std::size_t t, AggVar v) {
    return at(g, t, static_cast<std::size_t>(v));
  }
  double at(std::size_t g, std::size_t t, AggVar v) const {
    return at(g, t, static_cast<std::size_t>(v));
  }

 private:
  std::size_t groups_ = 0, times_ = 0, width_ = 0;
  std::vector<double> data_;
};

struct Aggregates {
  GroupSeries total;            //!< one group
  GroupSeries by_species;       //!< one group per species of the SpeciesTable (current species)
  GroupSeries by_municipality;  //!< one group per municipality name
  GroupSeries by_regime;        //!< one group per regime, then one for parcels without a regime
  //! kAgeClassCount groups of width kAgeClassVarCount (AgeClassVar), stocks at the end of each
  //! year by the stand age then (the initial state included).
  GroupSeries by_age_class;
  //! Carbon moved on each flux channel per year [t C year-1]: one group, width kFluxCount.
  GroupSeries flux;
  std::vector<double> species_area_ha;       //!< simulated area per initial species [ha]
  std::vector<double> municipality_area_ha;  //!< simulated area per municipality [ha]
  std::vector<double> regime_area_ha;        //!< simulated area per regime (+ unmanaged) [ha]
  double total_area_ha = 0.0;
  planning::PlanResults plan;  //!< per (target, unit) row and time index
  //! Per boiler (Inputs::fuel.boilers), per time index (entry 0 unused): the boiler's year.
  std::vector<std::vector<fuel::BoilerYear>> fuel;
};

//! Where the time of a run went (shinrin run --timings).
struct PhaseTiming {
  std::string name;
  bool landscape = false;  //!< a landscape part (runs once a year on one thread)
  double seconds = 0.0;    //!< per-parcel part: thread-seconds over all blocks and years;
                           //!< landscape part: wall seconds
};
struct Timings {
  int threads = 0;
  double wall_seconds = 0.0;          //!< the whole run
  double initial_seconds = 0.0;       //!< initial state (wall)
  double series_seconds = 0.0;        //!< handing per-parcel series to the sink (wall)
  double barrier_wait_seconds = 0.0;  //!< thread-seconds spent waiting at the end of parallel
                                      //!< segments (thread count x segment wall - busy time)
  std::size_t segments = 0;           //!< parallel segments run (one per barrier per year)
  std::vector<PhaseTiming> phases;
};

}  // namespace shinrin::sim
