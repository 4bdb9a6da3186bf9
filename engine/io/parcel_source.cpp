#include "shinrin/io/parcel_source.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_recordbatch.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <unordered_map>

#include "register_text.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/core/units.hpp"

namespace shinrin::io {
namespace {

// Silences GDAL's own printing while alive; messages are read back with CPLGetLastErrorMsg().
struct QuietGdal {
  QuietGdal() {
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
  }
  ~QuietGdal() { CPLPopErrorHandler(); }
  QuietGdal(const QuietGdal&) = delete;
  QuietGdal& operator=(const QuietGdal&) = delete;
};

std::string gdal_message() {
  const char* m = CPLGetLastErrorMsg();
  return (m && *m) ? std::string(" (GDAL: ") + m + ")" : std::string();
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};

// A source field mapped to an engine field.
struct Mapped {
  std::string engine;  // engine field name
  std::string source;  // source field name
  int index = -1;      // index in the layer, -1 when not mapped
  OGRFieldType type = OFTString;
  // GeoPackage / SQLite: values of a numeric column stored as something else (text, or a real in
  // an integer column), by feature id, as the text SQLite holds (see stored_otherwise()).
  std::unordered_map<GIntBig, std::string> stored_otherwise = {};
};

// Drops ASCII white space and the ideographic space U+3000 at both ends (register_text.hpp), into
// `out` (keeping its capacity: this runs for every field of every record).
void trim_into(const char* s, std::string& out) {
  out.assign(trim_register_text(s ? s : ""));
}

void text_of(OGRFeature& f, const Mapped& m, std::string& out) {
  if (m.index < 0 || !f.IsFieldSetAndNotNull(m.index)) {
    out.clear();
    return;
  }
  trim_into(f.GetFieldAsString(m.index), out);
}

bool numeric(OGRFieldType t) {
  return t == OFTInteger || t == OFTInteger64 || t == OFTReal;
}

// A whole (trimmed) text as a finite decimal number ("12", "3.5", "1e3"); nothing else: no
// prefix is read ("12年", "2ha"), no decimal comma ("1,5"), no sign '+', no hexadecimal, no
// "inf" or "nan". std::from_chars does not depend on the locale.
bool parse_number(const std::string& s, double& v) {
  if (s.empty()) return false;
  const char* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, v, std::chars_format::general);
  return ec == std::errc() && ptr == end && std::isfinite(v);
}

// GeoPackage and SQLite columns take any value whatever their declared type (SQLite's type
// affinity), and OGR converts it to the declared type without a word: '12年' in an INTEGER column
// reads as 12, 'abc' as 0, '1,5' in a REAL column as 1.0, 12.5 in an INTEGER column as 12. This
// asks SQLite for the values whose storage class is not the column's (text or blobs; reals in an
// integer column), with the text SQLite holds, so that they are judged as text. Other drivers keep
// their values typed (FlatGeobuf, Shapefile, GeoJSON) and are not asked; a query the source cannot
// answer (a view without a feature id column) leaves the values as OGR reads them.
void find_stored_otherwise(GDALDataset& ds, OGRLayer& layer, Mapped& m) {
  if (m.index < 0 || !numeric(m.type)) return;
  const std::string driver = ds.GetDriver() ? ds.GetDriver()->GetDescription() : "";
  if (driver != "GPKG" && driver != "SQLite") return;
  const char* fid = layer.GetFIDColumn();
  if (fid == nullptr || *fid == '\0') return;
  auto quoted = [](const std::string& name) {
    std::string q = "\"";
    for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  const std::string col = quoted(m.source);
  const std::string allowed = m.type == OFTReal ? "'null', 'integer', 'real'" : "'null', 'integer'";
  const std::string sql = "SELECT CAST(" + col + " AS TEXT) AS shinrin_text, " + quoted(fid) +
                          " AS shinrin_fid FROM " + quoted(layer.GetName()) + " WHERE typeof(" +
                          col + ") NOT IN (" + allowed + ")";
  OGRLayer* rows = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (rows == nullptr) {
    CPLErrorReset();
    return;
  }
  // OGR may take the feature id column of a result as its FID rather than as a field.
  const int text_field = rows->GetLayerDefn()->GetFieldIndex("shinrin_text");
  const int fid_field = rows->GetLayerDefn()->GetFieldIndex("shinrin_fid");
  for (auto& f : *rows) {
    const GIntBig id = fid_field >= 0 ? f->GetFieldAsInteger64(fid_field) : f->GetFID();
    m.stored_otherwise[id] = text_field >= 0 && f->IsFieldSetAndNotNull(text_field)
                                 ? f->GetFieldAsString(text_field)
                                 : "";
  }
  ds.ReleaseResultSet(rows);
  CPLErrorReset();
}

void number_of(OGRFeature& f, const Mapped& m, setup::RawNumber& out) {
  out = {};
  if (m.index < 0) return;
  if (!m.stored_otherwise.empty()) {
    if (const auto it = m.stored_otherwise.find(f.GetFID()); it != m.stored_otherwise.end()) {
      out.present = true;
      trim_into(it->second.c_str(), out.text);
      out.valid = parse_number(out.text, out.value);
      return;
    }
  }
  if (!f.IsFieldSetAndNotNull(m.index)) return;
  out.present = true;
  if (numeric(m.type)) {
    out.value = f.GetFieldAsDouble(m.index);
    out.valid = std::isfinite(out.value);
    if (!out.valid) out.text = f.GetFieldAsString(m.index);
    return;
  }
  trim_into(f.GetFieldAsString(m.index), out.text);
  out.valid = parse_number(out.text, out.value);
}

// out.text (trimmed) as "YYYY-MM-DD", "YYYY/MM/DD" or "YYYYMMDD" (a date given as text or as an
// integer such as 20190401).
void date_from_text(setup::RawDate& out) {
  const std::string& s = out.text;
  auto digits = [&](std::size_t pos, std::size_t n, int& v) {
    if (pos + n > s.size()) return false;
    v = 0;
    for (std::size_t k = pos; k < pos + n; ++k) {
      if (s[k] < '0' || s[k] > '9') return false;
      v = v * 10 + (s[k] - '0');
    }
    return true;
  };
  bool ok = false;
  if (s.size() == 8) {
    ok = digits(0, 4, out.year) && digits(4, 2, out.month) && digits(6, 2, out.day);
  } else if (s.size() >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
    ok = digits(0, 4, out.year) && digits(5, 2, out.month) && digits(8, 2, out.day) &&
         (s.size() == 10 || s[10] == ' ' || s[10] == 'T');
  }
  out.valid =
      ok && out.year > 0 && out.month >= 1 && out.month <= 12 && out.day >= 1 && out.day <= 31;
}

// A date from a Date/DateTime field, or from text "YYYY-MM-DD", "YYYY/MM/DD" or "YYYYMMDD"
// (an integer field 20190401 reads as text).
void date_of(OGRFeature& f, const Mapped& m, setup::RawDate& out) {
  out = {};
  if (m.index < 0 || !f.IsFieldSetAndNotNull(m.index)) return;
  out.present = true;
  if (m.type == OFTDate || m.type == OFTDateTime) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
    float sec = 0;
    if (f.GetFieldAsDateTime(m.index, &y, &mo, &d, &h, &mi, &sec, &tz)) {
      out.year = y;
      out.month = mo;
      out.day = d;
      out.valid = y > 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
    }
    if (!out.valid) out.text = f.GetFieldAsString(m.index);
    return;
  }
  trim_into(f.GetFieldAsString(m.index), out.text);
  date_from_text(out);
}

// --- The columnar path: GDAL's Arrow stream ---------------------------------------------------
// About 2.5 times faster than feature by feature on a FlatGeobuf register (benchmarks/README.md).
// Taken only where it gives the records the feature accessors give: no geometry needed, not a
// GeoPackage or SQLite source (their values of another storage class are looked up by feature
// id), and every mapped field of a type read here exactly as OGR reads it: text as text,
// integers (which OGR writes as plain decimals when text is wanted), reals where a number is
// wanted (as text only when not finite: "nan", "inf", "-inf", as OGR writes them).

enum class Role { text, number, date };

bool arrow_type_ok(const OGRFieldDefn& d, Role role) {
  if (d.GetSubType() != OFSTNone && d.GetType() != OFTString) return false;
  switch (d.GetType()) {
    case OFTString:
    case OFTInteger:
    case OFTInteger64:
      return true;
    case OFTReal:
      return role == Role::number;
    default:
      return false;
  }
}

// The Arrow format of an OGR field type the columnar path reads.
std::string_view arrow_format(OGRFieldType t) {
  switch (t) {
    case OFTInteger:
      return "i";
    case OFTInteger64:
      return "l";
    case OFTReal:
      return "g";
    default:
      return "u";
  }
}

// One column of a batch.
struct Column {
  const ArrowArray* array = nullptr;
  OGRFieldType type = OFTString;

  bool set(std::int64_t i) const {
    if (array->null_count == 0 || array->buffers[0] == nullptr) return true;
    const std::int64_t k = i + array->offset;
    return (static_cast<const std::uint8_t*>(array->buffers[0])[k / 8] >> (k % 8)) & 1;
  }
  // Text up to its first NUL (where a C string from OGR ends).
  std::string_view text(std::int64_t i) const {
    const std::int64_t k = i + array->offset;
    const auto* offsets = static_cast<const std::int32_t*>(array->buffers[1]);
    const char* data = static_cast<const char*>(array->buffers[2]) + offsets[k];
    const std::size_t n = std::size_t(offsets[k + 1] - offsets[k]);
    return {data, strnlen(data, n)};
  }
  std::int64_t integer(std::int64_t i) const {
    const std::int64_t k = i + array->offset;
    return type == OFTInteger ? static_cast<const std::int32_t*>(array->buffers[1])[k]
                              : static_cast<const std::int64_t*>(array->buffers[1])[k];
  }
  double real(std::int64_t i) const {
    return static_cast<const double*>(array->buffers[1])[i + array->offset];
  }
};

void text_from(const Column* c, std::int64_t i, std::string& out) {
  if (c == nullptr || !c->set(i)) {
    out.clear();
  } else if (c->type == OFTString) {
    out.assign(trim_register_text(c->text(i)));
  } else {
    out = std::to_string(c->integer(i));
  }
}

void number_from(const Column* c, std::int64_t i, setup::RawNumber& out) {
  out = {};
  if (c == nullptr || !c->set(i)) return;
  out.present = true;
  if (c->type == OFTString) {
    out.text.assign(trim_register_text(c->text(i)));
    out.valid = parse_number(out.text, out.value);
  } else if (c->type == OFTReal) {
    out.value = c->real(i);
    out.valid = std::isfinite(out.value);
    if (!out.valid) out.text = std::isnan(out.value) ? "nan" : out.value > 0 ? "inf" : "-inf";
  } else {
    out.value = static_cast<double>(c->integer(i));
    out.valid = true;
  }
}

void date_from(const Column* c, std::int64_t i, setup::RawDate& out) {
  out = {};
  if (c == nullptr || !c->set(i)) return;
  out.present = true;
  if (c->type == OFTString) {
    out.text.assign(trim_register_text(c->text(i)));
  } else {
    out.text = std::to_string(c->integer(i));
  }
  date_from_text(out);
}

// Reads every record of `layer` (its unmapped fields and geometry ignored) through the Arrow
// stream into `sink`; the number read, or -1 when the stream cannot be had or does not hold the
// columns expected (then nothing was read, and the caller reads features). A failure while
// reading is left as GDAL's last error, as on the feature path. `fields` in the order of
// read_parcel_records(): id, species, age, area, site class, forest type, storey, municipality,
// volume, stems, snapshot date, then the extra fields.
std::int64_t read_by_arrow(OGRLayer& layer, const std::vector<Mapped*>& fields,
                           setup::RecordSink& sink) {
  ArrowArrayStream stream{};
  const char* options[] = {"INCLUDE_FID=YES", "MAX_FEATURES_IN_BATCH=65536", nullptr};
  if (!layer.GetArrowStream(&stream, options)) {
    CPLErrorReset();
    return -1;
  }
  struct Release {
    ArrowArrayStream& stream;
    ArrowSchema schema{};
    ~Release() {
      if (schema.release) schema.release(&schema);
      if (stream.release) stream.release(&stream);
    }
  } guard{stream};
  if (stream.get_schema(&stream, &guard.schema) != 0) return -1;
  const ArrowSchema& schema = guard.schema;
  auto column_of = [&](std::string_view name, std::string_view format) -> std::int64_t {
    for (std::int64_t c = 0; c < schema.n_children; ++c) {
      if (schema.children[c]->name == name && schema.children[c]->format == format) return c;
    }
    return -1;
  };
  const char* fid_name = layer.GetFIDColumn();
  const std::int64_t fid_column = column_of(fid_name && *fid_name ? fid_name : "OGC_FID", "l");
  constexpr std::size_t kFirstExtra = 11;
  std::vector<std::int64_t> column(fields.size(), -1);
  for (std::size_t k = 0; k < fields.size(); ++k) {
    if (fields[k]->index < 0) continue;
    column[k] = column_of(fields[k]->source, arrow_format(fields[k]->type));
    if (column[k] < 0) return -1;  // not as expected: read features
  }
  if (fid_column < 0) return -1;

  setup::RawRecord rec;
  rec.extra.resize(fields.size() - kFirstExtra);
  std::vector<Column> cols(fields.size());
  std::vector<const Column*> col(fields.size(), nullptr);
  std::int64_t read = 0;
  for (;;) {
    ArrowArray batch{};
    if (stream.get_next(&stream, &batch) != 0) {
      const char* why = stream.get_last_error(&stream);
      CPLError(CE_Failure, CPLE_AppDefined, "%s", why ? why : "Arrow stream failed");
      return read;
    }
    if (batch.release == nullptr) break;  // end of the layer
    struct ReleaseBatch {
      ArrowArray& a;
      ~ReleaseBatch() { a.release(&a); }
    } batch_guard{batch};
    for (std::size_t k = 0; k < fields.size(); ++k) {
      col[k] = nullptr;
      if (column[k] < 0) continue;
      cols[k] = {batch.children[column[k]], fields[k]->type};
      col[k] = &cols[k];
    }
    const Column fid{batch.children[fid_column], OFTInteger64};
    for (std::int64_t i = 0; i < batch.length; ++i) {
      ++read;
      rec.fid = fid.integer(i);
      text_from(col[0], i, rec.key);
      text_from(col[1], i, rec.species);
      number_from(col[2], i, rec.age);
      number_from(col[3], i, rec.area);
      number_from(col[4], i, rec.site_class);
      text_from(col[5], i, rec.forest_type);
      text_from(col[6], i, rec.storey);
      text_from(col[7], i, rec.municipality);
      number_from(col[8], i, rec.volume);
      number_from(col[9], i, rec.stems);
      date_from(col[10], i, rec.as_of);
      for (std::size_t k = 0; k < rec.extra.size(); ++k)
        text_from(col[kFirstExtra + k], i, rec.extra[k]);
      sink.record(rec);
    }
  }
  return read;
}

}  // namespace

// A polygon layer (a project area) in the parcel layer's CRS: whether a parcel's centroid lies in
// one of its polygons.
class PolygonTest {
 public:
  PolygonTest(const std::string& path, const std::string& layer_name,
              const OGRSpatialReference* parcel_crs, const std::string& parcels_where) {
    std::unique_ptr<GDALDataset, DatasetCloser> ds(GDALDataset::Open(
        path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds)
      throw InputError(path + ": cannot open the project polygons as a vector data source" +
                       gdal_message());
    OGRLayer* layer = layer_name.empty() ? (ds->GetLayerCount() > 0 ? ds->GetLayer(0) : nullptr)
                                         : ds->GetLayerByName(layer_name.c_str());
    if (!layer) throw InputError(path + ": no layer '" + layer_name + "' of project polygons");
    const std::string where = path + " layer '" + layer->GetName() + "'";
    const OGRSpatialReference* crs = layer->GetSpatialRef();
    std::unique_ptr<OGRCoordinateTransformation> to_parcels;
    if (crs && parcel_crs && !crs->IsSame(parcel_crs)) {
      to_parcels.reset(OGRCreateCoordinateTransformation(crs, parcel_crs));
      if (!to_parcels)
        throw InputError(where + ": cannot transform to the CRS of " + parcels_where +
                         gdal_message());
    } else if ((crs == nullptr) != (parcel_crs == nullptr)) {
      throw InputError(where + ": one of it and " + parcels_where +
                       " has no CRS, so they cannot be overlaid");
    }
    for (auto& f : *layer) {
      const OGRGeometry* g = f->GetGeometryRef();
      if (!g || g->IsEmpty()) continue;
      const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
      if (type != wkbPolygon && type != wkbMultiPolygon) {
        throw InputError(where + ": feature " + std::to_string(f->GetFID()) + " is not a polygon");
      }
      std::unique_ptr<OGRGeometry> copy(g->clone());
      if (to_parcels && copy->transform(to_parcels.get()) != OGRERR_NONE) {
        throw InputError(where + ": feature " + std::to_string(f->GetFID()) +
                         " cannot be transformed" + gdal_message());
      }
      OGREnvelope e;
      copy->getEnvelope(&e);
      envelopes_.push_back(e);
      polygons_.push_back(std::move(copy));
    }
    if (polygons_.empty()) throw InputError(where + ": no polygons");
  }

  bool contains_centroid(const OGRGeometry* g) const {
    OGRPoint c;
    if (g == nullptr || g->IsEmpty() || g->Centroid(&c) != OGRERR_NONE) return false;
    for (std::size_t k = 0; k < polygons_.size(); ++k) {
      const OGREnvelope& e = envelopes_[k];
      if (c.getX() < e.MinX || c.getX() > e.MaxX || c.getY() < e.MinY || c.getY() > e.MaxY)
        continue;
      if (polygons_[k]->Contains(&c)) return true;
    }
    return false;
  }

 private:
  std::vector<std::unique_ptr<OGRGeometry>> polygons_;
  std::vector<OGREnvelope> envelopes_;
};

ParcelRead read_parcel_records(const Scenario& s, const std::vector<std::string>& extra_fields,
                               setup::RecordSink& sink) {
  QuietGdal quiet;
  std::vector<const char*> options;
  for (const auto& o : s.open_options) options.push_back(o.c_str());
  options.push_back(nullptr);
  std::unique_ptr<GDALDataset, DatasetCloser> ds(GDALDataset::Open(
      s.parcels_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options.data(), nullptr));
  if (!ds) {
    std::string why = gdal_message();
    std::error_code ec;
    if (why.empty() && !std::filesystem::exists(s.parcels_path, ec)) why = " (no such file)";
    throw InputError(s.parcels_path + ": cannot open as a vector data source" + why);
  }
  OGRLayer* layer = nullptr;
  if (s.layer.empty()) {
    if (ds->GetLayerCount() < 1)
      throw InputError(s.parcels_path + ": the data source has no layers");
    layer = ds->GetLayer(0);
  } else {
    layer = ds->GetLayerByName(s.layer.c_str());
    if (!layer) {
      std::string names;
      for (int i = 0; i < ds->GetLayerCount(); ++i) {
        names += (names.empty() ? "" : ", ") + std::string(ds->GetLayer(i)->GetName());
      }
      throw InputError(s.parcels_path + ": no layer '" + s.layer + "' (layers: " + names + ")");
    }
  }
  const std::string where = s.parcels_path + " layer '" + layer->GetName() + "'";
  OGRFeatureDefn* defn = layer->GetLayerDefn();

  Mapped id{"id", s.fields.id}, sp{"species", s.fields.species}, age{"age", s.fields.age},
      area{"area", s.fields.area}, site{"site_class", s.fields.site_class},
      ftype{"forest_type", s.fields.forest_type}, storey{"storey", s.fields.storey},
      muni{"municipality", s.fields.municipality}, vol{"volume", s.fields.volume},
      stems{"stems", s.fields.stems}, as_of{"as_of", s.fields.as_of};
  // Extra fields: register fields (planning units, crediting), or polygon layers whose membership
  // the reader computes ("@polygons:<path>#<layer>", scenario.hpp polygon_field()).
  std::vector<Mapped> extra;
  std::vector<std::unique_ptr<PolygonTest>> polygon_of(extra_fields.size());
  for (std::size_t k = 0; k < extra_fields.size(); ++k) {
    const std::string& f = extra_fields[k];
    const bool polygons = f.rfind("@polygons:", 0) == 0;
    extra.push_back({"extra", polygons ? std::string() : f});
    if (polygons) {
      const std::string spec = f.substr(std::string("@polygons:").size());
      const auto hash = spec.rfind('#');
      polygon_of[k] = std::make_unique<PolygonTest>(spec.substr(0, hash), spec.substr(hash + 1),
                                                    layer->GetSpatialRef(), where);
    }
  }
  // This order is read_by_arrow()'s too.
  std::vector<Mapped*> all = {&id,     &sp,   &age, &area,  &site, &ftype,
                              &storey, &muni, &vol, &stems, &as_of};
  for (auto& e : extra) all.push_back(&e);
  for (Mapped* m : all) {
    if (m->source.empty()) continue;
    m->index = defn->GetFieldIndex(m->source.c_str());
    if (m->index < 0) {
      std::string names;
      for (int i = 0; i < defn->GetFieldCount(); ++i) {
        names += (names.empty() ? "" : ", ") + std::string(defn->GetFieldDefn(i)->GetNameRef());
      }
      const std::string key = m->engine == "extra"
                                  ? "a planning unit or crediting field "
                                    "('planning.targets[].unit', 'crediting.projects[]')"
                                  : "parcels.fields." + m->engine;
      throw InputError(where + ": scenario maps " + key + " to '" + m->source +
                       "', but the layer has no such field (fields: " + names + ")");
    }
    m->type = defn->GetFieldDefn(m->index)->GetType();
  }
  for (Mapped* m : {&area, &age, &vol, &stems, &site}) find_stored_otherwise(*ds, *layer, *m);

  // Area from geometry: transform to the scenario's projected CRS.
  std::unique_ptr<OGRCoordinateTransformation> to_area_crs;
  if (s.area_epsg) {
    OGRSpatialReference target;
    if (target.importFromEPSG(*s.area_epsg) != OGRERR_NONE || !target.IsProjected()) {
      throw InputError(s.file + ": area_from_geometry.epsg " + std::to_string(*s.area_epsg) +
                       " is not a projected CRS known to PROJ" + gdal_message());
    }
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const OGRSpatialReference* source = layer->GetSpatialRef();
    if (!source)
      throw InputError(where + ": the layer has no CRS, so its areas cannot be computed");
    if (!source->IsSame(&target)) {
      to_area_crs.reset(OGRCreateCoordinateTransformation(source, &target));
      if (!to_area_crs) {
        throw InputError(where + ": cannot transform the layer's CRS to EPSG:" +
                         std::to_string(*s.area_epsg) + gdal_message());
      }
    }
  }

  // Centroids for boiler distances, in the fuel section's projected CRS.
  std::unique_ptr<OGRCoordinateTransformation> to_fuel_crs;
  const bool centroids = s.fuel && s.fuel->epsg.has_value();
  if (centroids) {
    OGRSpatialReference target;
    if (target.importFromEPSG(*s.fuel->epsg) != OGRERR_NONE || !target.IsProjected()) {
      throw InputError(s.file + ": fuel.epsg " + std::to_string(*s.fuel->epsg) +
                       " is not a projected CRS known to PROJ" + gdal_message());
    }
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const OGRSpatialReference* source = layer->GetSpatialRef();
    if (!source)
      throw InputError(where +
                       ": the layer has no CRS, so distances to boilers cannot be computed");
    if (!source->IsSame(&target)) {
      to_fuel_crs.reset(OGRCreateCoordinateTransformation(source, &target));
      if (!to_fuel_crs) {
        throw InputError(where + ": cannot transform the layer's CRS to EPSG:" +
                         std::to_string(*s.fuel->epsg) + gdal_message());
      }
    }
  }

  // The columnar path where it reads what the feature path reads (see read_by_arrow()).
  const std::string driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
  const bool geometry =
      s.area_epsg.has_value() || centroids ||
      std::any_of(polygon_of.begin(), polygon_of.end(), [](const auto& p) { return p != nullptr; });
  bool columnar = !geometry && driver != "GPKG" && driver != "SQLite";
  for (Mapped* m : all) {
    if (m->index < 0) continue;
    const Role role = m == &as_of ? Role::date
                      : (m == &area || m == &age || m == &vol || m == &stems || m == &site)
                          ? Role::number
                          : Role::text;
    columnar = columnar && arrow_type_ok(*defn->GetFieldDefn(m->index), role);
  }
  std::int64_t read = -1;
  bool columnar_read = false;
  if (columnar) {
    std::vector<const char*> ignored;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
      if (std::none_of(all.begin(), all.end(), [&](const Mapped* m) { return m->index == i; }))
        ignored.push_back(defn->GetFieldDefn(i)->GetNameRef());
    }
    ignored.push_back("OGR_GEOMETRY");
    ignored.push_back(nullptr);
    if (layer->SetIgnoredFields(ignored.data()) == OGRERR_NONE) {
      layer->ResetReading();
      read = read_by_arrow(*layer, all, sink);
    }
    if (read < 0) {  // back to every field, feature by feature
      layer->SetIgnoredFields(nullptr);
      CPLErrorReset();
    }
    columnar_read = read >= 0;
  }

  setup::RawRecord rec;
  rec.extra.resize(extra.size());
  // The feature path: one record from one feature.
  auto record_of = [&](OGRFeature* feature) {
    rec.fid = feature->GetFID();
    text_of(*feature, id, rec.key);
    text_of(*feature, sp, rec.species);
    text_of(*feature, ftype, rec.forest_type);
    text_of(*feature, storey, rec.storey);
    text_of(*feature, muni, rec.municipality);
    number_of(*feature, area, rec.area);
    number_of(*feature, age, rec.age);
    number_of(*feature, vol, rec.volume);
    number_of(*feature, stems, rec.stems);
    number_of(*feature, site, rec.site_class);
    date_of(*feature, as_of, rec.as_of);
    for (std::size_t k = 0; k < extra.size(); ++k) {
      if (polygon_of[k]) {
        rec.extra[k] = polygon_of[k]->contains_centroid(feature->GetGeometryRef()) ? "1" : "";
      } else {
        text_of(*feature, extra[k], rec.extra[k]);
      }
    }
    rec.geometry_area_ha = 0.0;
    rec.geometry_problem.clear();
    if (s.area_epsg) {
      const OGRGeometry* g = feature->GetGeometryRef();
      if (g == nullptr || g->IsEmpty()) {
        rec.geometry_problem = "no geometry, so no area";
      } else {
        std::unique_ptr<OGRGeometry> copy(g->clone());
        if (to_area_crs && copy->transform(to_area_crs.get()) != OGRERR_NONE) {
          rec.geometry_problem =
              "geometry cannot be transformed to EPSG:" + std::to_string(*s.area_epsg) +
              gdal_message();
        } else {
          rec.geometry_area_ha =
              OGR_G_Area(OGRGeometry::ToHandle(copy.get())) / units::kSquareMetresPerHectare;
        }
      }
    }
    rec.located = false;
    rec.location_problem.clear();
    if (centroids) {
      const OGRGeometry* g = feature->GetGeometryRef();
      OGRPoint c;
      if (g == nullptr || g->IsEmpty() || g->Centroid(&c) != OGRERR_NONE) {
        rec.location_problem = "no geometry, so no centroid for boiler distances";
      } else if (to_fuel_crs && c.transform(to_fuel_crs.get()) != OGRERR_NONE) {
        rec.location_problem =
            "centroid cannot be transformed to EPSG:" + std::to_string(*s.fuel->epsg) +
            gdal_message();
      } else {
        rec.located = true;
        rec.x = c.getX();
        rec.y = c.getY();
      }
    }
    sink.record(rec);
  };
  if (read < 0) {  // feature by feature
    read = 0;
    layer->ResetReading();
    for (auto& feature : *layer) {
      ++read;
      record_of(feature.get());
    }
  }
  // The count the format declares: the FlatGeobuf header, the GeoPackage contents table
  // (gpkg_ogr_contents), which OGR returns without reading the features. A file truncated at a
  // feature boundary or inside its index reads fewer features without any GDAL error. Other drivers
  // count what they read (a Shapefile's count includes records marked deleted), so are not asked.
  const std::string declared_by =
      driver == "FlatGeobuf" ? "its FlatGeobuf header declares"
                             : "its GeoPackage contents table (gpkg_ogr_contents) declares";
  const bool failed = CPLGetLastErrorType() >= CE_Failure;
  const std::string failure = gdal_message();
  CPLErrorReset();
  const GIntBig declared =
      driver == "FlatGeobuf" || driver == "GPKG" ? layer->GetFeatureCount(FALSE) : -1;
  const std::string of_declared =
      declared >= 0 ? " of the " + std::to_string(declared) + " features " + declared_by
                    : std::string();
  if (failed) {
    throw InputError(where + ": reading features failed after " + std::to_string(read) +
                     of_declared + failure + "; the file is damaged or truncated");
  }
  if (declared >= 0 && declared != read) {
    throw InputError(where + ": read " + std::to_string(read) + " features, but " + declared_by +
                     " " + std::to_string(declared) +
                     "; the file is truncated or damaged, so nothing is simulated");
  }
  return {layer->GetName(), columnar_read};
}

std::string location_problem(int epsg, double x, double y) {
  QuietGdal quiet;
  OGRSpatialReference crs, wgs84;
  if (crs.importFromEPSG(epsg) != OGRERR_NONE || !crs.IsProjected()) {
    return "EPSG:" + std::to_string(epsg) + " is not a projected CRS known to PROJ";
  }
  wgs84.importFromEPSG(4326);
  crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  double west = 0, south = 0, east = 0, north = 0;
  const char* area = nullptr;
  std::unique_ptr<OGRCoordinateTransformation> tr(OGRCreateCoordinateTransformation(&crs, &wgs84));
  double lon = x, lat = y;
  if (!tr || !tr->Transform(1, &lon, &lat) || !std::isfinite(lon) || !std::isfinite(lat)) {
    return "(" + std::to_string(x) + ", " + std::to_string(y) +
           ") m is outside the area of EPSG:" + std::to_string(epsg);
  }
  if (crs.GetAreaOfUse(&west, &south, &east, &north, &area) &&
      !(lon >= west && lon <= east && lat >= south && lat <= north)) {
    char buf[256];
    std::snprintf(
        buf, sizeof buf,
        "(%g, %g) m is outside the area of EPSG:%d (%s: longitude %g to %g, latitude %g to %g; "
        "the point is at %.4f, %.4f)",
        x, y, epsg, area ? area : "area of use", west, east, south, north, lon, lat);
    return buf;
  }
  return "";
}

}  // namespace shinrin::io
