#include "shinrin/io/results_writer.hpp"

#include <hdf5.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <numeric>

#include "hdf5_util.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/core/version.hpp"
#include "shinrin/carbon/flux.hpp"
#include "shinrin/io/results_format.hpp"

namespace shinrin::io {
namespace fs = std::filesystem;

namespace {

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

h5::Id tracked_group(hid_t loc, const char* name) {
  h5::Id gcpl = h5::checked(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, "create a property list");
  h5::check(H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "track link order");
  h5::check(H5Pset_attr_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "track attribute order");
  return h5::checked(H5Gcreate2(loc, name, H5P_DEFAULT, gcpl, H5P_DEFAULT), H5Gclose,
                     std::string("create group ") + name);
}

}  // namespace

struct ResultsWriter::Impl {
  h5::Id file;
  h5::Id year, parcel, output_year, species, municipality, regime;
  std::vector<h5::Id> series;  // one per selected parcel variable
  std::size_t n_out_times = 0;
  std::size_t chunk_rows = 0;  // parcels per chunk = simulation block size
  std::string scenario_text, scenario_sha256, scenario_file;
  std::vector<ParameterRecord> parameters;
  std::vector<InputFile> inputs;
  HandlingReport handling;
};

ResultsWriter::ResultsWriter(std::string path, const RunSetup& setup, std::string command_line,
                             std::size_t block_size)
    : path_(std::move(path)), impl_(std::make_unique<Impl>()) {
  h5::silence_errors();
  temp_path_ = path_ + ".tmp-" + std::to_string(::getpid());
  Impl& m = *impl_;
  const Scenario& sc = setup.scenario;
  const ParcelTable& p = setup.parcels;
  m.scenario_text = setup.scenario_text;
  m.scenario_sha256 = setup.scenario_sha256;
  m.scenario_file = sc.file;
  m.parameters = setup.parameters_used;
  m.inputs = setup.inputs;
  m.handling = setup.handling;

  h5::Id fcpl = h5::checked(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "create a property list");
  h5::check(H5Pset_link_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "track link order");
  h5::check(H5Pset_attr_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "track attribute order");
  h5::Id fapl = h5::checked(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "create a property list");
  h5::check(H5Pset_libver_bounds(fapl, H5F_LIBVER_EARLIEST, H5F_LIBVER_V18), "set format bounds");
  const hid_t f = H5Fcreate(temp_path_.c_str(), H5F_ACC_TRUNC, fcpl, fapl);
  if (f < 0) {
    throw OutputError("cannot create the results file '" + temp_path_ +
                      "' (does its folder exist and is it writable?)");
  }
  m.file = h5::Id(f, H5Fclose);

  try {
    const hid_t root = m.file;
    h5::attr_string(root, "filetype", kResultsFiletype);
    const int version[2] = {kResultsFormatMajor, kResultsFormatMinor};
    h5::attr_int(root, "format_version", version);
    h5::attr_string(root, "engine_version", std::string(engine_version()));
    h5::attr_string(root, "git_sha", std::string(git_sha()));
    const std::string now = utc_now();
    h5::attr_string(root, "date_and_time", now);
    h5::attr_string(root, "command_line", command_line);
    h5::attr_string(root, "scenario_sha256", setup.scenario_sha256);
    const int seed[1] = {0};
    h5::attr_int(root, "seed", seed);
    h5::attr_string(root, "Conventions", "CF-1.8");
    h5::attr_string(root, "title", "shinrin forest carbon simulation: " + sc.description);
    h5::attr_string(root, "source", "shinrin " + std::string(engine_version()) + " (" + std::string(git_sha()) + ")");
    h5::attr_string(root, "history", now + ": " + command_line);
    const int years[1] = {sc.years};
    const int start[1] = {sc.start_year};
    h5::attr_int(root, "start_year", start);
    h5::attr_int(root, "years", years);

    // Coordinates.
    std::vector<int> year(static_cast<std::size_t>(sc.years) + 1);
    std::iota(year.begin(), year.end(), sc.start_year - 1);
    m.year = h5::write_1d(root, "year", H5T_STD_I32LE, H5T_NATIVE_INT, year.data(), year.size());
    h5::attr_cf(m.year, "1", "fiscal year (April to March); the first entry is the initial state at the end of the year before start_year");
    h5::make_scale(m.year, "year");

    std::vector<int> parcel(p.size());
    std::iota(parcel.begin(), parcel.end(), 0);
    m.parcel = h5::write_1d(root, "parcel", H5T_STD_I32LE, H5T_NATIVE_INT, parcel.data(), parcel.size());
    h5::attr_cf(m.parcel, "1", "row index of the simulated parcel");
    h5::make_scale(m.parcel, "parcel");

    std::vector<std::string> species_codes;
    for (const auto& s : setup.species.all()) species_codes.push_back(s.code);
    m.species = h5::write_strings(root, "species", species_codes);
    h5::attr_cf(m.species, "1", "species code (data/species.csv)");
    h5::make_scale(m.species, "species");
    m.municipality = h5::write_strings(root, "municipality", p.municipality_names);
    h5::attr_cf(m.municipality, "1", "municipality name");
    h5::make_scale(m.municipality, "municipality");
    std::vector<std::string> regimes;
    for (const auto& r : setup.model.management.regimes) regimes.push_back(r.name);
    regimes.emplace_back("(no regime)");
    m.regime = h5::write_strings(root, "regime", regimes);
    h5::attr_cf(m.regime, "1", "silvicultural regime of the scenario; the last entry collects parcels without one");
    h5::make_scale(m.regime, "regime");

    // Static parcel variables.
    auto parcel_var = [&](h5::Id ds, const std::string& units, const std::string& long_name) {
      h5::attr_cf(ds, units, long_name);
      h5::attr_string(ds, "coordinates", "parcel_key");
      h5::attach(ds, m.parcel, 0);
    };
    {
      h5::Id key = h5::write_strings(root, "parcel_key", p.key);
      h5::attr_cf(key, "1", "register key of the parcel (scenario field 'id')");
      h5::attach(key, m.parcel, 0);
      parcel_var(h5::write_1d(root, "source_fid", H5T_STD_I64LE, H5T_NATIVE_INT64, p.source_fid.data(), p.size()),
                 "1", "feature id in the parcel source layer");
      parcel_var(h5::write_1d(root, "area", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, p.area_ha.data(), p.size()),
                 "ha", "parcel area");
      std::vector<short> idx(p.species.begin(), p.species.end());
      parcel_var(h5::write_1d(root, "parcel_species", H5T_STD_I16LE, H5T_NATIVE_SHORT, idx.data(), idx.size()),
                 "1", "species of the parcel: index into the species coordinate");
      idx.assign(p.municipality.begin(), p.municipality.end());
      parcel_var(h5::write_1d(root, "parcel_municipality", H5T_STD_I16LE, H5T_NATIVE_SHORT, idx.data(), idx.size()),
                 "1", "municipality of the parcel: index into the municipality coordinate");
      parcel_var(h5::write_1d(root, "site_class", H5T_STD_I32LE, H5T_NATIVE_INT32, p.site_class.data(), p.size()),
                 "1", "register site class (地位); 0 when not recorded");
      idx.resize(p.size());
      for (std::size_t i = 0; i < p.size(); ++i) {
        idx[i] = static_cast<short>(p.regime[i] == silviculture::kNoRegime ? regimes.size() - 1 : p.regime[i]);
      }
      parcel_var(h5::write_1d(root, "parcel_regime", H5T_STD_I16LE, H5T_NATIVE_SHORT, idx.data(), idx.size()),
                 "1", "regime of the parcel: index into the regime coordinate");
      std::vector<signed char> st(p.size());
      for (std::size_t i = 0; i < p.size(); ++i) st[i] = static_cast<signed char>(p.storey[i]);
      h5::Id storey = h5::write_1d(root, "storey", H5T_STD_I8LE, H5T_NATIVE_SCHAR, st.data(), st.size());
      parcel_var(std::move(storey), "1", "storey of the record: 0 single, 1 upper (上層木), 2 lower (下層木)");
      std::vector<signed char> fb(p.fallback.begin(), p.fallback.end());
      parcel_var(h5::write_1d(root, "fallback_species", H5T_STD_I8LE, H5T_NATIVE_SCHAR, fb.data(), fb.size()),
                 "1", "1 if the species came from the unknown-species fallback, else 0");
      std::vector<int> age(p.age.begin(), p.age.end());
      parcel_var(h5::write_1d(root, "initial_age", H5T_STD_I32LE, H5T_NATIVE_INT, age.data(), age.size()),
                 "year", "stand age at the end of the fiscal year before start_year");
    }

    // Per-parcel series, created empty and filled block by block.
    const auto& out = setup.output;
    m.n_out_times = out.time_index.size();
    if (!out.variables.empty()) {
      std::vector<int> oy;
      for (int t : out.time_index) oy.push_back(year[static_cast<std::size_t>(t)]);
      m.output_year = h5::write_1d(root, "output_year", H5T_STD_I32LE, H5T_NATIVE_INT, oy.data(), oy.size());
      h5::attr_cf(m.output_year, "1", "fiscal year of the per-parcel series (end-of-year state)");
      h5::make_scale(m.output_year, "output_year");
      const hsize_t dims[2] = {p.size(), m.n_out_times};
      m.chunk_rows = std::max<std::size_t>(1, std::min(block_size, p.size()));
      const hsize_t chunk[2] = {m.chunk_rows, m.n_out_times};
      for (sim::ParcelVar v : out.variables) {
        const auto& info = sim::parcel_var_info(v);
        h5::Id space = h5::checked(H5Screate_simple(2, dims, nullptr), H5Sclose, "create a space");
        h5::Id dcpl = h5::dcpl_tracked();
        const float fill = std::nanf("");
        h5::check(H5Pset_fill_value(dcpl, H5T_NATIVE_FLOAT, &fill), "set a fill value");
        if (p.size() > 0) {
          h5::check(H5Pset_chunk(dcpl, 2, chunk), "set chunking");
          h5::check(H5Pset_shuffle(dcpl), "set shuffle");
          h5::check(H5Pset_deflate(dcpl, 1), "set deflate");
        }
        h5::Id ds = h5::checked(H5Dcreate2(root, std::string(info.name).c_str(), H5T_IEEE_F32LE, space,
                                           H5P_DEFAULT, dcpl, H5P_DEFAULT),
                                H5Dclose, "create dataset " + std::string(info.name));
        h5::attr_float(ds, "_FillValue", fill);
        h5::attr_cf(ds, std::string(info.units), std::string(info.long_name));
        h5::attr_string(ds, "coordinates", "parcel_key");
        h5::attach(ds, m.parcel, 0);
        h5::attach(ds, m.output_year, 1);
        m.series.push_back(std::move(ds));
      }
    }
  } catch (...) {
    impl_.reset();
    std::error_code ec;
    fs::remove(temp_path_, ec);
    throw;
  }
}

ResultsWriter::~ResultsWriter() {
  if (!finished_) {
    impl_.reset();
    std::error_code ec;
    fs::remove(temp_path_, ec);
  }
}

// The chunk pipeline is shuffle then deflate (set in that order above), so a chunk is encoded
// here exactly as HDF5 would: byte-shuffle the float32 values (all first bytes, then all second
// bytes, ...) and compress with zlib at level 1. Rows past the last parcel hold the fill value.
void ResultsWriter::prepare_block(sim::BlockSeries& block) {
  const Impl& m = *impl_;
  if (block.first % m.chunk_rows != 0 || block.rows > m.chunk_rows) {
    throw OutputError("per-parcel block at row " + std::to_string(block.first) + " is not chunk-aligned");
  }
  const std::size_t n = m.chunk_rows * m.n_out_times;
  std::vector<float> chunk(n);
  std::vector<unsigned char> shuffled(n * sizeof(float));
  block.encoded.resize(block.values.size());
  for (std::size_t k = 0; k < block.values.size(); ++k) {
    const std::size_t used = block.rows * m.n_out_times;
    std::copy_n(block.values[k].begin(), used, chunk.begin());
    std::fill(chunk.begin() + static_cast<std::ptrdiff_t>(used), chunk.end(), std::nanf(""));
    const auto* bytes = reinterpret_cast<const unsigned char*>(chunk.data());
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t b = 0; b < sizeof(float); ++b) shuffled[b * n + i] = bytes[i * sizeof(float) + b];
    }
    auto& out = block.encoded[k];
    uLongf size = compressBound(static_cast<uLong>(shuffled.size()));
    out.resize(size);
    if (compress2(out.data(), &size, shuffled.data(), static_cast<uLong>(shuffled.size()), 1) != Z_OK) {
      throw OutputError("zlib failed to compress a per-parcel chunk for " + temp_path_);
    }
    out.resize(size);
  }
}

void ResultsWriter::write_block(const sim::BlockSeries& block) {
  Impl& m = *impl_;
  const hsize_t offset[2] = {block.first, 0};
  for (std::size_t k = 0; k < m.series.size(); ++k) {
    h5::check(H5Dwrite_chunk(m.series[k], H5P_DEFAULT, 0, offset, block.encoded[k].size(), block.encoded[k].data()),
              "write per-parcel series in " + temp_path_);
  }
}

void ResultsWriter::finish(const sim::Aggregates& agg) {
  Impl& m = *impl_;
  const hid_t root = m.file;
  const std::size_t times = agg.total.times();

  auto group_series = [&](const sim::GroupSeries& g, const char* prefix, hid_t scale, const char* what) {
    for (std::size_t v = 0; v < sim::kAggVarCount; ++v) {
      const auto& info = sim::agg_var_info(sim::AggVar(v));
      std::vector<double> data(g.groups() * times);
      for (std::size_t i = 0; i < g.groups(); ++i) {
        for (std::size_t t = 0; t < times; ++t) data[i * times + t] = g.at(i, t, sim::AggVar(v));
      }
      const std::string name = std::string(prefix) + std::string(info.name);
      h5::Id ds = scale >= 0 ? h5::write_2d(root, name.c_str(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, data.data(), g.groups(), times)
                             : h5::write_1d(root, name.c_str(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, data.data(), times);
      if (info.is_flux) h5::attr_double(ds, "_FillValue", std::nan(""));
      h5::attr_cf(ds, std::string(info.units), std::string(info.long_name) + what);
      if (scale >= 0) {
        h5::attach(ds, scale, 0);
        h5::attach(ds, m.year, 1);
      } else {
        h5::attach(ds, m.year, 0);
      }
    }
  };
  group_series(agg.total, "total_", -1, " (all simulated parcels)");
  group_series(agg.by_species, "species_", m.species, " per species");
  group_series(agg.by_municipality, "municipality_", m.municipality, " per municipality");
  group_series(agg.by_regime, "regime_", m.regime, " per regime");
  {
    std::vector<std::string> names, modules;
    for (std::size_t c = 0; c < carbon::kFluxCount; ++c) {
      const auto& info = carbon::flux_info(carbon::Flux(c));
      names.emplace_back(info.name);
      modules.emplace_back(carbon::module_name(info.module));
    }
    h5::Id flux = h5::write_strings(root, "flux", names);
    h5::attr_cf(flux, "1", "carbon flux channel: module: source -> destination");
    h5::make_scale(flux, "flux");
    h5::Id module = h5::write_strings(root, "flux_module", modules);
    h5::attr_cf(module, "1", "module that causes the flux");
    h5::attach(module, flux, 0);
    std::vector<double> data(carbon::kFluxCount * times);
    for (std::size_t c = 0; c < carbon::kFluxCount; ++c) {
      for (std::size_t t = 0; t < times; ++t) data[c * times + t] = agg.flux.at(0, t, c);
    }
    h5::Id ds = h5::write_2d(root, "carbon_flux", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, data.data(), carbon::kFluxCount, times);
    h5::attr_double(ds, "_FillValue", std::nan(""));
    h5::attr_cf(ds, "t year-1", "carbon moved on each flux channel during the fiscal year (all simulated parcels)");
    h5::attr_string(ds, "coordinates", "flux_module");
    h5::attach(ds, flux, 0);
    h5::attach(ds, m.year, 1);
  }
  {
    h5::Id a = h5::write_scalar(root, "total_area", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &agg.total_area_ha);
    h5::attr_cf(a, "ha", "area of all simulated parcels");
    h5::Id s = h5::write_1d(root, "species_area", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, agg.species_area_ha.data(), agg.species_area_ha.size());
    h5::attr_cf(s, "ha", "simulated area per species at the end of the run");
    h5::attach(s, m.species, 0);
    h5::Id mu = h5::write_1d(root, "municipality_area", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, agg.municipality_area_ha.data(), agg.municipality_area_ha.size());
    h5::attr_cf(mu, "ha", "simulated area per municipality");
    h5::attach(mu, m.municipality, 0);
    h5::Id rg = h5::write_1d(root, "regime_area", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, agg.regime_area_ha.data(), agg.regime_area_ha.size());
    h5::attr_cf(rg, "ha", "simulated area per regime");
    h5::attach(rg, m.regime, 0);
  }

  // Handling classes: every record read, in exactly one class.
  {
    std::vector<std::string> names;
    for (std::size_t h = 0; h < kHandlingCount; ++h) names.emplace_back(handling_name(Handling(h)));
    h5::Id cls = h5::write_strings(root, "handling_class", names);
    h5::attr_cf(cls, "1", "how register records were handled");
    h5::make_scale(cls, "handling_class");
    h5::Id rec = h5::write_1d(root, "handling_records", H5T_STD_I64LE, H5T_NATIVE_INT64, m.handling.records.data(), kHandlingCount);
    h5::attr_cf(rec, "1", "register records per handling class");
    h5::attach(rec, cls, 0);
    h5::Id ha = h5::write_1d(root, "handling_hectares", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, m.handling.hectares.data(), kHandlingCount);
    h5::attr_cf(ha, "ha", "register area per handling class");
    h5::attach(ha, cls, 0);
  }

  // Parameters used, with provenance.
  {
    h5::Id g = tracked_group(root, "parameters");
    h5::attr_string(g, "description", "every parameter value the simulated parcels used, with unit, status tag (C, C*, D, U) and source");
    const std::size_t n = m.parameters.size();
    std::vector<int> idx(n);
    std::iota(idx.begin(), idx.end(), 0);
    h5::Id dim = h5::write_1d(g, "parameter", H5T_STD_I32LE, H5T_NATIVE_INT, idx.data(), n);
    h5::attr_cf(dim, "1", "parameter row");
    h5::make_scale(dim, "parameter");
    std::vector<std::string> table, key, name, unit, status, source;
    std::vector<double> value;
    for (const auto& r : m.parameters) {
      table.push_back(r.table);
      key.push_back(r.key);
      name.push_back(r.name);
      unit.push_back(r.unit);
      status.emplace_back(status_tag(r.status));
      source.push_back(r.source);
      value.push_back(r.value);
    }
    const std::pair<const char*, std::vector<std::string>*> cols[] = {
        {"table", &table}, {"key", &key}, {"name", &name}, {"unit", &unit}, {"status", &status}, {"source", &source}};
    for (const auto& [col, vals] : cols) {
      h5::Id ds = h5::write_strings(g, col, *vals);
      h5::attr_cf(ds, "1", std::string("parameter ") + col);
      h5::attach(ds, dim, 0);
    }
    h5::Id v = h5::write_1d(g, "value", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, value.data(), n);
    h5::attr_cf(v, "1", "parameter value in the unit given by the unit variable");
    h5::attach(v, dim, 0);
  }

  // Inputs and the resolved scenario.
  {
    h5::Id g = tracked_group(root, "inputs");
    h5::attr_string(g, "description", "input files of the run and their SHA-256");
    std::vector<int> idx(m.inputs.size());
    std::iota(idx.begin(), idx.end(), 0);
    h5::Id dim = h5::write_1d(g, "input", H5T_STD_I32LE, H5T_NATIVE_INT, idx.data(), idx.size());
    h5::attr_cf(dim, "1", "input file row");
    h5::make_scale(dim, "input");
    std::vector<std::string> role, path, sha;
    for (const auto& in : m.inputs) {
      role.push_back(in.role);
      path.push_back(in.path);
      sha.push_back(in.sha256);
    }
    for (const auto& [col, vals] : {std::pair{"role", &role}, std::pair{"path", &path}, std::pair{"sha256", &sha}}) {
      h5::Id ds = h5::write_strings(g, col, *vals);
      h5::attr_cf(ds, "1", std::string("input ") + col);
      h5::attach(ds, dim, 0);
    }
    h5::Id s = tracked_group(root, "scenario");
    h5::attr_string(s, "sha256", m.scenario_sha256);
    h5::attr_string(s, "path", m.scenario_file);
    h5::Id text = h5::write_string_scalar(s, "text", m.scenario_text);
    h5::attr_cf(text, "1", "fully resolved scenario (YAML) the run used");
  }

  const int complete[1] = {1};
  h5::attr_int(root, "complete", complete);
  m.series.clear();
  m.year.reset();
  m.parcel.reset();
  m.output_year.reset();
  m.species.reset();
  m.municipality.reset();
  m.regime.reset();
  h5::check(H5Fflush(m.file, H5F_SCOPE_GLOBAL), "flush " + temp_path_);
  const hid_t f = m.file.release();
  if (H5Fclose(f) < 0) throw OutputError("HDF5: failed to close " + temp_path_);
  std::error_code ec;
  fs::rename(temp_path_, path_, ec);
  if (ec) throw OutputError("cannot rename '" + temp_path_ + "' to '" + path_ + "': " + ec.message());
  finished_ = true;
}

}  // namespace shinrin::io
