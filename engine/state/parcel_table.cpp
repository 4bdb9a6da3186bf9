#include "shinrin/state/parcel_table.hpp"

#include <algorithm>
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
  age.reserve(n);
  volume.reserve(n);
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
  apply_order(age, order);
  apply_order(volume, order);
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
