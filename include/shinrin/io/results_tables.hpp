#pragma once
//! Reads a results file (format 3.x) as tables, for the verbs that turn it into maps, spreadsheets
//! and reports (`shinrin export`, `shinrin report`): the static columns of every parcel, the
//! aggregates per fiscal year (totals, per species, municipality and regime) with their group
//! labels, which per-parcel series the file holds, and where the parcel layer came from.
//!
//! The per-parcel series are not read here but by ParcelSeriesReader, one variable and one range
//! of parcels at a time, so that memory stays bounded for a register of 10^6 parcels.
//!
//! Time: `year[t]` is a fiscal year; entry t = 0 is the initial state (the end of fiscal year
//! start_year - 1), entry t >= 1 the end of fiscal year start_year + t - 1. Stocks are end-of-year
//! values; fluxes are the flux during the fiscal year and NaN at entry 0 (docs/results-format.md).
//!
//! Only major version 3 is read (any minor): other majors, and anything that is not a complete
//! results file, throw IncompleteResultsError as read_summary does (exit 3); a path that names
//! nothing throws InputError (exit 1).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "shinrin/io/results_reader.hpp"
#include "shinrin/simulation/outputs.hpp"

namespace shinrin::io {

//! The static per-parcel variables, one entry per simulated record, in the file's row order (the
//! order of the source layer).
struct ParcelColumns {
  std::vector<std::string> id;            //!< `parcel`: unique id (register key + storey suffix)
  std::vector<std::string> key;           //!< `parcel_key`: register key as given
  std::vector<std::int64_t> source_fid;   //!< feature id in the source layer
  std::vector<double> area;               //!< parcel area [ha]
  std::vector<std::string> species;       //!< species code at the start (`parcel_species`)
  std::vector<std::string> municipality;  //!< municipality name (`parcel_municipality`)
  std::vector<std::string> regime;        //!< regime name, `(no regime)` without one
  std::vector<int> site_class;            //!< register site class (地位) [1]; 0 when not recorded
  std::vector<int> storey;                //!< 0 single storey, 1 upper, 2 lower
  std::vector<int> initial_age;           //!< stand age in the initial state [year]
  std::vector<std::string> register_species_name;      //!< 樹種 as the register gives it
  std::vector<std::string> register_forest_type_name;  //!< 林種 as the register gives it
  std::size_t size() const { return id.size(); }
};

//! The aggregates of one grouping per time index.
struct GroupTable {
  std::string dim;                  //!< `species`, `municipality` or `regime`
  std::vector<std::string> labels;  //!< the group labels (the coordinate's values)
  //! values[var][label][t]: sim::AggVar `var` [units of sim::agg_var_info(var)] of group `label`
  //! at time index t; NaN where the file lacks the variable (an older minor) and for fluxes at 0.
  std::vector<std::vector<std::vector<double>>> values;
};

//! A per-parcel series the file holds.
struct SeriesColumn {
  std::string name;       //!< variable name, e.g. `stem_volume`
  std::string units;      //!< per hectare, e.g. `m3 ha-1` (the dataset's `units` attribute)
  std::string long_name;  //!< the dataset's `long_name`
  bool is_flux = false;   //!< summed over the years since the previous output year; NaN at t = 0
};

//! One row of `/inputs`.
struct InputFileRow {
  std::string role, path, sha256;
};

//! Where the parcel layer of the run came from, as its scenario (`/scenario/text`) and `/inputs`
//! say: enough to open the layer again and join it on `source_fid`.
struct ParcelSource {
  std::string path;                       //!< as recorded (absolute)
  std::string sha256;                     //!< of the file's bytes when the run read it
  std::string layer;                      //!< empty: the first layer
  std::vector<std::string> open_options;  //!< GDAL open options (e.g. ENCODING=CP932)
  std::string key_field;                  //!< source field holding the register key
};

struct ResultsTables {
  ResultsSummary summary;  //!< metadata, summary.year (fiscal years), summary.totals[var][t]
  ParcelColumns parcels;   //!< static per-parcel variables
  std::vector<GroupTable> groups;    //!< species, municipality, regime, in that order
  std::vector<int> output_year;      //!< fiscal years of the per-parcel series (empty: none)
  std::vector<SeriesColumn> series;  //!< per-parcel series present, in sim::ParcelVar order
  std::vector<InputFileRow> inputs;  //!< `/inputs`
  ParcelSource source;               //!< the parcel layer (path empty if not recorded)
};

//! Reads everything above but the values of the per-parcel series.
ResultsTables read_results_tables(const std::string& path);

//! Reads per-parcel series of one results file, one variable and a range of parcels at a time
//! (the file stays open while the reader lives). Checks the file as read_results_tables does.
class ParcelSeriesReader {
 public:
  explicit ParcelSeriesReader(const std::string& path);
  ~ParcelSeriesReader();
  ParcelSeriesReader(const ParcelSeriesReader&) = delete;
  ParcelSeriesReader& operator=(const ParcelSeriesReader&) = delete;

  std::size_t parcels() const { return parcels_; }
  std::size_t output_years() const { return output_years_; }
  //! Series `name` of parcels first .. first + count - 1, flat: value [p - first][j] at index
  //! (p - first) * output_years() + j, per hectare in the series' units; NaN where the file holds
  //! its fill value. Throws InputError for a series the file does not hold (naming those it does)
  //! and for a range past the last parcel.
  std::vector<float> read(const std::string& name, std::size_t first, std::size_t count) const;
  //! The whole series, [parcel][output year] flat as above.
  std::vector<float> read(const std::string& name) const { return read(name, 0, parcels_); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string path_;
  std::size_t parcels_ = 0, output_years_ = 0;
};

}  // namespace shinrin::io
