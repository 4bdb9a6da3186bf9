#pragma once
//! Reads the series of a results file that `shinrin compare` sets side by side: the totals, the
//! aggregates per species, municipality and regime (every fiscal year) and the per-parcel series
//! (per output year), with the parcel ids of format 3 (or, for 1.x and 2.x files, the same ids
//! made from parcel_key and storey). Checks the file as read_summary does first.

#include <string>
#include <vector>

#include "shinrin/io/results_reader.hpp"

namespace shinrin::io {

//! One grouping of the aggregates (species, municipality or regime).
struct GroupSeries {
  std::string dim;                  //!< dimension name: species, municipality, regime
  std::vector<std::string> labels;  //!< coordinate values
  //! values[var][label][time index]; var as sim::AggVar; NaN where the file lacks the variable.
  std::vector<std::vector<std::vector<double>>> values;
};

struct ResultsSeries {
  ResultsSummary summary;  //!< metadata and totals (summary.totals, summary.year)
  std::vector<GroupSeries> groups;
  std::vector<std::string> parcel_id;    //!< unique parcel ids, in the file's row order
  std::vector<int> output_year;          //!< fiscal years of the per-parcel series
  std::vector<std::string> parcel_vars;  //!< names of the per-parcel series the file holds
  std::vector<std::vector<double>> parcel_values;  //!< [var][parcel * output years + j]
};

//! The unique parcel id of format 3: the register key, `/upper` or `/lower` for a storey record
//! of a two-storey stand (storey 1, 2), and `#n` for the n-th record that would still repeat an
//! id (source order). `keys` and `storeys` in the file's row order.
std::vector<std::string> parcel_ids(const std::vector<std::string>& keys,
                                    const std::vector<int>& storeys);

//! Throws IncompleteResultsError for a file that is not a complete results file (as `info`).
ResultsSeries read_series(const std::string& path);

}  // namespace shinrin::io
