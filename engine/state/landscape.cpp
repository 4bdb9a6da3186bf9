#include "shinrin/state/landscape.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "shinrin/core/random.hpp"

namespace shinrin {
namespace {

template <class T>
void apply_order(std::vector<T>& column, const std::vector<std::size_t>& order) {
  if (column.empty()) return;
  std::vector<T> out;
  out.reserve(order.size());
  for (std::size_t i : order) out.push_back(std::move(column[i]));
  column = std::move(out);
}

template <class F>
void for_each_column(Landscape& l, F&& f) {
  f(l.key);
  f(l.key_hash);
  f(l.source_pos);
  f(l.source_fid);
  f(l.area_ha);
  f(l.species);
  f(l.municipality);
  f(l.site_class);
  f(l.storey);
  f(l.fallback);
  f(l.forest_type);
  f(l.register_species);
  f(l.age);
  f(l.volume_initial);
  f(l.stems_initial);
  f(l.x);
  f(l.y);
  f(l.curve);
  f(l.regime);
  f(l.regen_species);
  f(l.regen_curve);
  f(l.regen_stems);
}

}  // namespace

std::uint64_t parcel_hash(const std::string& key, Storey storey) {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a offset basis
  for (unsigned char c : key) h = (h ^ c) * 0x100000001b3ull;
  h = (h ^ static_cast<std::uint64_t>(storey)) * 0x100000001b3ull;
  return mix64(h);
}

const std::string& Landscape::register_species_name(std::size_t i) const {
  static const std::string none;
  if (i >= register_species.size() || register_species[i] >= register_species_names.size())
    return none;
  return register_species_names[register_species[i]];
}

void Landscape::reserve(std::size_t n) {
  for_each_column(*this, [n](auto& c) { c.reserve(n); });
}

void Landscape::append(const ParcelRow& row) {
  key.push_back(row.key);
  key_hash.push_back(parcel_hash(row.key, row.storey));
  source_pos.push_back(row.source_pos);
  source_fid.push_back(row.source_fid);
  area_ha.push_back(row.area_ha);
  species.push_back(row.species);
  municipality.push_back(row.municipality);
  site_class.push_back(row.site_class);
  storey.push_back(row.storey);
  fallback.push_back(row.fallback ? 1 : 0);
  forest_type.push_back(row.forest_type);
  register_species.push_back(row.register_species);
  age.push_back(row.age);
  volume_initial.push_back(row.volume_initial);
  stems_initial.push_back(row.stems_initial);
  if (row.located) {
    x.push_back(row.x);
    y.push_back(row.y);
  }
  curve.push_back(0);
  regime.push_back(kNoRegime);
  regen_species.push_back(row.species);
  regen_curve.push_back(0);
  regen_stems.push_back(0.0f);
}

void Landscape::permute(const std::vector<std::size_t>& order) {
  for_each_column(*this, [&order](auto& c) { apply_order(c, order); });
}

std::vector<std::size_t> Landscape::sort_canonical() {
  std::vector<std::size_t> order(size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Names, not indexes, of municipality, forest type and register species: their indexes
  // follow first appearance in the source, which a shuffled file changes.
  auto tie = [&](std::size_t i) {
    return std::tie(key[i], storey[i], municipality_names[municipality[i]], species[i],
                    site_class[i], forest_type_names[forest_type[i]], age[i], area_ha[i],
                    volume_initial[i], stems_initial[i], fallback[i], source_fid[i],
                    register_species_name(i));
  };
  // The first 8 bytes of each key, big-endian, decide most comparisons without touching the
  // strings (the full tie breaks only equal prefixes).
  std::vector<std::uint64_t> prefix(size());
  for (std::size_t i = 0; i < size(); ++i) {
    std::uint64_t v = 0;
    for (std::size_t k = 0; k < 8; ++k)
      v = (v << 8) | (k < key[i].size() ? static_cast<unsigned char>(key[i][k]) : 0u);
    prefix[i] = v;
  }
  auto less = [&](std::size_t a, std::size_t b) {
    if (prefix[a] != prefix[b]) return prefix[a] < prefix[b];
    return tie(a) < tie(b);
  };
  // Registers usually come sorted by key: check before sorting. Else sort (prefix, row) pairs,
  // contiguous in memory, then each run of equal prefixes by the whole tie: `less` is a total
  // order (the feature id differs), so this is the one order std::sort(order, less) gives, at a
  // fraction of the cost (10^6 records: no string compared unless the prefixes are equal).
  if (!std::is_sorted(order.begin(), order.end(), less)) {
    std::vector<std::pair<std::uint64_t, std::size_t>> pairs(size());
    for (std::size_t i = 0; i < size(); ++i) pairs[i] = {prefix[i], i};
    std::sort(pairs.begin(), pairs.end());
    for (std::size_t i = 0; i < size(); ++i) order[i] = pairs[i].second;
    for (std::size_t first = 0; first < size();) {
      std::size_t last = first + 1;
      while (last < size() && pairs[last].first == pairs[first].first) ++last;
      if (last - first > 1)
        std::sort(order.begin() + long(first), order.begin() + long(last), less);
      first = last;
    }
  }
  permute(order);
  return order;
}

}  // namespace shinrin
