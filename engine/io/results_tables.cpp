#include "shinrin/io/results_tables.hpp"

#include <hdf5.h>
#include <yaml-cpp/yaml.h>

#include <cmath>

#include "hdf5_util.hpp"
#include "shinrin/core/error.hpp"

namespace shinrin::io {
namespace {

// The summary of a complete results file of major version 3 (the layout this reader knows).
ResultsSummary checked_summary(const std::string& path) {
  ResultsSummary s = read_summary(path);
  if (s.format_version[0] != 3) {
    throw IncompleteResultsError(path + ": results format " + std::to_string(s.format_version[0]) +
                                 "." + std::to_string(s.format_version[1]) +
                                 " cannot be read as tables (reads major version 3; run the "
                                 "scenario again with this engine)");
  }
  if (!s.complete) {
    throw IncompleteResultsError(path +
                                 ": the results file is incomplete (no complete = 1: the run did "
                                 "not finish)");
  }
  return s;
}

h5::Id open_file(const std::string& path) {
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) throw IncompleteResultsError(path + ": HDF5 cannot open it");
  return h5::Id(f, H5Fclose);
}

// labels[index[p]] per parcel; an index outside the labels is a damaged file.
std::vector<std::string> labelled(const std::vector<int>& index,
                                  const std::vector<std::string>& labels, const char* what) {
  std::vector<std::string> out(index.size());
  for (std::size_t p = 0; p < index.size(); ++p) {
    if (index[p] < 0 || std::size_t(index[p]) >= labels.size())
      throw OutputError(std::string(what) + " of row " + std::to_string(p) + " is " +
                        std::to_string(index[p]) + ", outside its coordinate");
    out[p] = labels[std::size_t(index[p])];
  }
  return out;
}

void read_parcels(hid_t file, const ResultsSummary& s, ParcelColumns& c) {
  c.id = h5::read_strings(file, "parcel");
  const std::size_t n = c.id.size();
  c.key = h5::read_strings(file, "parcel_key");
  c.source_fid = h5::read_int64s(file, "source_fid");
  c.area = h5::read_doubles(file, "area");
  c.species = labelled(h5::read_ints(file, "parcel_species"), s.species, "parcel_species");
  c.municipality = labelled(h5::read_ints(file, "parcel_municipality"),
                            h5::read_strings(file, "municipality"), "parcel_municipality");
  c.regime = labelled(h5::read_ints(file, "parcel_regime"), h5::read_strings(file, "regime"),
                      "parcel_regime");
  c.site_class = h5::read_ints(file, "site_class");
  c.storey = h5::read_ints(file, "storey");
  c.initial_age = h5::read_ints(file, "initial_age");
  c.register_species_name = h5::read_strings(file, "register_species_name");
  c.register_forest_type_name = h5::read_strings(file, "register_forest_type_name");
  for (std::size_t m :
       {c.key.size(), c.source_fid.size(), c.area.size(), c.species.size(), c.municipality.size(),
        c.regime.size(), c.site_class.size(), c.storey.size(), c.initial_age.size(),
        c.register_species_name.size(), c.register_forest_type_name.size()}) {
    if (m != n)
      throw OutputError("a static per-parcel variable does not match the parcel dimension");
  }
}

GroupTable read_group(hid_t file, const char* dim, std::size_t times) {
  GroupTable g;
  g.dim = dim;
  g.labels = h5::read_strings(file, dim);
  g.values.resize(sim::kAggVarCount);
  for (std::size_t v = 0; v < sim::kAggVarCount; ++v) {
    const std::string name =
        std::string(dim) + "_" + std::string(sim::agg_var_info(sim::AggVar(v)).name);
    const std::vector<double> all = h5::exists(file, name.c_str())
                                        ? h5::read_doubles(file, name.c_str())
                                        : std::vector<double>(g.labels.size() * times, NAN);
    if (all.size() != g.labels.size() * times)
      throw OutputError(name + " does not match its dimensions");
    for (std::size_t i = 0; i < g.labels.size(); ++i)
      g.values[v].emplace_back(all.begin() + long(i * times), all.begin() + long((i + 1) * times));
  }
  return g;
}

std::string attr_or_empty(hid_t file, const std::string& dataset, const char* attr) {
  h5::Id ds = h5::checked(H5Dopen2(file, dataset.c_str(), H5P_DEFAULT), H5Dclose,
                          "open dataset " + dataset);
  return h5::has_attr(ds, attr) ? h5::read_attr_string(ds, attr) : std::string();
}

// parcels.layer, open_options and fields.id of the resolved scenario text.
void read_source(hid_t file, ResultsTables& t) {
  for (const InputFileRow& in : t.inputs) {
    if (in.role == "parcels") {
      t.source.path = in.path;
      t.source.sha256 = in.sha256;
    }
  }
  if (!h5::exists(file, "scenario")) return;
  h5::Id g = h5::checked(H5Gopen2(file, "scenario", H5P_DEFAULT), H5Gclose, "open group scenario");
  h5::Id ds = h5::checked(H5Dopen2(g, "text", H5P_DEFAULT), H5Dclose, "open scenario/text");
  h5::Id type = h5::checked(H5Tcopy(H5T_C_S1), H5Tclose, "copy a type");
  h5::check(H5Tset_size(type, H5T_VARIABLE), "size a type");
  h5::check(H5Tset_cset(type, H5T_CSET_UTF8), "set UTF-8");
  char* text = nullptr;
  h5::check(H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &text), "read scenario/text");
  const std::string yaml = text ? text : "";
  H5free_memory(text);
  try {
    const YAML::Node parcels = YAML::Load(yaml)["parcels"];
    if (!parcels) return;
    if (t.source.path.empty() && parcels["path"]) t.source.path = parcels["path"].as<std::string>();
    if (parcels["layer"]) t.source.layer = parcels["layer"].as<std::string>();
    if (parcels["open_options"]) {
      for (const auto& o : parcels["open_options"])
        t.source.open_options.push_back(o.as<std::string>());
    }
    if (parcels["fields"] && parcels["fields"]["id"])
      t.source.key_field = parcels["fields"]["id"].as<std::string>();
  } catch (const YAML::Exception& e) {
    throw OutputError(std::string("the scenario text cannot be read (") + e.what() + ")");
  }
}

}  // namespace

ResultsTables read_results_tables(const std::string& path) {
  ResultsTables t;
  t.summary = checked_summary(path);
  h5::Id file = open_file(path);
  try {
    const std::size_t times = t.summary.year.size();
    read_parcels(file, t.summary, t.parcels);
    for (const char* dim : {"species", "municipality", "regime"})
      t.groups.push_back(read_group(file, dim, times));
    if (h5::exists(file, "output_year")) {
      t.output_year = h5::read_ints(file, "output_year");
      for (std::size_t v = 0; v < sim::kParcelVarCount; ++v) {
        const auto& info = sim::parcel_var_info(sim::ParcelVar(v));
        const std::string name(info.name);
        if (!h5::exists(file, name.c_str())) continue;
        const auto d = h5::dims(file, name.c_str());
        if (d.size() != 2 || d[0] != t.parcels.size() || d[1] != t.output_year.size())
          throw OutputError(name + " does not match its dimensions (parcel, output_year)");
        SeriesColumn c;
        c.name = name;
        c.units = attr_or_empty(file, name, "units");
        if (c.units.empty()) c.units = std::string(info.units);
        c.long_name = attr_or_empty(file, name, "long_name");
        if (c.long_name.empty()) c.long_name = std::string(info.long_name);
        c.is_flux = info.is_flux;
        t.series.push_back(std::move(c));
      }
    }
    if (h5::exists(file, "inputs")) {
      h5::Id g = h5::checked(H5Gopen2(file, "inputs", H5P_DEFAULT), H5Gclose, "open group inputs");
      const auto role = h5::read_strings(g, "role"), p = h5::read_strings(g, "path"),
                 sha = h5::read_strings(g, "sha256");
      for (std::size_t k = 0; k < role.size() && k < p.size() && k < sha.size(); ++k)
        t.inputs.push_back({role[k], p[k], sha[k]});
    }
    read_source(file, t);
  } catch (const IncompleteResultsError&) {
    throw;
  } catch (const OutputError& e) {
    throw IncompleteResultsError(path + ": not a complete results file: " + e.what());
  }
  return t;
}

struct ParcelSeriesReader::Impl {
  h5::Id file;
};

ParcelSeriesReader::ParcelSeriesReader(const std::string& path)
    : impl_(std::make_unique<Impl>()), path_(path) {
  (void)checked_summary(path);
  impl_->file = open_file(path);
  try {
    parcels_ = h5::dims(impl_->file, "parcel").at(0);
    if (h5::exists(impl_->file, "output_year"))
      output_years_ = h5::dims(impl_->file, "output_year").at(0);
  } catch (const OutputError& e) {
    throw IncompleteResultsError(path + ": not a complete results file: " + e.what());
  }
}

ParcelSeriesReader::~ParcelSeriesReader() = default;

std::vector<float> ParcelSeriesReader::read(const std::string& name, std::size_t first,
                                            std::size_t count) const {
  const bool known = sim::parse_parcel_var(name).has_value();
  if (!known || output_years_ == 0 || !h5::exists(impl_->file, name.c_str())) {
    std::string held;
    for (std::size_t v = 0; v < sim::kParcelVarCount; ++v) {
      const std::string n(sim::parcel_var_info(sim::ParcelVar(v)).name);
      if (output_years_ > 0 && h5::exists(impl_->file, n.c_str()))
        held += (held.empty() ? "" : ", ") + n;
    }
    throw InputError(path_ + ": no per-parcel series '" + name +
                     "' (the file holds: " + (held.empty() ? "none" : held) + ")");
  }
  if (first > parcels_ || count > parcels_ - first)
    throw InputError(path_ + ": parcels " + std::to_string(first) + " to " +
                     std::to_string(first + count) + " are past the last of " +
                     std::to_string(parcels_));
  std::vector<float> out(count * output_years_);
  if (count == 0) return out;
  try {
    h5::Id ds = h5::checked(H5Dopen2(impl_->file, name.c_str(), H5P_DEFAULT), H5Dclose,
                            "open dataset " + name);
    h5::Id space = h5::checked(H5Dget_space(ds), H5Sclose, "read a dataset space");
    const hsize_t start[2] = {first, 0}, extent[2] = {count, output_years_};
    h5::check(H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, extent, nullptr),
              "select parcels of " + name);
    h5::Id mem = h5::checked(H5Screate_simple(2, extent, nullptr), H5Sclose, "create a space");
    h5::check(H5Dread(ds, H5T_NATIVE_FLOAT, mem, space, H5P_DEFAULT, out.data()),
              "read dataset " + name);
  } catch (const OutputError& e) {
    throw IncompleteResultsError(path_ + ": not a complete results file: " + e.what());
  }
  return out;
}

}  // namespace shinrin::io
