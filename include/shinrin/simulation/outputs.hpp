#pragma once
//! What a run produces: per-parcel series (selected variables at selected years) handed to a sink
//! block by block, and aggregates by species and municipality for every year.
//!
//! Time axis: index 0 is the state at the end of fiscal year start_year - 1 (the initial state),
//! index t >= 1 the end of fiscal year start_year + t - 1. Stocks are end-of-year values; fluxes
//! at index t are the flux during that fiscal year (NaN at index 0).

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace shinrin::sim {

//! Per-parcel variables, all per hectare.
enum class ParcelVar : std::size_t {
  age = 0,          //!< stand age [year]
  stem_volume = 1,  //!< stem volume [m3 ha-1]
  carbon_ag = 2,    //!< above-ground biomass carbon [t C ha-1]
  carbon_bg = 3,    //!< below-ground biomass carbon [t C ha-1]
  co2_removal = 4,  //!< CO2 absorbed by growth in the year [t CO2 ha-1 year-1]
};
inline constexpr std::size_t kParcelVarCount = 5;

struct VariableInfo {
  std::string_view name;
  std::string_view units;
  std::string_view long_name;
  bool is_flux;  //!< flux during the year (undefined at the initial time index)
};
const VariableInfo& parcel_var_info(ParcelVar v);
std::optional<ParcelVar> parse_parcel_var(std::string_view name);

//! Aggregate variables, totals over the parcels of a group (not per hectare).
enum class AggVar : std::size_t {
  stem_volume = 0,  //!< [m3]
  carbon_ag = 1,    //!< [t C]
  carbon_bg = 2,    //!< [t C]
  co2_removal = 3,  //!< [t CO2 year-1]
};
inline constexpr std::size_t kAggVarCount = 4;
const VariableInfo& agg_var_info(AggVar v);

//! Which per-parcel series to write.
struct OutputSelection {
  std::vector<ParcelVar> variables;   //!< empty: no per-parcel series
  std::vector<int> time_index;        //!< increasing indexes into the time axis
};

//! One block of per-parcel series: values[k][row * time_index.size() + j] for selected variable
//! k, block row `row` and selected time j.
struct BlockSeries {
  std::size_t first = 0;  //!< first parcel row of the block
  std::size_t rows = 0;
  std::vector<std::vector<float>> values;
  std::vector<std::vector<unsigned char>> encoded;  //!< scratch a sink may fill in prepare_block
};

//! Receives per-parcel series, block by block. Implemented by the results writer.
class SeriesSink {
 public:
  virtual ~SeriesSink() = default;
  //! Called by the worker thread that owns `block`, concurrently with other threads' calls: may
  //! transform the block (e.g. compress it into `encoded`) but must not touch shared state.
  virtual void prepare_block(BlockSeries& block) { (void)block; }
  //! Stores a prepared block. Called by one thread at a time.
  virtual void write_block(const BlockSeries& block) = 0;
};

//! Totals per group, time index and variable: value(g, t, v).
class GroupSeries {
 public:
  GroupSeries() = default;
  GroupSeries(std::size_t groups, std::size_t times)
      : groups_(groups), times_(times), data_(groups * times * kAggVarCount, 0.0) {}
  std::size_t groups() const { return groups_; }
  std::size_t times() const { return times_; }
  double& at(std::size_t g, std::size_t t, AggVar v) {
    return data_[(g * times_ + t) * kAggVarCount + static_cast<std::size_t>(v)];
  }
  double at(std::size_t g, std::size_t t, AggVar v) const {
    return data_[(g * times_ + t) * kAggVarCount + static_cast<std::size_t>(v)];
  }

 private:
  std::size_t groups_ = 0, times_ = 0;
  std::vector<double> data_;
};

struct Aggregates {
  GroupSeries total;         //!< one group
  GroupSeries by_species;    //!< one group per species of the SpeciesTable
  GroupSeries by_municipality;  //!< one group per municipality name
  std::vector<double> species_area_ha;       //!< simulated area per species [ha]
  std::vector<double> municipality_area_ha;  //!< simulated area per municipality [ha]
  double total_area_ha = 0.0;
};

}  // namespace shinrin::sim
