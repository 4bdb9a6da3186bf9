#include "shinrin/setup/management.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "shinrin/core/error.hpp"

namespace shinrin::setup {
namespace {

namespace sv = silviculture;

std::size_t species_index(const io::Located& code, const SpeciesTable& species,
                          const std::string& table) {
  const auto s = species.find(code.value);
  if (!s) {
    throw InputError(code.origin + ": species '" + code.value + "' is not a species code of " +
                     table);
  }
  return *s;
}

sv::Regeneration resolve_regeneration(const io::RegenerationSpec& g, const SpeciesTable& species,
                                      const std::string& table) {
  sv::Regeneration out;
  out.defined = true;
  out.method = g.method;
  out.species = species_index(g.species, species, table);
  out.stems_per_ha = g.stems_per_ha;
  return out;
}

const char* land_class_name(io::LandClass c) {
  switch (c) {
    case io::LandClass::forest:
      return "forest";
    case io::LandClass::natural_forest:
      return "natural_forest";
    case io::LandClass::bamboo:
      return "bamboo";
    case io::LandClass::unstocked:
      return "unstocked";
    case io::LandClass::non_forest:
      return "non_forest";
  }
  return "?";
}

sv::Regime resolve_regime(const io::RegimeSpec& spec, const io::Scenario& s,
                          const SpeciesTable& species,
                          const std::map<std::string, io::LandClass>& forest_types) {
  sv::Regime r;
  r.name = spec.name;
  for (const auto& code : spec.species) {
    const std::size_t idx = species_index(code, species, s.species_table);
    if (std::find(r.species.begin(), r.species.end(), idx) == r.species.end())
      r.species.push_back(idx);
  }
  if (spec.forest_types) {
    for (const auto& ft : *spec.forest_types) {
      const auto it = forest_types.find(ft.value);
      if (it == forest_types.end()) {
        throw InputError(ft.origin + ": forest type '" + ft.value + "' is not in " +
                         s.forest_type_table);
      }
      if (it->second != io::LandClass::forest && it->second != io::LandClass::natural_forest) {
        throw InputError(ft.origin + ": forest type '" + ft.value + "' is " +
                         land_class_name(it->second) + " in " + s.forest_type_table +
                         "; only forest and natural_forest types are simulated");
      }
      r.forest_types.push_back(ft.value);
    }
  }
  r.thinnings = spec.thinnings;
  r.trigger = spec.trigger;
  r.rotation_age = spec.rotation_age;
  r.felling_years = spec.felling_years;
  r.thinning_removals = spec.thinning_removals;
  r.felling_removals = spec.felling_removals;
  if (spec.regeneration)
    r.regeneration = resolve_regeneration(*spec.regeneration, species, s.species_table);
  return r;
}

bool regime_matches(const sv::Regime& r, std::uint16_t species, const std::string& forest_type,
                    std::optional<io::LandClass> forest_class) {
  if (!r.species.empty() &&
      std::find(r.species.begin(), r.species.end(), species) == r.species.end()) {
    return false;
  }
  if (!r.forest_types.empty()) {
    return std::find(r.forest_types.begin(), r.forest_types.end(), forest_type) !=
           r.forest_types.end();
  }
  return !forest_class || *forest_class == io::LandClass::forest;
}

}  // namespace

sv::Management resolve_management(const io::Scenario& s, const SpeciesTable& species,
                                  const std::map<std::string, io::LandClass>& forest_types) {
  const io::SilvicultureSection& sc = *s.silviculture;
  sv::Management m;
  m.enabled = true;
  for (const auto& spec : sc.regimes)
    m.regimes.push_back(resolve_regime(spec, s, species, forest_types));
  if (sc.events) {
    if (sc.events->thinning_removals) m.event_thinning_removals = *sc.events->thinning_removals;
    if (sc.events->felling_removals) m.event_felling_removals = *sc.events->felling_removals;
    if (sc.events->regeneration) {
      m.event_regeneration =
          resolve_regeneration(*sc.events->regeneration, species, s.species_table);
    }
  }
  return m;
}

void assign_regimes(Landscape& p, const sv::Management& m,
                    const std::map<std::string, io::LandClass>& forest_types) {
  // One decision per (species, forest type) met.
  std::map<std::pair<std::uint16_t, std::uint8_t>, std::uint16_t> regime_of;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto key = std::make_pair(p.species[i], p.forest_type[i]);
    auto [it, inserted] = regime_of.try_emplace(key, kNoRegime);
    if (inserted) {
      const std::string& ft = p.forest_type_names[p.forest_type[i]];
      std::optional<io::LandClass> cls;  // nullopt: no forest type mapped
      if (const auto c = forest_types.find(ft); !ft.empty() && c != forest_types.end())
        cls = c->second;
      for (std::size_t r = 0; r < m.regimes.size(); ++r) {
        if (regime_matches(m.regimes[r], key.first, ft, cls)) {
          it->second = static_cast<std::uint16_t>(r);
          break;
        }
      }
    }
    p.regime[i] = it->second;
    const sv::Regeneration* g = nullptr;
    if (it->second != kNoRegime && m.regimes[it->second].regeneration.defined) {
      g = &m.regimes[it->second].regeneration;
    } else if (m.event_regeneration.defined) {
      g = &m.event_regeneration;
    }
    p.regen_species[i] = g != nullptr ? static_cast<std::uint16_t>(g->species) : p.species[i];
    p.regen_stems[i] = g != nullptr ? static_cast<float>(g->stems_per_ha) : 0.0f;
  }
}

bool uses_density_diagram(const sv::Regime& r) {
  if (r.trigger.enabled) return true;
  return std::any_of(r.thinnings.begin(), r.thinnings.end(), [](const sv::ScheduledThinning& t) {
    return t.method == sv::ThinningMethod::from_below || t.basis == sv::IntensityBasis::volume;
  });
}

void check_diagram_coverage(const Landscape& p, const sv::Management& m,
                            const sim::StandConfig& stand, const SpeciesTable& species,
                            const io::StandSection& section) {
  std::map<std::pair<std::uint16_t, std::size_t>, long> gaps;  // (regime, species) -> records
  auto has = [&](std::size_t s) {
    return s < stand.diagram_by_species.size() && stand.diagram_by_species[s];
  };
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p.regime[i] == kNoRegime || !uses_density_diagram(m.regimes[p.regime[i]])) continue;
    if (!has(p.species[i])) ++gaps[{p.regime[i], p.species[i]}];
    if (p.regen_species[i] != p.species[i] && !has(p.regen_species[i]))
      ++gaps[{p.regime[i], p.regen_species[i]}];
  }
  if (gaps.empty()) return;
  std::string msg = section.density_diagram + ": region '" + section.density_diagram_region +
                    "' has no density diagram for species that these regimes thin by the diagram "
                    "(density_trigger, from_below or volume-based thinning; restrict the regime's "
                    "species or add diagram rows):";
  for (const auto& [key, n] : gaps) {
    msg += "\n  regime '" + m.regimes[key.first].name + "', species '" + species[key.second].code +
           "': " + std::to_string(n) + " records";
  }
  throw InputError(msg);
}

}  // namespace shinrin::setup
