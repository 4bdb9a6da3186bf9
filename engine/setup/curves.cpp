#include "shinrin/setup/curves.hpp"

#include <algorithm>
#include <map>

#include "shinrin/core/error.hpp"

namespace shinrin::setup {
namespace {

// "N records", "M records after regeneration" or both, for coverage messages.
std::string record_counts(const std::pair<long, long>& n) {
  std::string out;
  if (n.first > 0) out = std::to_string(n.first) + " records";
  if (n.second > 0)
    out += (out.empty() ? "" : ", ") + std::to_string(n.second) + " records after regeneration";
  return out;
}

}  // namespace

Curves assign_curves(Landscape& p, const SpeciesTable& species, int years, const std::string& where,
                     std::span<const CurveSource> sources) {
  Curves out;
  std::map<std::pair<std::uint16_t, std::int32_t>, std::uint32_t> curve_of;
  std::vector<std::pair<long, long>> records;  // per curve: records now, after regeneration
  auto curve = [&](std::uint16_t sp, std::int32_t site) {
    auto [it, inserted] =
        curve_of.try_emplace({sp, site}, static_cast<std::uint32_t>(out.keys.size()));
    if (inserted) {
      out.keys.push_back({species[sp].code, site});
      records.emplace_back(0, 0);
    }
    return it->second;
  };
  for (std::size_t i = 0; i < p.size(); ++i) {
    p.curve[i] = curve(p.species[i], p.site_class[i]);
    ++records[p.curve[i]].first;
    p.regen_curve[i] = curve(p.regen_species[i], p.site_class[i]);
    if (p.regen_curve[i] != p.curve[i]) ++records[p.regen_curve[i]].second;
    out.max_age = std::max(out.max_age, int(p.age[i]) + years + 1);
  }
  for (const CurveSource& source : sources) {
    std::map<std::string, std::pair<long, long>> missing;
    for (std::size_t c = 0; c < out.keys.size(); ++c) {
      if (auto why = source.model->missing(out.keys[c])) {
        missing[*why].first += records[c].first;
        missing[*why].second += records[c].second;
      }
    }
    if (missing.empty()) continue;
    std::string msg = where + ": " + source.description;
    for (const auto& [why, n] : missing) msg += "\n  " + why + ": " + record_counts(n);
    throw InputError(msg);
  }
  if (out.max_age > 32000) throw InputError("stand ages plus simulated years exceed 32000 years");
  return out;
}

growth::GrowthTable tabulate(
    const Curves& curves, const SpeciesTable& species, const growth::GrowthModel& volume,
    const growth::GrowthModel* height,
    std::span<const std::optional<growth::DensityDiagram>> diagram_by_species) {
  growth::GrowthTable table =
      growth::GrowthTable::build(volume, curves.keys, curves.max_age, height);
  if (height == nullptr || diagram_by_species.empty()) return table;
  std::vector<std::optional<growth::DensityDiagram>> of_curve;
  for (const auto& key : curves.keys)
    of_curve.push_back(diagram_by_species[*species.find(key.species)]);
  table.add_density_terms(of_curve);
  return table;
}

}  // namespace shinrin::setup
