#include "shinrin/fuel/model.hpp"

#include <algorithm>
#include <cmath>

namespace shinrin::fuel {

bool Catchment::contains(const Landscape& p, const Boiler& b, std::size_t row) const {
  switch (kind) {
    case Kind::municipality:
      return p.municipality[row] == municipality;
    case Kind::radius: {
      const double dx = p.x[row] - b.x, dy = p.y[row] - b.y;
      return dx * dx + dy * dy <= radius * radius;
    }
    case Kind::parcels:
      return std::binary_search(rows.begin(), rows.end(), static_cast<std::uint32_t>(row));
  }
  return false;
}

void assign_homes(FuelModel& m, const std::vector<Catchment>& catchments, const Landscape& p) {
  const std::size_t n = p.size(), nb = m.boilers.size();
  m.home.assign(n, kNoBoiler);
  m.home_distance.assign(n, std::nanf(""));
  const bool parcels_located = !p.x.empty();
  for (std::size_t i = 0; i < n; ++i) {
    // Distances decide only where every boiler containing the parcel has a location.
    bool by_distance = parcels_located;
    std::uint16_t first = kNoBoiler, nearest = kNoBoiler;
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < nb; ++k) {
      const Boiler& b = m.boilers[k];
      if (!catchments[k].contains(p, b, i)) continue;
      if (first == kNoBoiler) first = static_cast<std::uint16_t>(k);
      if (!b.located || !by_distance) {
        by_distance = false;
        continue;
      }
      const double dx = p.x[i] - b.x, dy = p.y[i] - b.y, d2 = dx * dx + dy * dy;
      if (d2 < best) {  // ties keep the earlier boiler
        best = d2;
        nearest = static_cast<std::uint16_t>(k);
      }
    }
    const std::uint16_t h = by_distance ? nearest : first;
    m.home[i] = h;
    if (parcels_located && h != kNoBoiler && m.boilers[h].located) {
      const Boiler& b = m.boilers[h];
      m.home_distance[i] = static_cast<float>(std::hypot(p.x[i] - b.x, p.y[i] - b.y));
    }
  }
}

}  // namespace shinrin::fuel
