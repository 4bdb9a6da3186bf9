#include "shinrin/io/results_writer.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <isa-l/igzip_lib.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <type_traits>
#include <unordered_map>

#include "hdf5_util.hpp"
#include "results_groups.hpp"
#include "shinrin/carbon/flux.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/core/sha256.hpp"
#include "shinrin/core/version.hpp"
#include "shinrin/io/durable_file.hpp"
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

//! Days from 1970-01-01 to 1 April of calendar year `y`: the start of fiscal year `y`.
double fiscal_year_start_days(int y) {
  using namespace std::chrono;
  return static_cast<double>(sys_days{year{y} / April / 1}.time_since_epoch().count());
}

//! A CF time coordinate `name` along `dim` (days since 1970-01-01) with bounds `bounds_name`
//! (dim, nv): `time` n values, `bounds` 2n values (start, end per entry).
void write_time(hid_t root, const char* name, const char* bounds_name,
                const std::vector<double>& time, const std::vector<double>& bounds, hid_t dim,
                hid_t nv, const std::string& long_name) {
  const char* units = "days since 1970-01-01 00:00:00";
  h5::Id t = h5::write_1d(root, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, time.data(), time.size());
  h5::attr_cf(t, units, long_name);
  h5::attr_string(t, "standard_name", "time");
  h5::attr_string(t, "calendar", "proleptic_gregorian");
  h5::attr_string(t, "axis", "T");
  h5::attr_string(t, "bounds", bounds_name);
  h5::attach(t, dim, 0);
  h5::Id b = h5::write_2d(root, bounds_name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, bounds.data(),
                          time.size(), 2);
  h5::attr_cf(b, units, std::string("bounds of ") + name);
  h5::attr_string(b, "calendar", "proleptic_gregorian");
  h5::attach(b, dim, 0);
  h5::attach(b, nv, 1);
}

//! CF standard names of per-parcel variables (per hectare), only names of the CF standard name
//! table (version 83, canonical units kg m-2 = t ha-1 x 0.1); "" where the table has none.
std::string_view parcel_standard_name(sim::ParcelVar v) {
  switch (v) {
    case sim::ParcelVar::carbon_bg:
      return "root_mass_content_of_carbon";
    case sim::ParcelVar::carbon_dead_wood:
      return "wood_debris_mass_content_of_carbon";
    case sim::ParcelVar::carbon_litter:
      return "litter_mass_content_of_carbon";
    case sim::ParcelVar::carbon_soil:
      return "soil_mass_content_of_carbon";
    default:
      return "";
  }
}

// A group- or file-creation property list (class `cls`) that tracks and indexes the creation
// order of links and attributes, so readers list variables in the order they were written.
h5::Id tracked_order(hid_t cls) {
  h5::Id p = h5::checked(H5Pcreate(cls), H5Pclose, "create a property list");
  h5::check(H5Pset_link_creation_order(p, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
            "track link order");
  h5::check(H5Pset_attr_creation_order(p, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
            "track attribute order");
  return p;
}

}  // namespace

hid_t create_tracked_group(hid_t loc, const char* name) {
  h5::Id gcpl = tracked_order(H5P_GROUP_CREATE);
  h5::Id lcpl = h5::checked(H5Pcreate(H5P_LINK_CREATE), H5Pclose, "create a property list");
  h5::check(H5Pset_char_encoding(lcpl, H5T_CSET_UTF8), "set UTF-8 link names");
  const hid_t g = H5Gcreate2(loc, name, lcpl, gcpl, H5P_DEFAULT);
  if (g < 0) throw OutputError(std::string("cannot create group ") + name);
  return g;
}

void write_parameter_table(hid_t g, const std::vector<ParameterRecord>& records,
                           const std::string& prefix) {
  const std::size_t n = records.size();
  std::vector<int> idx(n);
  std::iota(idx.begin(), idx.end(), 0);
  h5::Id dim = h5::write_1d(g, "parameter", H5T_STD_I32LE, H5T_NATIVE_INT, idx.data(), n);
  h5::attr_cf(dim, "1", "parameter row");
  h5::make_scale(dim, "parameter");
  std::vector<std::string> table, key, name, unit, status, source;
  std::vector<double> value;
  for (const auto& r : records) {
    table.push_back(r.table);
    key.push_back(r.key);
    name.push_back(r.name);
    unit.push_back(r.unit);
    status.emplace_back(status_tag(r.status));
    source.push_back(r.source);
    value.push_back(r.value);
  }
  const std::pair<const char*, std::vector<std::string>*> cols[] = {
      {"table", &table}, {"key", &key},       {"name", &name},
      {"unit", &unit},   {"status", &status}, {"source", &source}};
  for (const auto& [col, vals] : cols) {
    h5::Id ds = h5::write_strings(g, (prefix + col).c_str(), *vals);
    h5::attr_cf(ds, "1", std::string("parameter ") + col);
    h5::attach(ds, dim, 0);
  }
  h5::Id v = h5::write_1d(g, (prefix + "value").c_str(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                          value.data(), n);
  h5::attr_cf(v, "1", "parameter value in the unit given by the unit variable");
  h5::attach(v, dim, 0);
}

namespace {

h5::Id tracked_group(hid_t loc, const char* name) {
  return h5::Id(create_tracked_group(loc, name), H5Gclose);
}

//! Values per chunk of a per-parcel series (parcels x output times): 256 KiB of float32.
constexpr std::size_t kChunkValues = 65536;

// What a caught exception says, for the writer's one message.
std::string what_failed(const std::exception& e) {
  if (dynamic_cast<const std::bad_alloc*>(&e)) return "out of memory";
  return e.what();
}

}  // namespace

void init_hdf5() {
  H5dont_atexit();  // effective only before the library's first use: call first in main
  h5::silence_errors();
}

std::string temp_path_for(const std::string& path, long pid) {
  return path + ".tmp-" + std::to_string(pid);
}

namespace {

// The pid of a name "<name>.tmp-<pid>" (temp_path_for), 0 if the name is not of that form.
long temp_file_pid(const std::string& name) {
  const auto at = name.rfind(".tmp-");
  if (at == std::string::npos || at == 0) return 0;
  const std::string digits = name.substr(at + 5);
  if (digits.empty() || digits.size() > 9 || digits[0] == '0') return 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
  }
  return std::stol(digits);
}

// Whether the file at `path` is a temporary file of a run that is gone, removing it if so. The
// file is opened without following links, must be empty or start with the HDF5 signature, and is
// locked (exclusive, non-blocking) before it is unlinked: a live writer's HDF5 library holds such
// a lock, whatever its process id looks like from here (another PID namespace).
bool remove_if_stale(const std::string& path, long pid) {
  if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) return false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return false;
  bool removed = false;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    static constexpr unsigned char kSignature[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    unsigned char head[8] = {};
    const bool ours = st.st_size == 0 || (::pread(fd, head, sizeof head, 0) == sizeof head &&
                                          std::memcmp(head, kSignature, sizeof head) == 0);
    struct stat now {};
    if (ours && ::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::lstat(path.c_str(), &now) == 0 &&
        now.st_dev == st.st_dev && now.st_ino == st.st_ino) {
      removed = ::unlink(path.c_str()) == 0;
    }
  }
  ::close(fd);  // releases the lock
  return removed;
}

}  // namespace

std::vector<StaleTempFile> remove_stale_temp_files(const std::string& output_path) {
  std::vector<StaleTempFile> removed;
  const fs::path folder = fs::path(output_path).parent_path();
  std::error_code ec;
  fs::directory_iterator it(folder.empty() ? fs::path(".") : folder, ec);
  const long self = ::getpid();
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const long pid = temp_file_pid(it->path().filename().string());
    if (pid <= 0 || pid == self) continue;
    const std::string path = it->path().string();
    if (remove_if_stale(path, pid)) removed.push_back({path, pid});
  }
  return removed;
}

struct ResultsWriter::Impl {
  h5::Id file;
  h5::Id year, parcel, output_year, species, municipality, regime, plan, nv;
  std::vector<h5::Id> series;  // one per selected parcel variable
  std::vector<std::string> series_names;
  std::size_t parcels = 0;
  std::size_t chunk_rows = 0;         // parcels per chunk
  std::size_t chunk_times = 0;        // output times per chunk (the run's series group)
  std::vector<std::uint32_t> row_at;  // landscape row of each source position (series only)
  RunRecord record;
  const sim::Inputs* inputs = nullptr;
};

std::string file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "unreadable";
  Sha256 h;
  std::string chunk(1 << 20, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    h.update(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
  }
  return h.hex();
}

ResultsWriter::ResultsWriter(std::string path, const RunRecord& record, const sim::Inputs& inputs,
                             const sim::OutputSelection& out, std::string command_line)
    : path_(std::move(path)), impl_(std::make_unique<Impl>()) {
  h5::silence_errors();
  temp_path_ = temp_path_for(path_, ::getpid());
  Impl& m = *impl_;
  m.record = record;
  m.inputs = &inputs;
  const Landscape& p = inputs.parcels;
  m.parcels = p.size();

  try {
    h5::Id fcpl = tracked_order(H5P_FILE_CREATE);
    h5::Id fapl = h5::checked(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "create a property list");
    h5::check(H5Pset_libver_bounds(fapl, H5F_LIBVER_EARLIEST, H5F_LIBVER_V18), "set format bounds");
    // A failed create can leave an empty file behind (a full folder): abandon removes it.
    m.file = h5::checked(H5Fcreate(temp_path_.c_str(), H5F_ACC_TRUNC, fcpl, fapl), H5Fclose,
                         "create the temporary file '" + temp_path_ + "'");

    const hid_t root = m.file;
    h5::attr_string(root, "filetype", kResultsFiletype);
    const int version[2] = {kResultsFormatMajor, kResultsFormatMinor};
    h5::attr_int(root, "format_version", version);
    h5::attr_string(root, "engine_version", std::string(engine_version()));
    h5::attr_string(root, "git_sha", std::string(git_sha()));
    const std::string now = utc_now();
    h5::attr_string(root, "date_and_time", now);
    h5::attr_string(root, "command_line", command_line);
    h5::attr_string(root, "scenario_sha256", record.scenario_sha256);
    const int seed[1] = {0};
    h5::attr_int(root, "seed", seed);
    h5::attr_string(root, "Conventions", "CF-1.8");
    h5::attr_string(root, "title", "shinrin forest carbon simulation: " + record.description);
    h5::attr_string(
        root, "source",
        "shinrin " + std::string(engine_version()) + " (" + std::string(git_sha()) + ")");
    h5::attr_string(root, "history", now + ": " + command_line);
    const int years[1] = {inputs.years};
    const int start[1] = {inputs.start_year};
    h5::attr_int(root, "start_year", start);
    h5::attr_int(root, "years", years);
    // Which carbon pools the run simulates, and how dead organic matter started.
    const sim::Model& model = inputs.model;
    std::string off = !model.carbon_enabled       ? "dead wood, litter, soil, wood products"
                      : !model.decay.soil_enabled ? "soil"
                                                  : "";
    h5::attr_string(root, "carbon_pools_off", off);
    h5::attr_string(root, "initial_stocks",
                    model.carbon_enabled
                        ? std::string(carbon::initial_method_name(model.initial_stocks.method))
                        : std::string("none"));

    // Coordinates.
    std::vector<int> year(inputs.times());
    std::iota(year.begin(), year.end(), inputs.start_year - 1);
    m.year = h5::write_1d(root, "year", H5T_STD_I32LE, H5T_NATIVE_INT, year.data(), year.size());
    h5::attr_cf(m.year, "1",
                "fiscal year (April to March); the first entry is the initial state at the end of "
                "the year before start_year");
    h5::make_scale(m.year, "year");
    {
      // CF time: the end of each fiscal year (1 April of the next calendar year, 00:00), with the
      // fiscal year as its bounds; `nv` is the bounds' vertex dimension.
      const int nv[2] = {0, 1};
      m.nv = h5::write_1d(root, "nv", H5T_STD_I32LE, H5T_NATIVE_INT, nv, 2);
      h5::attr_cf(m.nv, "1", "vertex of a time interval: 0 start, 1 end");
      h5::make_scale(m.nv, "nv");
      std::vector<double> time(year.size()), bounds(2 * year.size());
      for (std::size_t t = 0; t < year.size(); ++t) {
        bounds[2 * t] = fiscal_year_start_days(year[t]);
        bounds[2 * t + 1] = time[t] = fiscal_year_start_days(year[t] + 1);
      }
      write_time(root, "time", "time_bounds", time, bounds, m.year, m.nv,
                 "end of the fiscal year (stocks); its bounds are the fiscal year (fluxes)");
    }

    // The parcel dimension is indexed by a unique text id: the register key, with `/upper` or
    // `/lower` for a storey record of a two-storey stand, and `#2`, `#3` ... for later records
    // that would still repeat one (in source order).
    std::vector<std::uint32_t> row_at(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) row_at[p.source_pos[i]] = std::uint32_t(i);
    {
      // Records of one id count in source order (a hash map from the id to its count so far).
      std::vector<std::string> id(p.size());
      std::unordered_map<std::string_view, int> seen;
      seen.reserve(p.size());
      for (std::size_t k = 0; k < p.size(); ++k) {
        const std::size_t i = row_at[k];
        std::string& s = id[k];
        s = p.key[i];
        if (p.storey[i] == Storey::upper) s += "/upper";
        if (p.storey[i] == Storey::lower) s += "/lower";
      }
      std::vector<int> repeat(p.size(), 1);
      for (std::size_t k = 0; k < p.size(); ++k) repeat[k] = ++seen[id[k]];
      for (std::size_t k = 0; k < p.size(); ++k) {
        if (repeat[k] > 1) id[k] += "#" + std::to_string(repeat[k]);
      }
      m.parcel = h5::write_strings(root, "parcel", id);
      h5::attr_cf(m.parcel, "1",
                  "parcel id: the register key (scenario field 'id'), with '/upper' or '/lower' "
                  "for a storey of a two-storey stand (simulated records in source-layer order)");
      h5::attr_string(m.parcel, "cf_role", "timeseries_id");
      h5::make_scale(m.parcel, "parcel");
      std::vector<int> index(p.size());
      std::iota(index.begin(), index.end(), 0);
      h5::Id pi = h5::write_1d(root, "parcel_index", H5T_STD_I32LE, H5T_NATIVE_INT, index.data(),
                               index.size());
      h5::attr_cf(pi, "1",
                  "position of the simulated record among the simulated records of the source "
                  "layer, 0..P-1 (the parcel coordinate of format 1.x and 2.x)");
      h5::attach(pi, m.parcel, 0);
    }

    std::vector<std::string> species_codes;
    for (const auto& sp : inputs.species.all()) species_codes.push_back(sp.code);
    m.species = h5::write_strings(root, "species", species_codes);
    h5::attr_cf(m.species, "1", "species code (data/species.csv)");
    h5::make_scale(m.species, "species");
    m.municipality = h5::write_strings(root, "municipality", p.municipality_names);
    h5::attr_cf(m.municipality, "1", "municipality name (sorted)");
    h5::make_scale(m.municipality, "municipality");
    std::vector<std::string> regimes;
    for (const auto& r : inputs.model.management.regimes) regimes.push_back(r.name);
    regimes.emplace_back("(no regime)");
    m.regime = h5::write_strings(root, "regime", regimes);
    h5::attr_cf(
        m.regime, "1",
        "silvicultural regime of the scenario; the last entry collects parcels without one");
    h5::make_scale(m.regime, "regime");

    // Static parcel variables, in source order.
    auto ordered = [&](const auto& column) {
      std::vector<std::remove_cvref_t<decltype(column[0])>> v(column.size());
      for (std::size_t k = 0; k < column.size(); ++k) v[k] = column[row_at[k]];
      return v;
    };
    // CF flag_values 0..n-1 (of the variable's type) and flag_meanings (blank-separated words).
    auto flags = [](hid_t ds, hid_t file_type, hid_t mem_type,
                    const std::vector<std::string>& meanings) {
      std::vector<unsigned char> buf(meanings.size() * H5Tget_size(mem_type));
      for (std::size_t k = 0; k < meanings.size(); ++k) {
        if (H5Tequal(mem_type, H5T_NATIVE_SCHAR) > 0)
          reinterpret_cast<signed char*>(buf.data())[k] = static_cast<signed char>(k);
        else if (H5Tequal(mem_type, H5T_NATIVE_SHORT) > 0)
          reinterpret_cast<short*>(buf.data())[k] = static_cast<short>(k);
        else
          reinterpret_cast<float*>(buf.data())[k] = static_cast<float>(k);
      }
      h5::attr_array(ds, "flag_values", file_type, mem_type, buf.data(), meanings.size());
      std::string text;
      for (const auto& w : meanings) {
        std::string word = w;
        for (char& c : word) {
          if (c == ' ') c = '_';
        }
        text += (text.empty() ? "" : " ") + word;
      }
      h5::attr_string(ds, "flag_meanings", text);
    };
    auto parcel_var = [&](hid_t ds, const std::string& units, const std::string& long_name) {
      h5::attr_cf(ds, units, long_name);
      h5::attr_string(ds, "coordinates", "parcel_key");
      h5::attach(ds, m.parcel, 0);
    };
    {
      h5::Id key = h5::write_strings(root, "parcel_key", ordered(p.key));
      h5::attr_cf(key, "1", "register key of the parcel (scenario field 'id')");
      h5::attach(key, m.parcel, 0);
      const auto fid = ordered(p.source_fid);
      parcel_var(
          h5::write_1d(root, "source_fid", H5T_STD_I64LE, H5T_NATIVE_INT64, fid.data(), fid.size()),
          "1", "feature id in the parcel source layer");
      const auto area = ordered(p.area_ha);
      parcel_var(
          h5::write_1d(root, "area", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, area.data(), area.size()),
          "ha", "parcel area");
      std::vector<short> idx(p.size());
      for (std::size_t k = 0; k < p.size(); ++k) idx[k] = static_cast<short>(p.species[row_at[k]]);
      {
        h5::Id ds = h5::write_1d(root, "parcel_species", H5T_STD_I16LE, H5T_NATIVE_SHORT,
                                 idx.data(), idx.size());
        parcel_var(ds, "1",
                   "species of the parcel at the start: index into the species coordinate");
        flags(ds, H5T_STD_I16LE, H5T_NATIVE_SHORT, species_codes);
      }
      {
        std::vector<std::string> names(p.size()), types(p.size());
        for (std::size_t k = 0; k < p.size(); ++k) {
          const std::size_t i = row_at[k];
          names[k] = p.register_species_name(i);
          if (p.forest_type[i] < p.forest_type_names.size())
            types[k] = p.forest_type_names[p.forest_type[i]];
        }
        parcel_var(h5::write_strings(root, "register_species_name", names), "1",
                   "species name (樹種) as the register gives it (\"\" when empty)");
        parcel_var(h5::write_strings(root, "register_forest_type_name", types), "1",
                   "forest type (林種) as the register gives it (\"\" when not mapped or empty)");
      }
      for (std::size_t k = 0; k < p.size(); ++k)
        idx[k] = static_cast<short>(p.municipality[row_at[k]]);
      parcel_var(h5::write_1d(root, "parcel_municipality", H5T_STD_I16LE, H5T_NATIVE_SHORT,
                              idx.data(), idx.size()),
                 "1", "municipality of the parcel: index into the municipality coordinate");
      const auto site = ordered(p.site_class);
      parcel_var(h5::write_1d(root, "site_class", H5T_STD_I32LE, H5T_NATIVE_INT32, site.data(),
                              site.size()),
                 "1", "register site class (地位); 0 when not recorded");
      for (std::size_t k = 0; k < p.size(); ++k) {
        const std::uint16_t r = p.regime[row_at[k]];
        idx[k] = static_cast<short>(r == kNoRegime ? regimes.size() - 1 : r);
      }
      parcel_var(h5::write_1d(root, "parcel_regime", H5T_STD_I16LE, H5T_NATIVE_SHORT, idx.data(),
                              idx.size()),
                 "1", "regime of the parcel: index into the regime coordinate");
      std::vector<signed char> st(p.size());
      for (std::size_t k = 0; k < p.size(); ++k)
        st[k] = static_cast<signed char>(p.storey[row_at[k]]);
      {
        h5::Id ds =
            h5::write_1d(root, "storey", H5T_STD_I8LE, H5T_NATIVE_SCHAR, st.data(), st.size());
        parcel_var(ds, "1", "storey of the record: 0 single, 1 upper (上層木), 2 lower (下層木)");
        flags(ds, H5T_STD_I8LE, H5T_NATIVE_SCHAR, {"single", "upper", "lower"});
      }
      for (std::size_t k = 0; k < p.size(); ++k)
        st[k] = static_cast<signed char>(p.fallback[row_at[k]]);
      {
        h5::Id ds = h5::write_1d(root, "fallback_species", H5T_STD_I8LE, H5T_NATIVE_SCHAR,
                                 st.data(), st.size());
        parcel_var(ds, "1", "1 if the species came from the unknown-species fallback, else 0");
        flags(ds, H5T_STD_I8LE, H5T_NATIVE_SCHAR, {"register_species", "fallback_species"});
      }
      std::vector<int> age(p.size());
      for (std::size_t k = 0; k < p.size(); ++k) age[k] = p.age[row_at[k]];
      parcel_var(
          h5::write_1d(root, "initial_age", H5T_STD_I32LE, H5T_NATIVE_INT, age.data(), age.size()),
          "year", "stand age at the end of the fiscal year before start_year");
    }

    // Per-parcel series, created empty and filled one output year at a time.
    if (!out.variables.empty()) {
      // The per-parcel series are CF discrete-sampling-geometry time series (parcel x
      // output_year), one per parcel, identified by the parcel coordinate (cf_role).
      h5::attr_string(root, "featureType", "timeSeries");
      std::vector<int> oy;
      for (int t : out.time_index) oy.push_back(year[static_cast<std::size_t>(t)]);
      m.output_year =
          h5::write_1d(root, "output_year", H5T_STD_I32LE, H5T_NATIVE_INT, oy.data(), oy.size());
      h5::attr_cf(m.output_year, "1",
                  "fiscal year of the per-parcel series (end-of-year state; fluxes summed since "
                  "the previous output year)");
      h5::make_scale(m.output_year, "output_year");
      {
        // Each output year's interval: from the end of the previous output year (the start of
        // the run for the first; its own fiscal year for the initial state) to its end.
        std::vector<double> time(oy.size()), bounds(2 * oy.size());
        for (std::size_t j = 0; j < oy.size(); ++j) {
          const int from = j > 0                    ? oy[j - 1] + 1
                           : out.time_index[0] == 0 ? oy[0]
                                                    : inputs.start_year;
          bounds[2 * j] = fiscal_year_start_days(from);
          bounds[2 * j + 1] = time[j] = fiscal_year_start_days(oy[j] + 1);
        }
        write_time(root, "output_time", "output_time_bounds", time, bounds, m.output_year, m.nv,
                   "end of the output fiscal year (stocks); its bounds are the years a flux is "
                   "summed over");
      }
      const hsize_t dims[2] = {p.size(), oy.size()};
      m.row_at = std::move(row_at);  // the static datasets above were its other users
      m.chunk_times = sim::series_time_group(p.size(), out.variables.size(), oy.size());
      m.chunk_rows = std::max<std::size_t>(
          1, std::min(std::max<std::size_t>(1, kChunkValues / m.chunk_times), p.size()));
      const hsize_t chunk[2] = {m.chunk_rows, m.chunk_times};
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
        h5::Id ds = h5::checked(H5Dcreate2(root, std::string(info.name).c_str(), H5T_IEEE_F32LE,
                                           space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                                H5Dclose, "create dataset " + std::string(info.name));
        h5::attr_float(ds, "_FillValue", fill);
        std::string long_name(info.long_name);
        std::string units(info.units);
        if (info.is_flux && out.time_index.size() > 1 &&
            out.time_index[1] - out.time_index[0] > 1) {
          long_name += v == sim::ParcelVar::operation
                           ? " (largest code of the years since the previous output year)"
                           : " (sum over the years since the previous output year)";
          // A sum over several years is an amount over the interval (output_time_bounds), not a
          // yearly rate: t ha-1, not t ha-1 year-1 (3.1).
          const std::string per_year = " year-1";
          if (units.size() > per_year.size() &&
              units.compare(units.size() - per_year.size(), per_year.size(), per_year) == 0)
            units.resize(units.size() - per_year.size());
        }
        h5::attr_cf(ds, units, long_name);
        if (const auto sn = parcel_standard_name(v); !sn.empty())
          h5::attr_string(ds, "standard_name", std::string(sn));
        h5::attr_string(ds, "cell_methods",
                        !info.is_flux                    ? "time: point"
                        : v == sim::ParcelVar::operation ? "time: maximum"
                                                         : "time: sum");
        if (v == sim::ParcelVar::operation) {
          const float codes[4] = {0, 1, 2, 3};
          h5::attr_array(ds, "flag_values", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, codes, 4);
          h5::attr_string(ds, "flag_meanings",
                          "none thinning density_triggered_thinning final_felling");
        }
        h5::attr_string(ds, "coordinates", "parcel_key output_time");
        h5::attach(ds, m.parcel, 0);
        h5::attach(ds, m.output_year, 1);
        m.series.push_back(std::move(ds));
        m.series_names.emplace_back(info.name);
      }
    }
  } catch (const std::exception& e) {
    throw abandon(what_failed(e));
  }
}

ResultsWriter::~ResultsWriter() {
  if (!finished_) (void)abandon("");
}

OutputError ResultsWriter::abandon(const std::string& what) noexcept {
  // Datasets and groups close before the file (Impl declares the file first). Each handle is
  // closed once: a file whose close failed (a full disk fails its last flush) is never touched
  // again, and init_hdf5 keeps HDF5's exit handler from closing it a second time.
  impl_.reset();
  std::error_code ec;
  fs::remove(temp_path_, ec);  // no error if it is not there
  try {
    const std::string removed =
        ec ? "the temporary file '" + temp_path_ + "' could not be removed (" + ec.message() + ")"
           : "the temporary file was removed";
    return OutputError("cannot write the results file '" + path_ + "': " + what + "; " + removed +
                       " and '" + path_ + "' was not changed");
  } catch (...) {
    return OutputError("cannot write the results file");
  }
}

// The chunk pipeline is shuffle then deflate (set in that order above), so a chunk is encoded
// here as HDF5's filters would decode it: the float32 values byte-shuffled (all first bytes, then
// all second bytes, ...) and deflated at level 1 into a zlib stream. The deflate is ISA-L's
// (Debian libisal): about three times zlib's speed at level 1 on these series, for chunks about
// a tenth larger; any zlib inflates them. A chunk holds chunk_rows parcels (in source order) x
// chunk_times output times, row-major, so each parcel's years are neighbours; places past the
// last parcel or output time hold the fill value. Each chunk is gathered from the run's planes
// straight into its shuffled bytes; chunks of every variable are encoded on all threads, then
// written in order.
void ResultsWriter::write_times(std::size_t first, std::size_t count, std::size_t stride,
                                const std::vector<std::vector<float>>& columns) {
  if (!impl_) throw OutputError("results file '" + path_ + "': written to after a failure");
  try {
    Impl& m = *impl_;
    if (m.parcels == 0) return;
    if (stride != m.chunk_times || first % m.chunk_times != 0) {
      throw OutputError("per-parcel series handed in groups of " + std::to_string(stride) +
                        " output times, chunks hold " + std::to_string(m.chunk_times));
    }
    const std::size_t rows = m.chunk_rows, times = m.chunk_times, n = rows * times;
    const std::size_t chunks = (m.parcels + rows - 1) / rows;
    const std::size_t vars = m.series.size();
    const std::size_t planes = m.row_at.size();  // landscape rows: the length of a plane
    std::vector<std::vector<unsigned char>> encoded(vars * chunks);
    // Parallel contract: each thread owns its buffers and writes encoded[task] of its own tasks
    // only. Nothing may leave the region by an exception: the first failure is kept (in task
    // order) and thrown after it, and the other chunks are still encoded (cheap).
    std::string error;
    std::size_t error_task = encoded.size();
#pragma omp parallel
    {
      std::vector<unsigned char> shuffled(n * sizeof(float));
      // Room for stored blocks if the data do not compress, and the zlib frame.
      std::vector<unsigned char> packed(shuffled.size() + shuffled.size() / 16 + 1024);
      std::vector<std::uint8_t> level_buf(ISAL_DEF_LVL1_DEFAULT);
#pragma omp for schedule(dynamic, 1)
      for (std::size_t task = 0; task < encoded.size(); ++task) {
        std::string failure;
        try {
          const float* column = columns[task / chunks].data();
          const std::size_t p0 = (task % chunks) * rows;
          const std::size_t used = std::min(rows, m.parcels - p0);
          unsigned char* byte[4] = {shuffled.data(), shuffled.data() + n, shuffled.data() + 2 * n,
                                    shuffled.data() + 3 * n};
          for (std::size_t r = 0; r < rows; ++r) {
            const std::size_t row = r < used ? m.row_at[p0 + r] : 0;
            for (std::size_t s = 0; s < times; ++s) {
              const float v = r < used && s < count ? column[s * planes + row] : std::nanf("");
              const auto bits = std::bit_cast<std::uint32_t>(v);
              const std::size_t at = r * times + s;
              for (std::size_t b = 0; b < 4; ++b)
                byte[b][at] = static_cast<unsigned char>(bits >> (8 * b));
            }
          }
          isal_zstream z;
          isal_deflate_stateless_init(&z);
          z.level = 1;
          z.level_buf = level_buf.data();
          z.level_buf_size = static_cast<std::uint32_t>(level_buf.size());
          z.gzip_flag = IGZIP_ZLIB;
          z.end_of_stream = 1;
          z.flush = NO_FLUSH;
          z.next_in = shuffled.data();
          z.avail_in = static_cast<std::uint32_t>(shuffled.size());
          z.next_out = packed.data();
          z.avail_out = static_cast<std::uint32_t>(packed.size());
          const int status = isal_deflate_stateless(&z);
          if (status != COMP_OK) failure = "ISA-L deflate error " + std::to_string(status);
          // Kept at its size: the chunks of every variable wait here until they are written.
          encoded[task].assign(packed.data(),
                               packed.data() + (status == COMP_OK ? z.total_out : 0));
        } catch (const std::exception& e) {
          failure = what_failed(e);
        } catch (...) {
          failure = "unknown error";
        }
        if (!failure.empty()) {
#pragma omp critical(shinrin_writer_error)
          if (task < error_task) {
            error_task = task;
            error = std::move(failure);
          }
        }
      }
    }
    if (error_task < encoded.size()) {
      throw OutputError("failed to compress per-parcel series '" +
                        m.series_names[error_task / chunks] + "' (chunk " +
                        std::to_string(error_task % chunks) + ": " + error + ")");
    }
    for (std::size_t task = 0; task < encoded.size(); ++task) {
      const hsize_t offset[2] = {(task % chunks) * rows, first};
      h5::check(H5Dwrite_chunk(m.series[task / chunks], H5P_DEFAULT, 0, offset,
                               encoded[task].size(), encoded[task].data()),
                "write per-parcel series '" + m.series_names[task / chunks] + "'");
    }
  } catch (const std::exception& e) {
    throw abandon(what_failed(e));
  }
}

void ResultsWriter::finish(const sim::Aggregates& agg,
                           const std::vector<crediting::Credits>& credits) {
  if (!impl_) throw OutputError("results file '" + path_ + "': finished after a failure");
  try {
    write_results(agg, credits);
    Impl& m = *impl_;
    h5::check(H5Fflush(m.file, H5F_SCOPE_GLOBAL), "flush the file");
    const hid_t f = m.file.release();  // closed once, even if the close fails
    h5::check(H5Fclose(f), "close the file");
    impl_.reset();
    sync_file(temp_path_);
    if (stop_ != nullptr && stop_->load() != 0) {
      throw Interrupted(stop_->load(), "the run stopped before its results were put in place");
    }
    std::error_code ec;
    fs::rename(temp_path_, path_, ec);
    if (ec) throw OutputError("cannot rename '" + temp_path_ + "' to it (" + ec.message() + ")");
  } catch (const Interrupted&) {
    (void)abandon("");
    throw;
  } catch (const std::exception& e) {
    throw abandon(what_failed(e));
  }
  finished_ = true;
  sync_folder_of(path_);
}

void ResultsWriter::write_results(const sim::Aggregates& agg,
                                  const std::vector<crediting::Credits>& credits) {
  Impl& m = *impl_;
  const hid_t root = m.file;
  const std::size_t times = agg.total.times();

  auto group_series = [&](const sim::GroupSeries& g, const char* prefix, hid_t scale,
                          const char* what) {
    for (std::size_t v = 0; v < sim::kAggVarCount; ++v) {
      const auto& info = sim::agg_var_info(sim::AggVar(v));
      std::vector<double> data(g.groups() * times);
      for (std::size_t i = 0; i < g.groups(); ++i) {
        for (std::size_t t = 0; t < times; ++t) data[i * times + t] = g.at(i, t, sim::AggVar(v));
      }
      const std::string name = std::string(prefix) + std::string(info.name);
      h5::Id ds = scale >= 0 ? h5::write_2d(root, name.c_str(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                            data.data(), g.groups(), times)
                             : h5::write_1d(root, name.c_str(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                            data.data(), times);
      if (info.is_flux) h5::attr_double(ds, "_FillValue", std::nan(""));
      h5::attr_cf(ds, std::string(info.units), std::string(info.long_name) + what);
      h5::attr_string(ds, "cell_methods", info.is_flux ? "time: sum" : "time: point");
      h5::attr_string(ds, "coordinates", "time");
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
  write_age_classes(root, m.year, agg.by_age_class);
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
    h5::Id ds = h5::write_2d(root, "carbon_flux", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, data.data(),
                             carbon::kFluxCount, times);
    h5::attr_double(ds, "_FillValue", std::nan(""));
    h5::attr_cf(ds, "t year-1",
                "carbon moved on each flux channel during the fiscal year (all simulated parcels)");
    h5::attr_string(ds, "coordinates", "flux_module");
    h5::attach(ds, flux, 0);
    h5::attach(ds, m.year, 1);
  }
  {
    h5::Id a =
        h5::write_scalar(root, "total_area", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &agg.total_area_ha);
    h5::attr_cf(a, "ha", "area of all simulated parcels");
    h5::Id s = h5::write_1d(root, "species_area", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                            agg.species_area_ha.data(), agg.species_area_ha.size());
    h5::attr_cf(s, "ha", "simulated area per species at the end of the run");
    h5::attach(s, m.species, 0);
    h5::Id mu = h5::write_1d(root, "municipality_area", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                             agg.municipality_area_ha.data(), agg.municipality_area_ha.size());
    h5::attr_cf(mu, "ha", "simulated area per municipality");
    h5::attach(mu, m.municipality, 0);
    h5::Id rg = h5::write_1d(root, "regime_area", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                             agg.regime_area_ha.data(), agg.regime_area_ha.size());
    h5::attr_cf(rg, "ha", "simulated area per regime");
    h5::attach(rg, m.regime, 0);
  }

  write_plan(root, m.year, agg.plan, *m.inputs);
  write_fuel(root, agg.fuel, *m.inputs);
  write_crediting(root, credits, *m.inputs);

  // Handling classes: every record read, in exactly one class.
  {
    std::vector<std::string> names;
    for (std::size_t h = 0; h < kHandlingCount; ++h) names.emplace_back(handling_name(Handling(h)));
    h5::Id cls = h5::write_strings(root, "handling_class", names);
    h5::attr_cf(cls, "1", "how register records were handled");
    h5::make_scale(cls, "handling_class");
    h5::Id rec = h5::write_1d(root, "handling_records", H5T_STD_I64LE, H5T_NATIVE_INT64,
                              m.record.handling.records.data(), kHandlingCount);
    h5::attr_cf(rec, "1", "register records per handling class");
    h5::attach(rec, cls, 0);
    // Warnings about records (counted, not classes: the records are in the classes above).
    const HandlingReport& hr = m.record.handling;
    const int implausible = static_cast<int>(hr.implausible_age_records),
              bound = kPlausibleAgeYears, unusable = static_cast<int>(hr.unusable_area_records);
    h5::attr_int(rec, "implausible_age_records", std::span(&implausible, 1));
    h5::attr_int(rec, "implausible_age_above_years", std::span(&bound, 1));
    h5::attr_int(rec, "unusable_area_records", std::span(&unusable, 1));
    h5::Id ha = h5::write_1d(root, "handling_hectares", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                             m.record.handling.hectares.data(), kHandlingCount);
    h5::attr_cf(ha, "ha", "register area per handling class");
    h5::attach(ha, cls, 0);
  }

  // Parcels past the data of their growth curves (counted from the inputs at load).
  write_past_data(root, m.record.past_data);

  // Parameters used, with provenance.
  {
    h5::Id g = tracked_group(root, "parameters");
    h5::attr_string(g, "description",
                    "every parameter value the simulated parcels used, with unit, status tag (C, "
                    "C*, D, U) and source");
    write_parameter_table(g, m.record.parameters_used, "");
  }

  // Inputs and the resolved scenario.
  {
    h5::Id g = tracked_group(root, "inputs");
    h5::attr_string(g, "description", "input files of the run and their SHA-256");
    std::vector<int> idx(m.record.inputs.size());
    std::iota(idx.begin(), idx.end(), 0);
    h5::Id dim = h5::write_1d(g, "input", H5T_STD_I32LE, H5T_NATIVE_INT, idx.data(), idx.size());
    h5::attr_cf(dim, "1", "input file row");
    h5::make_scale(dim, "input");
    std::vector<std::string> role, path, sha;
    for (const auto& in : m.record.inputs) {
      role.push_back(in.role);
      path.push_back(in.path);
      sha.push_back(in.sha256);
    }
    for (const auto& [col, vals] :
         {std::pair{"role", &role}, std::pair{"path", &path}, std::pair{"sha256", &sha}}) {
      h5::Id ds = h5::write_strings(g, col, *vals);
      h5::attr_cf(ds, "1", std::string("input ") + col);
      h5::attach(ds, dim, 0);
    }
    h5::Id s = tracked_group(root, "scenario");
    h5::attr_string(s, "sha256", m.record.scenario_sha256);
    h5::attr_string(s, "path", m.record.scenario_file);
    h5::Id text = h5::write_string_scalar(s, "text", m.record.scenario_text);
    h5::attr_cf(text, "1", "fully resolved scenario (YAML) the run used");
  }

  const int complete[1] = {1};
  h5::attr_int(root, "complete", complete);
  m.series.clear();
  m.year.reset();
  m.parcel.reset();
  m.output_year.reset();
  m.nv.reset();
  m.species.reset();
  m.municipality.reset();
  m.regime.reset();
  m.plan.reset();
}

}  // namespace shinrin::io
