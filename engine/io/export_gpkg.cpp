// shinrin export RESULTS.h5 --to FILE.gpkg: one feature per simulated record with the geometry of
// its source feature (joined on source_fid, the register key checked), the static per-parcel
// variables and the per-parcel series (a column per variable and output year, or with --long a
// table parcel_series), the aggregate tables per fiscal year and a table of the variables with
// their units. Written with GDAL's GPKG driver, one transaction per layer, under a temporary name.
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <unordered_map>

#include "export_common.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/core/version.hpp"
#include "shinrin/io/durable_file.hpp"
#include "shinrin/io/results_export.hpp"
#include "shinrin/io/results_writer.hpp"

namespace shinrin::io {
namespace {

namespace fs = std::filesystem;
using exporting::Sheet;

//! Columns a GeoPackage (SQLite) table can hold: SQLite's default SQLITE_MAX_COLUMN.
constexpr std::size_t kMaxColumns = 2000;
//! Bytes of per-parcel series values held in memory at a time.
constexpr std::size_t kSeriesBudget = std::size_t(64) << 20;

// GDAL's messages are kept, not printed: the first failure is reported with the file it is about.
struct GdalErrors {
  std::string first_failure;
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* msg) {
    auto* self = static_cast<GdalErrors*>(CPLGetErrorHandlerUserData());
    if (self && level >= CE_Failure && self->first_failure.empty()) self->first_failure = msg;
  }
  GdalErrors() {
    GDALAllRegister();
    CPLPushErrorHandlerEx(&GdalErrors::handler, this);
    CPLErrorReset();
  }
  ~GdalErrors() { CPLPopErrorHandler(); }
  GdalErrors(const GdalErrors&) = delete;
  GdalErrors& operator=(const GdalErrors&) = delete;
  std::string why() const { return first_failure.empty() ? "" : " (GDAL: " + first_failure + ")"; }
};

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

// Removes the temporary GeoPackage and SQLite's side files unless the export put it in place.
struct TempFiles {
  std::string path;
  bool keep = false;
  ~TempFiles() {
    if (keep) return;
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path + suffix, ec);
  }
};

struct SeriesChoice {
  std::vector<const SeriesColumn*> columns;
};

SeriesChoice choose_series(const ResultsTables& t, const std::vector<std::string>& wanted) {
  SeriesChoice c;
  if (wanted.empty()) {
    for (const auto& s : t.series) c.columns.push_back(&s);
    return c;
  }
  for (const std::string& name : wanted) {
    const auto it = std::find_if(t.series.begin(), t.series.end(),
                                 [&](const SeriesColumn& s) { return s.name == name; });
    if (it == t.series.end()) {
      std::string held;
      for (const auto& s : t.series) held += (held.empty() ? "" : ", ") + s.name;
      throw InputError("export: --variables: the results file holds no per-parcel series '" + name +
                       "' (it holds: " + (held.empty() ? "none" : held) + ")");
    }
    if (std::find(c.columns.begin(), c.columns.end(), &*it) == c.columns.end())
      c.columns.push_back(&*it);
  }
  return c;
}

// Per-parcel series values of a block of rows, loaded when a row outside it is asked for.
class SeriesBlocks {
 public:
  SeriesBlocks(const std::string& path, const SeriesChoice& choice, std::size_t parcels,
               std::size_t years)
      : choice_(choice), parcels_(parcels), years_(years) {
    if (!choice.columns.empty() && years > 0) reader_ = std::make_unique<ParcelSeriesReader>(path);
    const std::size_t per_row = std::max<std::size_t>(1, choice.columns.size() * years * 4);
    rows_ = std::max<std::size_t>(1024, kSeriesBudget / per_row);
  }
  //! Series k of row p at output year j, NaN for the fill value.
  float value(std::size_t k, std::size_t p, std::size_t j) {
    if (p < first_ || p >= first_ + count_) load(p);
    return values_[k][(p - first_) * years_ + j];
  }

 private:
  void load(std::size_t p) {
    first_ = p - p % rows_;
    count_ = std::min(rows_, parcels_ - first_);
    values_.clear();
    for (const SeriesColumn* c : choice_.columns)
      values_.push_back(reader_->read(c->name, first_, count_));
  }
  const SeriesChoice& choice_;
  std::size_t parcels_, years_, rows_;
  std::unique_ptr<ParcelSeriesReader> reader_;
  std::size_t first_ = 0, count_ = 0;
  std::vector<std::vector<float>> values_;
};

OGRLayer* create_table(GDALDataset& ds, const std::string& name, const GdalErrors& errors,
                       const OGRSpatialReference* srs = nullptr,
                       OGRwkbGeometryType type = wkbNone) {
  const char* options[] = {"FID=fid", "GEOMETRY_NAME=geom", nullptr};
  OGRLayer* layer = ds.CreateLayer(name.c_str(), const_cast<OGRSpatialReference*>(srs), type,
                                   const_cast<char**>(options));
  if (!layer) throw OutputError("failed to create the layer '" + name + "'" + errors.why());
  return layer;
}

void add_field(OGRLayer& layer, const std::string& name, OGRFieldType type,
               const std::string& alternative, const GdalErrors& errors) {
  OGRFieldDefn f(name.c_str(), type);
  if (!alternative.empty()) f.SetAlternativeName(alternative.c_str());
  if (layer.CreateField(&f) != OGRERR_NONE)
    throw OutputError("failed to add the field '" + name + "' to the layer '" + layer.GetName() +
                      "'" + errors.why());
}

void begin(GDALDataset& ds, const std::string& layer, const GdalErrors& errors) {
  if (ds.StartTransaction() != OGRERR_NONE)
    throw OutputError("failed to start writing the layer '" + layer + "'" + errors.why());
}

void commit(GDALDataset& ds, const std::string& layer, const GdalErrors& errors) {
  if (ds.CommitTransaction() != OGRERR_NONE)
    throw OutputError("failed to write the layer '" + layer + "'" + errors.why());
}

void create(OGRLayer& layer, OGRFeature& f, const GdalErrors& errors) {
  if (layer.CreateFeature(&f) != OGRERR_NONE)
    throw OutputError("failed to write a feature of the layer '" + std::string(layer.GetName()) +
                      "'" + errors.why());
}

// Throws Interrupted if the stop flag is set.
void check_stop(const std::atomic<int>* stop, const std::string& when) {
  if (stop != nullptr && stop->load() != 0)
    throw Interrupted(stop->load(), "the export stopped " + when);
}

void set_real(OGRFeature& f, int field, double v) {
  if (std::isnan(v)) {
    f.SetFieldNull(field);
  } else {
    f.SetField(field, v);
  }
}

// The aggregate table `s`: fiscal_year, state, the group label (not for totals), one column per
// variable (alternative name "name [units]").
void write_sheet(GDALDataset& ds, const Sheet& s, const std::vector<int>& year,
                 const GdalErrors& errors, ExportReport& report) {
  OGRLayer* layer = create_table(ds, s.name, errors);
  add_field(*layer, "fiscal_year", OFTInteger, "", errors);
  add_field(*layer, "state", OFTString, "", errors);
  int first_value = 2;
  if (!s.group_column.empty()) {
    add_field(*layer, s.group_column, s.integer_labels ? OFTInteger : OFTString, "", errors);
    ++first_value;
  }
  if (!s.detail_column.empty()) {
    add_field(*layer, s.detail_column, OFTString, "", errors);
    ++first_value;
  }
  for (const auto& c : s.columns)
    add_field(*layer, c.name, OFTReal, c.name + " [" + c.units + "]", errors);
  begin(ds, s.name, errors);
  std::size_t rows = 0;
  for (std::size_t t = 0; t < year.size(); ++t) {
    for (std::size_t l = 0; l < s.labels.size(); ++l) {
      OGRFeature f(layer->GetLayerDefn());
      f.SetField(0, year[t]);
      f.SetField(1, exporting::state_of(t));
      int field = 2;
      if (!s.group_column.empty()) {
        if (s.integer_labels) {
          f.SetField(field++, std::stoi(s.labels[l]));
        } else {
          f.SetField(field++, s.labels[l].c_str());
        }
      }
      if (!s.detail_column.empty()) f.SetField(field++, s.details[l].c_str());
      for (std::size_t c = 0; c < s.columns.size(); ++c)
        set_real(f, first_value + int(c), s.values[c][l][t]);
      create(*layer, f, errors);
      ++rows;
    }
  }
  commit(ds, s.name, errors);
  report.written.push_back(s.name + ": " + std::to_string(rows) + " rows");
}

void write_variables(GDALDataset& ds, const ResultsTables& t, const SeriesChoice& choice,
                     const GdalErrors& errors, ExportReport& report) {
  OGRLayer* layer = create_table(ds, "variables", errors);
  for (const char* name : {"name", "units", "long_name", "kind", "tables"})
    add_field(*layer, name, OFTString, "", errors);
  begin(ds, "variables", errors);
  std::size_t rows = 0;
  auto add = [&](const std::string& name, const std::string& units, const std::string& long_name,
                 const char* kind, const std::string& tables) {
    OGRFeature f(layer->GetLayerDefn());
    f.SetField(0, name.c_str());
    f.SetField(1, units.c_str());
    f.SetField(2, long_name.c_str());
    f.SetField(3, kind);
    f.SetField(4, tables.c_str());
    create(*layer, f, errors);
    ++rows;
  };
  add("area", "ha", "parcel area", "static", "parcels");
  add("initial_age", "year", "stand age in the initial state", "static", "parcels");
  add("site_class", "1", "register site class (0: not recorded)", "static", "parcels");
  add("storey", "1", "0 single storey, 1 upper, 2 lower", "static", "parcels");
  for (const SeriesColumn* c : choice.columns)
    add(c->name, c->units, c->long_name, c->is_flux ? "flux" : "stock", "parcels (per hectare)");
  for (std::size_t v = 0; v < sim::kAggVarCount; ++v) {
    const auto& info = sim::agg_var_info(sim::AggVar(v));
    add(std::string(info.name), std::string(info.units), std::string(info.long_name),
        info.is_flux ? "flux" : "stock", "totals, species, municipality, regime");
  }
  if (!t.summary.age_classes.area.empty()) {
    for (std::size_t v = 0; v < sim::kAgeClassVarCount; ++v) {
      const auto& info = sim::age_class_var_info(sim::AgeClassVar(v));
      add(std::string(info.name), std::string(info.units), std::string(info.long_name), "stock",
          "age_class");
    }
  }
  commit(ds, "variables", errors);
  report.written.push_back("variables: " + std::to_string(rows) + " rows");
}

}  // namespace

ExportReport export_geopackage(const GeoPackageExport& r) {
  std::error_code ec;
  const fs::path to(r.to);
  if (fs::is_directory(to, ec))
    throw InputError("export: --to '" + r.to + "' is a folder (give --csv to write CSV tables)");
  if (fs::exists(fs::symlink_status(to, ec)) && !r.overwrite)
    throw InputError("export: '" + r.to + "' exists; give --overwrite to replace it");
  const fs::path folder = to.parent_path().empty() ? fs::path(".") : to.parent_path();
  if (!fs::is_directory(folder, ec))
    throw InputError("export: the folder of '" + r.to + "' does not exist");

  const ResultsTables t = read_results_tables(r.results);
  const SeriesChoice choice = choose_series(t, r.variables);
  const std::size_t years = t.output_year.size();
  constexpr std::size_t kStaticColumns = 14;  // fid, geom and the twelve static fields
  if (!r.long_table && kStaticColumns + choice.columns.size() * years > kMaxColumns) {
    throw InputError("export: " + std::to_string(choice.columns.size()) + " per-parcel series × " +
                     std::to_string(years) + " output years make " +
                     std::to_string(kStaticColumns + choice.columns.size() * years) +
                     " columns, more than the " + std::to_string(kMaxColumns) +
                     " a GeoPackage table can hold; choose fewer with --variables or write them "
                     "as a table with --long");
  }

  ExportReport report;
  // The parcel layer: the run's (checked byte for byte), or the one given.
  const std::string source_path = r.parcels.value_or(t.source.path);
  if (source_path.empty())
    throw InputError(
        "export: " + r.results +
        " records no parcel layer (/inputs has no row 'parcels'); give --parcels PATH");
  if (!fs::exists(source_path, ec)) {
    throw InputError("export: the parcel layer '" + source_path + "' does not exist" +
                     (r.parcels ? std::string()
                                : std::string(" (the run read it; give --parcels "
                                              "PATH if it has moved)")));
  }
  for (const auto& [input, what] :
       {std::pair{source_path, "the parcel layer"}, std::pair{r.results, "the results file"}}) {
    if (fs::exists(to, ec) && fs::equivalent(to, input, ec))
      throw InputError("export: --to '" + r.to + "' is " + what + " it reads; choose another path");
  }
  const std::string sha = file_sha256(source_path);
  if (sha != t.source.sha256) {
    const std::string what = "the parcel layer '" + source_path +
                             "' is not the file the run read (SHA-256 " + sha +
                             ", the results file records " + t.source.sha256 + ")";
    if (!r.parcels)
      throw InputError("export: " + what +
                       "; give --parcels PATH to export onto a layer of the same records anyway");
    report.warnings.push_back(what +
                              "; features are joined on source_fid and the register key is "
                              "checked");
  }

  GdalErrors errors;
  std::vector<const char*> open_options;
  for (const auto& o : t.source.open_options) open_options.push_back(o.c_str());
  open_options.push_back(nullptr);
  Dataset src(GDALDataset::Open(source_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                open_options.data(), nullptr));
  if (!src)
    throw InputError("export: cannot open '" + source_path + "' as a vector data source" +
                     errors.why());
  OGRLayer* in = t.source.layer.empty() ? (src->GetLayerCount() > 0 ? src->GetLayer(0) : nullptr)
                                        : src->GetLayerByName(t.source.layer.c_str());
  if (!in)
    throw InputError("export: " + source_path + " has no layer '" +
                     (t.source.layer.empty() ? std::string("(first)") : t.source.layer) + "'");
  const std::string where = source_path + " layer '" + in->GetName() + "'";
  const int key_index = t.source.key_field.empty()
                            ? -1
                            : in->GetLayerDefn()->GetFieldIndex(t.source.key_field.c_str());
  if (!t.source.key_field.empty() && key_index < 0)
    throw InputError("export: " + where + " has no field '" + t.source.key_field +
                     "' (the register key the run read)");

  const ParcelColumns& c = t.parcels;
  std::unordered_multimap<std::int64_t, std::size_t> rows_of;
  rows_of.reserve(c.size());
  for (std::size_t p = 0; p < c.size(); ++p) rows_of.emplace(c.source_fid[p], p);

  TempFiles temp{exporting::temp_name(r.to)};
  try {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) throw OutputError("GDAL has no GPKG driver");
    Dataset out(driver->Create(temp.path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!out) throw OutputError("failed to create '" + temp.path + "'" + errors.why());
    out->SetMetadataItem("shinrin_results", r.results.c_str());
    out->SetMetadataItem("shinrin_engine_version", std::string(engine_version()).c_str());
    out->SetMetadataItem("shinrin_results_date", t.summary.date_and_time.c_str());
    out->SetMetadataItem("shinrin_parcel_layer", source_path.c_str());

    // parcels: the source geometry (polygons as multipolygons), static variables, series.
    OGRwkbGeometryType type = in->GetGeomType();
    const OGRwkbGeometryType flat = wkbFlatten(type);
    const bool polygons = flat == wkbPolygon || flat == wkbMultiPolygon;
    if (polygons) type = wkbMultiPolygon;
    OGRLayer* layer = create_table(*out, "parcels", errors, in->GetSpatialRef(), type);
    const std::pair<const char*, OGRFieldType> statics[] = {
        {"parcel", OFTString},
        {"parcel_key", OFTString},
        {"source_fid", OFTInteger64},
        {"area", OFTReal},
        {"species", OFTString},
        {"municipality", OFTString},
        {"regime", OFTString},
        {"site_class", OFTInteger},
        {"storey", OFTInteger},
        {"initial_age", OFTInteger},
        {"register_species_name", OFTString},
        {"register_forest_type_name", OFTString}};
    for (const auto& [name, ftype] : statics) {
      const std::string n = name;
      add_field(*layer, n, ftype,
                n == "area"          ? "area [ha]"
                : n == "initial_age" ? "initial_age [year]"
                                     : "",
                errors);
    }
    if (!r.long_table) {
      for (const SeriesColumn* s : choice.columns) {
        for (int y : t.output_year) {
          add_field(*layer, s->name + "_" + std::to_string(y), OFTReal,
                    s->name + " " + std::to_string(y) + " [" + s->units + "]", errors);
        }
      }
    }
    SeriesBlocks blocks(r.results, choice, c.size(), years);
    std::vector<bool> written(c.size(), false);
    std::size_t features = 0;
    begin(*out, "parcels", errors);
    in->ResetReading();
    for (auto& feature : *in) {
      const auto [lo, hi] = rows_of.equal_range(feature->GetFID());
      if (lo == hi) continue;
      std::vector<std::size_t> rows;
      for (auto it = lo; it != hi; ++it) rows.push_back(it->second);
      std::sort(rows.begin(), rows.end());
      for (const std::size_t p : rows) {
        if (key_index >= 0) {
          const std::string key = feature->IsFieldSetAndNotNull(key_index)
                                      ? exporting::trimmed(feature->GetFieldAsString(key_index))
                                      : std::string();
          if (key != c.key[p]) {
            throw InputError("export: " + where + ": feature " + std::to_string(feature->GetFID()) +
                             " has the register key '" + key +
                             "', but the run's record of that "
                             "feature is '" +
                             c.key[p] + "': the layer is not the one the run read");
          }
        }
        OGRFeature f(layer->GetLayerDefn());
        f.SetField(0, c.id[p].c_str());
        f.SetField(1, c.key[p].c_str());
        f.SetField(2, static_cast<GIntBig>(c.source_fid[p]));
        set_real(f, 3, c.area[p]);
        f.SetField(4, c.species[p].c_str());
        f.SetField(5, c.municipality[p].c_str());
        f.SetField(6, c.regime[p].c_str());
        f.SetField(7, c.site_class[p]);
        f.SetField(8, c.storey[p]);
        f.SetField(9, c.initial_age[p]);
        f.SetField(10, c.register_species_name[p].c_str());
        f.SetField(11, c.register_forest_type_name[p].c_str());
        if (!r.long_table) {
          int field = 12;
          for (std::size_t k = 0; k < choice.columns.size(); ++k) {
            for (std::size_t j = 0; j < years; ++j)
              set_real(f, field++, double(blocks.value(k, p, j)));
          }
        }
        if (const OGRGeometry* g = feature->GetGeometryRef()) {
          OGRGeometry* copy = g->clone();
          if (polygons) copy = OGRGeometryFactory::forceToMultiPolygon(copy);
          f.SetGeometryDirectly(copy);
        }
        create(*layer, f, errors);
        written[p] = true;
        if (++features % 4096 == 0) check_stop(r.stop, "while writing the parcels");
      }
    }
    if (CPLGetLastErrorType() >= CE_Failure && !errors.first_failure.empty())
      throw InputError("export: reading " + where + " failed" + errors.why());
    if (features != c.size()) {
      std::size_t first = 0;
      while (first < c.size() && written[first]) ++first;
      throw InputError("export: " + where + " has no feature for " +
                       std::to_string(c.size() - features) + " of the " + std::to_string(c.size()) +
                       " simulated records (the first: parcel '" + c.id[first] + "', source_fid " +
                       std::to_string(c.source_fid[first]) +
                       "): the layer is not the one the run read");
    }
    commit(*out, "parcels", errors);
    report.written.push_back("parcels: " + std::to_string(features) + " features");

    if (r.long_table && !choice.columns.empty()) {
      OGRLayer* series = create_table(*out, "parcel_series", errors);
      add_field(*series, "parcel", OFTString, "", errors);
      add_field(*series, "fiscal_year", OFTInteger, "", errors);
      add_field(*series, "variable", OFTString, "", errors);
      add_field(*series, "value", OFTReal, "value [units of the variable, per hectare]", errors);
      begin(*out, "parcel_series", errors);
      std::size_t rows = 0;
      for (std::size_t p = 0; p < c.size(); ++p) {
        for (std::size_t j = 0; j < years; ++j) {
          for (std::size_t k = 0; k < choice.columns.size(); ++k) {
            OGRFeature f(series->GetLayerDefn());
            f.SetField(0, c.id[p].c_str());
            f.SetField(1, t.output_year[j]);
            f.SetField(2, choice.columns[k]->name.c_str());
            set_real(f, 3, double(blocks.value(k, p, j)));
            create(*series, f, errors);
            if (++rows % 65536 == 0) check_stop(r.stop, "while writing parcel_series");
          }
        }
      }
      commit(*out, "parcel_series", errors);
      // Joins and filters on a parcel (QGIS, SQL) would otherwise scan every row.
      OGRLayer* done = out->ExecuteSQL(
          "CREATE INDEX parcel_series_parcel ON parcel_series (parcel, fiscal_year)", nullptr,
          nullptr);
      if (done) out->ReleaseResultSet(done);
      if (!errors.first_failure.empty())
        throw OutputError("failed to index parcel_series" + errors.why());
      report.written.push_back("parcel_series: " + std::to_string(rows) + " rows");
    }
    for (const Sheet& s : exporting::aggregate_sheets(t))
      write_sheet(*out, s, t.summary.year, errors, report);
    write_variables(*out, t, choice, errors, report);

    GDALClose(out.release());
    if (!errors.first_failure.empty())
      throw OutputError("failed to finish the GeoPackage" + errors.why());
    sync_file(temp.path);
    check_stop(r.stop, "before the GeoPackage was put in place");
    fs::rename(temp.path, r.to, ec);
    if (ec) throw OutputError("cannot rename '" + temp.path + "' to it (" + ec.message() + ")");
    temp.keep = true;
  } catch (const InputError&) {
    throw;
  } catch (const OutputError& e) {
    throw OutputError("cannot write the GeoPackage '" + r.to + "': " + e.what() +
                      "; the temporary file was removed and '" + r.to + "' was not changed");
  }
  sync_folder_of(r.to);
  return report;
}

}  // namespace shinrin::io
