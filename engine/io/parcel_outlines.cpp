#include "shinrin/io/parcel_outlines.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <unordered_map>

#include "shinrin/core/error.hpp"

namespace shinrin::io {
namespace {

constexpr double kEarthRadius = 6371008.8;  // [m], mean radius (IUGG)
constexpr double kPi = 3.14159265358979323846;

void add_polygon(const OGRPolygon& polygon, ParcelOutline& out) {
  auto add_ring = [&](const OGRLinearRing* ring) {
    if (ring == nullptr || ring->getNumPoints() < 3) return;
    std::vector<std::array<double, 2>> points;
    points.reserve(static_cast<std::size_t>(ring->getNumPoints()));
    for (int i = 0; i < ring->getNumPoints(); ++i) points.push_back({ring->getX(i), ring->getY(i)});
    if (points.size() > 1 && points.front() == points.back()) points.pop_back();
    out.rings.push_back(std::move(points));
  };
  add_ring(polygon.getExteriorRing());
  for (int i = 0; i < polygon.getNumInteriorRings(); ++i) add_ring(polygon.getInteriorRing(i));
}

void add_geometry(const OGRGeometry* g, ParcelOutline& out) {
  if (g == nullptr) return;
  switch (wkbFlatten(g->getGeometryType())) {
    case wkbPolygon:
      add_polygon(*g->toPolygon(), out);
      break;
    case wkbMultiPolygon:
      for (const OGRPolygon* p : *g->toMultiPolygon()) add_polygon(*p, out);
      break;
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g->toGeometryCollection()) add_geometry(part, out);
      break;
    default:
      break;  // points and lines draw nothing
  }
}

}  // namespace

std::vector<ParcelOutline> read_parcel_outlines(const std::string& path,
                                                const std::string& layer_name,
                                                const std::vector<std::string>& open_options,
                                                std::span<const std::int64_t> fids) {
  GDALAllRegister();
  std::vector<const char*> options;
  for (const auto& o : open_options) options.push_back(o.c_str());
  options.push_back(nullptr);
  CPLPushErrorHandler(CPLQuietErrorHandler);
  std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                    nullptr, options.data(), nullptr));
  CPLPopErrorHandler();
  if (!ds) throw InputError(path + ": cannot open the parcel layer (" + CPLGetLastErrorMsg() + ")");
  OGRLayer* layer = layer_name.empty() ? (ds->GetLayerCount() > 0 ? ds->GetLayer(0) : nullptr)
                                       : ds->GetLayerByName(layer_name.c_str());
  if (layer == nullptr)
    throw InputError(path + ": no layer " +
                     (layer_name.empty() ? "at all" : "'" + layer_name + "'"));

  std::unordered_map<std::int64_t, std::size_t> row_of;
  row_of.reserve(fids.size());
  for (std::size_t i = 0; i < fids.size(); ++i) row_of.emplace(fids[i], i);
  std::vector<ParcelOutline> out(fids.size());
  layer->ResetReading();
  for (auto& feature : *layer) {
    const auto it = row_of.find(feature->GetFID());
    if (it == row_of.end()) continue;
    add_geometry(feature->GetGeometryRef(), out[it->second]);
  }

  // Metres on a plane.
  const OGRSpatialReference* crs = layer->GetSpatialRef();
  if (crs != nullptr && crs->IsGeographic()) {
    double lon_min = INFINITY, lon_max = -INFINITY, lat_min = INFINITY, lat_max = -INFINITY;
    for (const auto& o : out)
      for (const auto& ring : o.rings)
        for (const auto& p : ring) {
          lon_min = std::min(lon_min, p[0]);
          lon_max = std::max(lon_max, p[0]);
          lat_min = std::min(lat_min, p[1]);
          lat_max = std::max(lat_max, p[1]);
        }
    if (lon_min <= lon_max) {
      const double lon0 = 0.5 * (lon_min + lon_max), lat0 = 0.5 * (lat_min + lat_max);
      const double k = kEarthRadius * kPi / 180.0, kx = k * std::cos(lat0 * kPi / 180.0);
      for (auto& o : out)
        for (auto& ring : o.rings)
          for (auto& p : ring) p = {kx * (p[0] - lon0), k * (p[1] - lat0)};
    }
  } else if (crs != nullptr && crs->IsProjected()) {
    const double to_metres = crs->GetLinearUnits();
    if (to_metres > 0.0 && to_metres != 1.0)
      for (auto& o : out)
        for (auto& ring : o.rings)
          for (auto& p : ring) p = {p[0] * to_metres, p[1] * to_metres};
  }
  return out;
}

}  // namespace shinrin::io
