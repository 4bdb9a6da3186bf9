#include "shinrin/io/results_reader.hpp"

#include <hdf5.h>

#include <cmath>
#include <filesystem>

#include "hdf5_util.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/results_format.hpp"

namespace shinrin::io {

ResultsSummary read_summary(const std::string& path) {
  h5::silence_errors();
  if (!std::filesystem::exists(path)) throw InputError(path + ": no such file");
  if (H5Fis_hdf5(path.c_str()) <= 0) throw InputError(path + ": not an HDF5 file");
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) throw InputError(path + ": cannot open the HDF5 file");
  h5::Id file(f, H5Fclose);
  if (!h5::has_attr(file, "filetype") || h5::read_attr_string(file, "filetype") != kResultsFiletype) {
    throw InputError(path + ": not a shinrin results file (root attribute filetype is not '" +
                     std::string(kResultsFiletype) + "')");
  }
  ResultsSummary s;
  s.path = path;
  const auto v = h5::read_attr_ints(file, "format_version");
  if (v.size() != 2) throw InputError(path + ": format_version must hold [major, minor]");
  s.format_version = {v[0], v[1]};
  if (v[0] != kResultsFormatMajor) {
    throw InputError(path + ": results format " + std::to_string(v[0]) + "." + std::to_string(v[1]) +
                     " cannot be read by this engine (reads major version " +
                     std::to_string(kResultsFormatMajor) + ")");
  }
  s.complete = h5::has_attr(file, "complete") && h5::read_attr_ints(file, "complete").at(0) == 1;
  s.engine_version = h5::read_attr_string(file, "engine_version");
  s.git_sha = h5::read_attr_string(file, "git_sha");
  s.date_and_time = h5::read_attr_string(file, "date_and_time");
  s.command_line = h5::read_attr_string(file, "command_line");
  s.scenario_sha256 = h5::read_attr_string(file, "scenario_sha256");
  s.title = h5::read_attr_string(file, "title");
  s.start_year = h5::read_attr_ints(file, "start_year").at(0);
  s.years = h5::read_attr_ints(file, "years").at(0);
  if (!s.complete) return s;  // a partial file: metadata only

  s.year = h5::read_ints(file, "year");
  s.parcels = h5::dims(file, "parcel").at(0);
  for (std::size_t k = 0; k < sim::kAggVarCount; ++k) {
    // Files of an older minor version lack later variables: those read as NaN.
    const std::string name = "total_" + std::string(sim::agg_var_info(sim::AggVar(k)).name);
    s.totals[k] = h5::exists(file, name.c_str()) ? h5::read_doubles(file, name.c_str())
                                                 : std::vector<double>(s.year.size(), std::nan(""));
  }
  s.total_area_ha = h5::read_doubles(file, "total_area").at(0);
  s.species = h5::read_strings(file, "species");
  s.species_area_ha = h5::read_doubles(file, "species_area");
  s.handling_class = h5::read_strings(file, "handling_class");
  s.handling_records = h5::read_int64s(file, "handling_records");
  s.handling_hectares = h5::read_doubles(file, "handling_hectares");

  h5::Id g = h5::checked(H5Gopen2(file, "parameters", H5P_DEFAULT), H5Gclose, "open group parameters");
  const auto table = h5::read_strings(g, "table"), key = h5::read_strings(g, "key"),
             name = h5::read_strings(g, "name"), unit = h5::read_strings(g, "unit"),
             status = h5::read_strings(g, "status"), source = h5::read_strings(g, "source");
  const auto value = h5::read_doubles(g, "value");
  for (std::size_t i = 0; i < table.size(); ++i) {
    s.parameters.push_back({table[i], key[i], name[i], value[i], unit[i],
                            parse_status(status[i]).value_or(Status::unconfirmed), source[i]});
  }
  return s;
}

}  // namespace shinrin::io
