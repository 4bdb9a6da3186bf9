#include "shinrin/state/parcel_table.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace shinrin {
namespace {

template <class T>
void apply_order(std::vector<T>& column, const std::vector<std::size_t>& order) {
  std::vector<T> out;
  out.reserve(order.size());
  for (std::size_t i : order) out.push_back(std::move(column[i]));
  column = std::move(out);
}

}  // namespace

void ParcelTable::reserve(std::size_t n) {
  key.reserve(n);
  source_fid.reserve(n);
  area_ha.reserve(n);
  species.reserve(n);
  municipality.reserve(n);
  site_class.reserve(n);
  storey.reserve(n);
  fallback.reserve(n);
  curve.reserve(n);
  volume_initial.reserve(n);
  stems_initial.reserve(n);
  forest_type.reserve(n);
  regime.reserve(n);
  regen_species.reserve(n);
  regen_curve.reserve(n);
  regen_stems.reserve(n);
  age.reserve(n);
  volume.reserve(n);
  stems.reserve(n);
  height.reserve(n);
  since_thinning.reserve(n);
}

void ParcelTable::append(const ParcelRow& row) {
  key.push_back(row.key);
  source_fid.push_back(row.source_fid);
  area_ha.push_back(row.area_ha);
  species.push_back(row.species);
  municipality.push_back(row.municipality);
  site_class.push_back(row.site_class);
  storey.push_back(row.storey);
  fallback.push_back(row.fallback ? 1 : 0);
  curve.push_back(0);
  volume_initial.push_back(row.volume_initial);
  stems_initial.push_back(row.stems_initial);
  forest_type.push_back(row.forest_type);
  regime.push_back(std::numeric_limits<std::uint16_t>::max());
  regen_species.push_back(row.species);
  regen_curve.push_back(0);
  regen_stems.push_back(0.0f);
  age.push_back(row.age);
  volume.push_back(0.0f);
  stems.push_back(0.0f);
  height.push_back(0.0f);
  since_thinning.push_back(kNeverThinned);
}

void ParcelTable::permute(const std::vector<std::size_t>& order) {
  apply_order(key, order);
  apply_order(source_fid, order);
  apply_order(area_ha, order);
  apply_order(species, order);
  apply_order(municipality, order);
  apply_order(site_class, order);
  apply_order(storey, order);
  apply_order(fallback, order);
  apply_order(curve, order);
  apply_order(volume_initial, order);
  apply_order(stems_initial, order);
  apply_order(forest_type, order);
  apply_order(regime, order);
  apply_order(regen_species, order);
  apply_order(regen_curve, order);
  apply_order(regen_stems, order);
  apply_order(age, order);
  apply_order(volume, order);
  apply_order(stems, order);
  apply_order(height, order);
  apply_order(since_thinning, order);
}

void ParcelTable::sort_by_curve() {
  std::vector<std::size_t> order(size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
    if (curve[a] != curve[b]) return curve[a] < curve[b];
    return species[a] < species[b];
  });
  permute(order);
}

}  // namespace shinrin
