#include "shinrin/io/parcel_source.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>

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

//! Upper bound of a register stem count [ha-1] (one stem per 100 cm2).
constexpr double kMaxStemsPerHa = 1e6;

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};

// A source field mapped to an engine field.
struct Mapped {
  std::string engine;  // engine field name
  std::string source;  // source field name
  int index = -1;      // index in the layer, -1 when not mapped
};

// Drops ASCII white space and the ideographic space U+3000 (UTF-8 E3 80 80) at both ends.
std::string trimmed(const char* s) {
  std::string_view v = s ? s : "";
  constexpr std::string_view kWide = "\u3000";
  for (;;) {
    if (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\r' || v.front() == '\n')) {
      v.remove_prefix(1);
    } else if (v.substr(0, kWide.size()) == kWide) {
      v.remove_prefix(kWide.size());
    } else if (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r' || v.back() == '\n')) {
      v.remove_suffix(1);
    } else if (v.size() >= kWide.size() && v.substr(v.size() - kWide.size()) == kWide) {
      v.remove_suffix(kWide.size());
    } else {
      return std::string(v);
    }
  }
}

std::optional<Storey> parse_storey(const std::string& v) {
  if (v.empty()) return Storey::single;
  if (v == "上層木" || v == "上層" || v == "upper") return Storey::upper;
  if (v == "下層木" || v == "下層" || v == "lower") return Storey::lower;
  return std::nullopt;
}

std::string list_counts(const std::map<std::string, long>& counts, const char* what) {
  std::string out;
  for (const auto& [name, n] : counts) {
    out += "\n  '" + (name.empty() ? std::string("(empty)") : name) + "': " + std::to_string(n) +
           " " + what;
  }
  return out;
}

}  // namespace

ParcelLoad read_parcels(const Scenario& s, const SpeciesTable& species,
                        const std::map<std::string, AliasEntry>& aliases,
                        const std::map<std::string, LandClass>& forest_types) {
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
    if (ds->GetLayerCount() < 1) throw InputError(s.parcels_path + ": the data source has no layers");
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
      stems{"stems", s.fields.stems};
  for (Mapped* m : {&id, &sp, &age, &area, &site, &ftype, &storey, &muni, &vol, &stems}) {
    if (m->source.empty()) continue;
    m->index = defn->GetFieldIndex(m->source.c_str());
    if (m->index < 0) {
      std::string names;
      for (int i = 0; i < defn->GetFieldCount(); ++i) {
        names += (names.empty() ? "" : ", ") + std::string(defn->GetFieldDefn(i)->GetNameRef());
      }
      throw InputError(where + ": scenario maps parcels.fields." + m->engine + " to '" + m->source +
                       "', but the layer has no such field (fields: " + names + ")");
    }
  }

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
    if (!source) throw InputError(where + ": the layer has no CRS, so its areas cannot be computed");
    if (!source->IsSame(&target)) {
      to_area_crs.reset(OGRCreateCoordinateTransformation(source, &target));
      if (!to_area_crs) {
        throw InputError(where + ": cannot transform the layer's CRS to EPSG:" +
                         std::to_string(*s.area_epsg) + gdal_message());
      }
    }
  }

  std::optional<std::size_t> fallback;
  if (!s.unknown_species.empty()) {
    fallback = species.find(s.unknown_species);
    if (!fallback) {
      throw InputError(s.unknown_species_origin + ": fallback species '" + s.unknown_species +
                       "' is not a species code of " + s.species_table);
    }
  }
  const int age_shift = s.age_reference_year ? (s.start_year - 1 - *s.age_reference_year) : 0;

  ParcelLoad out;
  out.layer = layer->GetName();
  ParcelTable& t = out.parcels;
  std::map<std::string, std::uint16_t> muni_index;
  std::map<std::string, std::uint8_t> ftype_index;
  std::map<std::string, long> unknown_species, unknown_forest_types, unknown_storeys;
  std::vector<std::string> problems;
  long problem_count = 0;

  layer->ResetReading();
  for (auto& feature : *layer) {
    const std::int64_t fid = feature->GetFID();
    const std::string key =
        id.index >= 0 && feature->IsFieldSetAndNotNull(id.index) ? trimmed(feature->GetFieldAsString(id.index)) : "";
    const std::string label = "parcel '" + (key.empty() ? "(no id)" : key) + "' (feature " +
                              std::to_string(fid) + ")";
    std::vector<std::string> bad;  // problems of this record
    auto invalid = [&](const Mapped& m, const std::string& what) {
      bad.push_back(label + ": field '" + m.engine + "' (source field '" + m.source + "'): " + what);
    };

    if (key.empty()) invalid(id, "missing value; expected a register key");

    double area_ha = std::numeric_limits<double>::quiet_NaN();
    if (area.index >= 0) {
      if (feature->IsFieldSetAndNotNull(area.index)) area_ha = feature->GetFieldAsDouble(area.index);
      if (!std::isfinite(area_ha)) {
        invalid(area, "missing or not a number; expected an area > 0 ha");
      } else if (area_ha <= 0.0) {
        invalid(area, std::to_string(area_ha) + " ha; expected an area > 0 ha");
      }
    } else {
      const OGRGeometry* g = feature->GetGeometryRef();
      if (g == nullptr || g->IsEmpty()) {
        bad.push_back(label + ": no geometry, so no area");
      } else {
        std::unique_ptr<OGRGeometry> copy(g->clone());
        if (to_area_crs && copy->transform(to_area_crs.get()) != OGRERR_NONE) {
          bad.push_back(label + ": geometry cannot be transformed to EPSG:" +
                        std::to_string(*s.area_epsg) + gdal_message());
        } else {
          area_ha = OGR_G_Area(OGRGeometry::ToHandle(copy.get())) / units::kSquareMetresPerHectare;
          if (!(area_ha > 0.0)) bad.push_back(label + ": polygon area is " + std::to_string(area_ha) + " ha; expected > 0");
        }
      }
    }

    const std::string name =
        feature->IsFieldSetAndNotNull(sp.index) ? trimmed(feature->GetFieldAsString(sp.index)) : "";
    Handling handling = Handling::simulated;
    std::size_t species_index = 0;
    bool known = true;
    if (const auto it = aliases.find(name); it != aliases.end()) {
      switch (it->second.land_class) {
        case LandClass::forest:
        case LandClass::natural_forest: species_index = it->second.species; break;
        case LandClass::bamboo: handling = Handling::bamboo; break;
        case LandClass::unstocked: handling = Handling::unstocked; break;
        case LandClass::non_forest: handling = Handling::non_forest; break;
      }
    } else if (fallback) {
      handling = Handling::fallback_species;
      species_index = *fallback;
    } else {
      ++unknown_species[name];
      known = false;
    }
    std::string ft;
    if (ftype.index >= 0) {
      ft =
          feature->IsFieldSetAndNotNull(ftype.index) ? trimmed(feature->GetFieldAsString(ftype.index)) : "";
      const auto it = forest_types.find(ft);
      if (it == forest_types.end()) {
        ++unknown_forest_types[ft];
        known = false;
      } else if (handling == Handling::simulated || handling == Handling::fallback_species) {
        if (it->second == LandClass::bamboo) handling = Handling::bamboo;
        if (it->second == LandClass::unstocked) handling = Handling::unstocked;
        if (it->second == LandClass::non_forest) handling = Handling::non_forest;
      }
    }
    Storey st = Storey::single;
    if (storey.index >= 0) {
      const std::string v =
          feature->IsFieldSetAndNotNull(storey.index) ? trimmed(feature->GetFieldAsString(storey.index)) : "";
      if (auto parsed = parse_storey(v)) {
        st = *parsed;
      } else {
        ++unknown_storeys[v];
        known = false;
      }
    }
    if (!known) continue;  // reported after the loop

    const bool simulate = handling == Handling::simulated || handling == Handling::fallback_species;
    int age_years = 0;
    float volume = -1.0f;
    float stems_per_ha = -1.0f;
    if (simulate) {
      if (!feature->IsFieldSetAndNotNull(age.index)) {
        invalid(age, "missing value; expected an age >= 0 years");
      } else {
        const double a = feature->GetFieldAsDouble(age.index);
        if (!std::isfinite(a) || a < 0.0 || a > 2000.0) {
          invalid(age, std::to_string(a) + "; expected an age in [0, 2000] years");
        } else {
          age_years = static_cast<int>(std::lround(a)) + age_shift;
        }
      }
      if (vol.index >= 0 && feature->IsFieldSetAndNotNull(vol.index)) {
        const double v = feature->GetFieldAsDouble(vol.index);
        if (!std::isfinite(v) || v < 0.0 || v > 1e5) {
          invalid(vol, std::to_string(v) + "; expected a stem volume in [0, 100000] m3 ha-1");
        } else {
          volume = static_cast<float>(v);
        }
      }
      if (stems.index >= 0 && feature->IsFieldSetAndNotNull(stems.index)) {
        const double n = feature->GetFieldAsDouble(stems.index);
        if (!std::isfinite(n) || n < 0.0 || n > kMaxStemsPerHa) {
          invalid(stems, std::to_string(n) + "; expected stems in [0, 1000000] ha-1");
        } else {
          stems_per_ha = static_cast<float>(n);
        }
      }
    }

    if (!bad.empty()) {
      problem_count += static_cast<long>(bad.size());
      for (auto& b : bad) {
        if (problems.size() < 20) problems.push_back(std::move(b));
      }
      // An invalid area (missing, not finite, <= 0) counts as 0 ha.
      const bool area_ok = std::isfinite(area_ha) && area_ha > 0.0;
      out.handling.add(Handling::skipped_invalid, area_ok ? area_ha : 0.0);
      if (!key.empty()) out.other_keys.try_emplace(key, Handling::skipped_invalid);
      continue;
    }
    out.handling.add(handling, area_ha);
    if (!simulate) {
      if (!key.empty()) out.other_keys.try_emplace(key, handling);
      continue;
    }

    const std::string m = muni.index >= 0 && feature->IsFieldSetAndNotNull(muni.index)
                              ? trimmed(feature->GetFieldAsString(muni.index))
                              : s.municipality;
    auto [mit, inserted] = muni_index.try_emplace(m, static_cast<std::uint16_t>(t.municipality_names.size()));
    if (inserted) {
      if (t.municipality_names.size() >= 65535) throw InputError(where + ": more than 65535 municipalities");
      t.municipality_names.push_back(m);
    }
    ParcelRow row;
    row.key = key;
    row.source_fid = fid;
    row.area_ha = area_ha;
    row.species = static_cast<std::uint16_t>(species_index);
    row.municipality = mit->second;
    row.site_class = site.index >= 0 && feature->IsFieldSetAndNotNull(site.index)
                         ? feature->GetFieldAsInteger(site.index)
                         : 0;
    row.storey = st;
    row.fallback = handling == Handling::fallback_species;
    row.age = static_cast<std::int16_t>(age_years);
    row.volume_initial = volume;
    row.stems_initial = stems_per_ha;
    auto [fit, new_type] = ftype_index.try_emplace(ft, static_cast<std::uint8_t>(t.forest_type_names.size()));
    if (new_type) {
      if (t.forest_type_names.size() >= 255) throw InputError(where + ": more than 255 forest types");
      t.forest_type_names.push_back(ft);
    }
    row.forest_type = fit->second;
    t.append(row);
  }
  if (CPLGetLastErrorType() >= CE_Failure) {
    throw InputError(where + ": reading features failed" + gdal_message());
  }

  std::string msg;
  if (!unknown_species.empty()) {
    msg += "\nspecies names not in " + s.alias_table + " (add rows there, or map them to a fallback "
           "species with parcels.unknown_species or --unknown-species GROUP):" +
           list_counts(unknown_species, "records");
  }
  if (!unknown_forest_types.empty()) {
    msg += "\nforest types not in " + s.forest_type_table + ":" + list_counts(unknown_forest_types, "records");
  }
  if (!unknown_storeys.empty()) {
    msg += "\nstorey values not understood (expected 上層木, 下層木 or empty):" +
           list_counts(unknown_storeys, "records");
  }
  if (problem_count > 0 && s.invalid_values == InvalidPolicy::error) {
    msg += "\ninvalid values (" + std::to_string(problem_count) +
           "; set parcels.invalid_values: skip to skip and count such records):";
    for (const auto& p : problems) msg += "\n  " + p;
    if (problem_count > static_cast<long>(problems.size())) {
      msg += "\n  ... and " + std::to_string(problem_count - static_cast<long>(problems.size())) + " more";
    }
  }
  if (!msg.empty()) throw InputError(where + ": cannot simulate these records:" + msg);
  return out;
}

}  // namespace shinrin::io
