#include "shinrin/io/results_series.hpp"

#include <hdf5.h>

#include <cmath>
#include <map>

#include "hdf5_util.hpp"
#include "shinrin/core/error.hpp"

namespace shinrin::io {

std::vector<std::string> parcel_ids(const std::vector<std::string>& keys,
                                    const std::vector<int>& storeys) {
  std::vector<std::string> out(keys.size());
  std::map<std::string, int> seen;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    std::string s = keys[k];
    const int storey = k < storeys.size() ? storeys[k] : 0;
    if (storey == 1) s += "/upper";
    if (storey == 2) s += "/lower";
    const int n = ++seen[s];
    if (n > 1) s += "#" + std::to_string(n);
    out[k] = std::move(s);
  }
  return out;
}

ResultsSeries read_series(const std::string& path) {
  ResultsSeries r;
  r.summary = read_summary(path);
  if (!r.summary.complete) {
    throw IncompleteResultsError(path +
                                 ": the results file is incomplete (no complete = 1: the run did "
                                 "not finish)");
  }
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) throw IncompleteResultsError(path + ": HDF5 cannot open it");
  h5::Id file(f, H5Fclose);
  try {
    const std::size_t times = r.summary.year.size();
    for (const char* dim : {"species", "municipality", "regime"}) {
      GroupSeries g;
      g.dim = dim;
      if (h5::exists(file, dim)) g.labels = h5::read_strings(file, dim);
      g.values.resize(sim::kAggVarCount);
      for (std::size_t v = 0; v < sim::kAggVarCount; ++v) {
        const std::string name =
            std::string(dim) + "_" + std::string(sim::agg_var_info(sim::AggVar(v)).name);
        std::vector<double> all = h5::exists(file, name.c_str())
                                      ? h5::read_doubles(file, name.c_str())
                                      : std::vector<double>(g.labels.size() * times, NAN);
        if (all.size() != g.labels.size() * times)
          throw IncompleteResultsError(path + ": " + name + " does not match its dimensions");
        auto& rows = g.values[v];
        for (std::size_t i = 0; i < g.labels.size(); ++i)
          rows.emplace_back(all.begin() + long(i * times), all.begin() + long((i + 1) * times));
      }
      r.groups.push_back(std::move(g));
    }
    // Parcel ids: the text coordinate of format 3; made from parcel_key and storey before.
    if (r.summary.format_version[0] >= 3) {
      r.parcel_id = h5::read_strings(file, "parcel");
    } else {
      const auto keys = h5::read_strings(file, "parcel_key");
      const auto storey = h5::exists(file, "storey") ? h5::read_ints(file, "storey")
                                                     : std::vector<int>(keys.size(), 0);
      r.parcel_id = parcel_ids(keys, storey);
    }
    if (h5::exists(file, "output_year")) {
      r.output_year = h5::read_ints(file, "output_year");
      for (std::size_t v = 0; v < sim::kParcelVarCount; ++v) {
        const std::string name(sim::parcel_var_info(sim::ParcelVar(v)).name);
        if (!h5::exists(file, name.c_str())) continue;
        auto values = h5::read_doubles(file, name.c_str());
        if (values.size() != r.parcel_id.size() * r.output_year.size())
          throw IncompleteResultsError(path + ": " + name + " does not match its dimensions");
        r.parcel_vars.push_back(name);
        r.parcel_values.push_back(std::move(values));
      }
    }
  } catch (const IncompleteResultsError&) {
    throw;
  } catch (const OutputError& e) {
    throw IncompleteResultsError(path + ": not a complete results file: " + e.what());
  }
  return r;
}

}  // namespace shinrin::io
