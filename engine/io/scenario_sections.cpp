#include "scenario_sections.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "shinrin/core/error.hpp"
#include "shinrin/silviculture/regime.hpp"
#include "shinrin/state/landscape.hpp"

namespace shinrin::io {

std::string num(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}
namespace {

namespace sv = silviculture;
using yaml::Interval;
using yaml::MapReader;
using yaml::resolve;

//! Tolerance of "shares add up to 1".
constexpr double kShareSumTolerance = 1e-9;
//! Largest stand age a regime may name [years] (register ages are at most 2000).
constexpr int kMaxAge = 2000;

const char* method_name(sv::ThinningMethod m) {
  return m == sv::ThinningMethod::from_below ? "from_below" : "row";
}

sv::ThinningMethod read_method(MapReader& m) {
  return m.choice("method", {"from_below", "row"}) == 0 ? sv::ThinningMethod::from_below
                                                        : sv::ThinningMethod::row;
}

// --- stand, carbon ------------------------------------------------------------------------------

StandSection read_stand(MapReader m, const std::filesystem::path& base) {
  StandSection st;
  {
    MapReader h = m.map("height");
    st.height_curves = resolve(base, h.str("curves"));
    st.height_site_classes = resolve(base, h.str("site_classes"));
    st.height_site_class_scheme = h.str("site_class_scheme");
    h.finish();
  }
  if (auto d = m.optional_map("density_diagram")) {
    st.density_diagram = resolve(base, d->str("path"));
    st.density_diagram_region = d->str("region");
    d->finish();
  }
  {
    MapReader init = m.map("initial_stems");
    st.initial_yield_index = init.number_optional("yield_index", Interval::open(0.0, 1.0), "");
    if (!st.density_diagram.empty() && !st.initial_yield_index) {
      init.fail_here("missing required key 'yield_index' (required with stand.density_diagram)");
    }
    // Bounded like register stems (setup/classify.hpp): (0, 10^6] ha-1.
    st.initial_stems_max =
        init.number_required("max_per_ha", Interval{0.0, 1e6, true, false}, "ha-1");
    st.initial_stems_default =
        init.number_required("default_per_ha", Interval{0.0, 1e6, true, false}, "ha-1");
    if (st.initial_stems_default > st.initial_stems_max) {
      init.fail_value("default_per_ha", num(st.initial_stems_default) +
                                            " ha-1 is above max_per_ha (" +
                                            num(st.initial_stems_max) + " ha-1)");
    }
    init.finish();
  }
  st.critical_stocking = m.number_required("critical_stocking", Interval::closed(0.0, 1.0), "");
  m.finish();
  return st;
}

CarbonSection read_carbon(MapReader m, const std::filesystem::path& base) {
  CarbonSection c;
  c.decay = resolve(base, m.str("decay"));
  c.hwp = resolve(base, m.str("hwp"));
  c.soil = m.boolean("soil");
  if (auto init = m.optional_map("initial_stocks")) {
    c.initial = carbon::InitialMethod(init->choice(
        "method", {carbon::kInitialMethodNames.begin(), carbon::kInitialMethodNames.end()}));
    if (c.initial == carbon::InitialMethod::table) {
      c.initial_table = resolve(base, init->str("table"));
    } else if (init->get("table")) {
      init->fail_here("'table' is read only with method: table");
    }
    init->finish();
  }
  m.finish();
  return c;
}

// --- silviculture -------------------------------------------------------------------------------

sv::RemovalShares read_shares(MapReader m) {
  const Interval share = Interval::closed(0.0, 1.0);
  sv::RemovalShares r;
  r.sawlog = m.number_required("sawlog", share, "");
  r.other_industrial = m.number_required("other_industrial", share, "");
  r.fuelwood = m.number_required("fuelwood", share, "");
  r.left_on_site = m.number_required("left_on_site", share, "");
  r.residues_collected = m.number_required("residues_collected", share, "");
  m.finish();
  const double sum = r.sawlog + r.other_industrial + r.fuelwood + r.left_on_site;
  if (std::abs(sum - 1.0) > kShareSumTolerance) {
    m.fail_here("sawlog + other_industrial + fuelwood + left_on_site = " + num(sum) +
                "; the four stem shares must add up to 1");
  }
  return r;
}

void read_removals(MapReader m, sv::RemovalShares& thinning, sv::RemovalShares& felling) {
  thinning = read_shares(m.map("thinning"));
  felling = read_shares(m.map("felling"));
  m.finish();
}

RegenerationSpec read_regeneration(MapReader m) {
  RegenerationSpec g;
  g.method = m.choice("method", {"replant", "natural"}) == 0 ? sv::RegenerationMethod::replant
                                                             : sv::RegenerationMethod::natural;
  const YAML::Node sp = m.required("species");
  g.species = {m.scalar(sp, "species"), m.origin(sp, "species")};
  g.stems_per_ha = m.number_required("stems_per_ha", Interval{0.0, 1e6, true, false}, "ha-1");
  m.finish();
  return g;
}

const std::string kNeedsDiagram = "needs stand.density_diagram";

sv::ScheduledThinning read_thinning(MapReader t, bool has_diagram) {
  sv::ScheduledThinning th;
  th.age = t.int_required("age", 1, kMaxAge, "years");
  th.intensity = t.number_required("intensity", Interval::open(0.0, 1.0), "");
  th.basis = t.choice("basis", {"stems", "volume"}) == 0 ? sv::IntensityBasis::stems
                                                         : sv::IntensityBasis::volume;
  th.method = read_method(t);
  t.finish();
  if (!has_diagram && th.basis == sv::IntensityBasis::volume) {
    t.fail_value("basis", "a volume-based thinning " + kNeedsDiagram +
                              " (stems removed follow from the diagram)");
  }
  if (!has_diagram && th.method == sv::ThinningMethod::from_below) {
    t.fail_value("method", "a thinning from below " + kNeedsDiagram +
                               " (its volume share comes from the diagram)");
  }
  return th;
}

sv::DensityTrigger read_trigger(MapReader m, bool has_diagram) {
  sv::DensityTrigger tr;
  tr.enabled = true;
  tr.above = m.number_required("above", Interval{0.0, 1.2, true, false}, "");
  tr.to = m.number_required("to", Interval::open(0.0, 1.2), "");
  if (tr.to >= tr.above) {
    m.fail_value("to", num(tr.to) + " must be below 'above' (" + num(tr.above) + ")");
  }
  tr.method = read_method(m);
  tr.min_age = m.int_optional("min_age", 0, kMaxAge, "years").value_or(0);
  tr.min_interval = m.int_optional("min_interval", 0, 1000, "years").value_or(0);
  m.finish();
  if (!has_diagram)
    m.fail_here("a density trigger " + kNeedsDiagram + " (Ry comes from the diagram)");
  return tr;
}

void read_final_felling(MapReader m, RegimeSpec& r) {
  r.rotation_age = m.int_optional("rotation_age", 1, kMaxAge, "years").value_or(0);
  if (auto years = m.sequence("years")) {
    for (const auto& y : *years) {
      const int year = m.integer(y, "years", 1900, 2500, "(fiscal year)");
      if (std::find(r.felling_years.begin(), r.felling_years.end(), year) !=
          r.felling_years.end()) {
        m.fail_at(y, "years", "fiscal year " + std::to_string(year) + " is listed twice");
      }
      r.felling_years.push_back(year);
    }
    std::sort(r.felling_years.begin(), r.felling_years.end());
  }
  m.finish();
  if (r.rotation_age == 0 && r.felling_years.empty()) {
    m.fail_here("give 'rotation_age', 'years' or both");
  }
}

RegimeSpec read_regime(MapReader m, const Scenario& s, bool has_diagram,
                       std::map<std::string, std::string>& names) {
  RegimeSpec r;
  r.origin = yaml::at(m.file(), m.node().Mark()) + ": '" + m.path() + "'";
  r.name = m.str("name");
  if (r.name.empty()) m.fail_value("name", "empty name");
  if (const auto [it, inserted] = names.emplace(r.name, r.origin); !inserted) {
    m.fail_value("name", "regime '" + r.name + "' is defined twice (first at " + it->second + ")");
  }
  r.species = m.located_list("species").value_or(std::vector<Located>{});
  r.forest_types = m.located_list("forest_types");
  if (r.forest_types && s.fields.forest_type.empty()) {
    m.fail_value("forest_types", "needs a forest-type field (parcels.fields.forest_type)");
  }
  if (auto items = m.sequence("thinning")) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      const sv::ScheduledThinning th =
          read_thinning(m.item((*items)[i], "thinning", i), has_diagram);
      for (const auto& other : r.thinnings) {
        if (other.age == th.age) {
          m.fail_at((*items)[i], "thinning", "a second thinning at age " + std::to_string(th.age));
        }
      }
      r.thinnings.push_back(th);
    }
    std::sort(r.thinnings.begin(), r.thinnings.end(),
              [](const auto& a, const auto& b) { return a.age < b.age; });
  }
  if (auto t = m.optional_map("density_trigger"))
    r.trigger = read_trigger(std::move(*t), has_diagram);
  const auto felling = m.optional_map("final_felling");
  if (felling) read_final_felling(*felling, r);
  read_removals(m.map("removals"), r.thinning_removals, r.felling_removals);
  if (auto g = m.optional_map("regeneration")) r.regeneration = read_regeneration(std::move(*g));
  if (felling && !r.regeneration) {
    m.fail_here("missing required key 'regeneration' (required with final_felling)");
  }
  m.finish();
  return r;
}

SilvicultureSection read_silviculture(MapReader m, const std::filesystem::path& base,
                                      const Scenario& s) {
  const bool has_diagram = s.stand && !s.stand->density_diagram.empty();
  SilvicultureSection sc;
  sc.wood_use = resolve(base, m.str("wood_use"));
  const auto items = m.sequence("regimes");
  if (!items) m.fail_here("missing required key 'regimes' (give [] for none)");
  if (items->size() >= kNoRegime) m.fail_value("regimes", "more than 65534 regimes");
  std::map<std::string, std::string> names;
  for (std::size_t i = 0; i < items->size(); ++i) {
    sc.regimes.push_back(read_regime(m.item((*items)[i], "regimes", i), s, has_diagram, names));
  }
  if (auto ev = m.optional_map("events")) {
    EventsSection e;
    e.path = resolve(base, ev->str("path"));
    if (auto rm = ev->optional_map("removals")) {
      read_removals(std::move(*rm), e.thinning_removals.emplace(), e.felling_removals.emplace());
    }
    if (auto g = ev->optional_map("regeneration"))
      e.regeneration = read_regeneration(std::move(*g));
    ev->finish();
    sc.events = std::move(e);
  }
  m.finish();
  return sc;
}

// --- emitting -----------------------------------------------------------------------------------

void emit_shares(YAML::Emitter& e, const char* key, const sv::RemovalShares& r) {
  e << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap;
  e << YAML::Key << "sawlog" << YAML::Value << num(r.sawlog);
  e << YAML::Key << "other_industrial" << YAML::Value << num(r.other_industrial);
  e << YAML::Key << "fuelwood" << YAML::Value << num(r.fuelwood);
  e << YAML::Key << "left_on_site" << YAML::Value << num(r.left_on_site);
  e << YAML::Key << "residues_collected" << YAML::Value << num(r.residues_collected);
  e << YAML::EndMap;
}

void emit_regeneration(YAML::Emitter& e, const RegenerationSpec& g) {
  e << YAML::Key << "regeneration" << YAML::Value << YAML::Flow << YAML::BeginMap;
  e << YAML::Key << "method" << YAML::Value
    << (g.method == sv::RegenerationMethod::replant ? "replant" : "natural");
  e << YAML::Key << "species" << YAML::Value << g.species.value;
  e << YAML::Key << "stems_per_ha" << YAML::Value << num(g.stems_per_ha);
  e << YAML::EndMap;
}

void emit_values(YAML::Emitter& e, const char* key, const std::vector<Located>& values) {
  std::vector<std::string> v;
  for (const auto& l : values) v.push_back(l.value);
  e << YAML::Key << key << YAML::Value << YAML::Flow << v;
}

void emit_regime(YAML::Emitter& e, const RegimeSpec& r) {
  e << YAML::BeginMap;
  e << YAML::Key << "name" << YAML::Value << r.name;
  if (!r.species.empty()) emit_values(e, "species", r.species);
  if (r.forest_types) emit_values(e, "forest_types", *r.forest_types);
  if (!r.thinnings.empty()) {
    e << YAML::Key << "thinning" << YAML::Value << YAML::BeginSeq;
    for (const auto& t : r.thinnings) {
      e << YAML::Flow << YAML::BeginMap;
      e << YAML::Key << "age" << YAML::Value << t.age;
      e << YAML::Key << "intensity" << YAML::Value << num(t.intensity);
      e << YAML::Key << "basis" << YAML::Value
        << (t.basis == sv::IntensityBasis::stems ? "stems" : "volume");
      e << YAML::Key << "method" << YAML::Value << method_name(t.method);
      e << YAML::EndMap;
    }
    e << YAML::EndSeq;
  }
  if (r.trigger.enabled) {
    e << YAML::Key << "density_trigger" << YAML::Value << YAML::Flow << YAML::BeginMap;
    e << YAML::Key << "above" << YAML::Value << num(r.trigger.above);
    e << YAML::Key << "to" << YAML::Value << num(r.trigger.to);
    e << YAML::Key << "method" << YAML::Value << method_name(r.trigger.method);
    e << YAML::Key << "min_age" << YAML::Value << r.trigger.min_age;
    e << YAML::Key << "min_interval" << YAML::Value << r.trigger.min_interval;
    e << YAML::EndMap;
  }
  if (r.rotation_age > 0 || !r.felling_years.empty()) {
    e << YAML::Key << "final_felling" << YAML::Value << YAML::Flow << YAML::BeginMap;
    if (r.rotation_age > 0) e << YAML::Key << "rotation_age" << YAML::Value << r.rotation_age;
    if (!r.felling_years.empty())
      e << YAML::Key << "years" << YAML::Value << YAML::Flow << r.felling_years;
    e << YAML::EndMap;
  }
  e << YAML::Key << "removals" << YAML::Value << YAML::BeginMap;
  emit_shares(e, "thinning", r.thinning_removals);
  emit_shares(e, "felling", r.felling_removals);
  e << YAML::EndMap;
  if (r.regeneration) emit_regeneration(e, *r.regeneration);
  e << YAML::EndMap;
}

}  // namespace

void read_optional_sections(MapReader& top, const std::filesystem::path& base, Scenario& s) {
  if (auto m = top.optional_map("stand")) s.stand = read_stand(std::move(*m), base);
  if (auto m = top.optional_map("carbon")) s.carbon = read_carbon(std::move(*m), base);
  if (auto m = top.optional_map("silviculture")) {
    if (!s.carbon) {
      top.fail(m->node(),
               "'silviculture' needs the 'carbon' section (removed and felled wood "
               "goes to dead wood, litter and harvested wood products)");
    }
    s.silviculture = read_silviculture(std::move(*m), base, s);
  }
  if (auto m = top.optional_map("planning")) {
    if (!s.silviculture) {
      top.fail(
          m->node(),
          "'planning' needs the 'silviculture' section (targets drive the regimes' operations)");
    }
    s.planning = read_planning(std::move(*m));
  }
  if (auto m = top.optional_map("fuel")) {
    if (!s.silviculture) {
      top.fail(m->node(),
               "'fuel' needs the 'silviculture' section (boilers burn the wood that thinnings and "
               "fellings remove)");
    }
    s.fuel = read_fuel(std::move(*m), base);
  }
  if (auto m = top.optional_map("crediting")) s.crediting = read_crediting(std::move(*m), base, s);
}

void emit_optional_sections(YAML::Emitter& e, const Scenario& s) {
  if (s.stand) {
    const StandSection& st = *s.stand;
    e << YAML::Key << "stand" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "height" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "curves" << YAML::Value << st.height_curves;
    e << YAML::Key << "site_classes" << YAML::Value << st.height_site_classes;
    e << YAML::Key << "site_class_scheme" << YAML::Value << st.height_site_class_scheme;
    e << YAML::EndMap;
    if (!st.density_diagram.empty()) {
      e << YAML::Key << "density_diagram" << YAML::Value << YAML::BeginMap;
      e << YAML::Key << "path" << YAML::Value << st.density_diagram;
      e << YAML::Key << "region" << YAML::Value << st.density_diagram_region;
      e << YAML::EndMap;
    }
    e << YAML::Key << "initial_stems" << YAML::Value << YAML::BeginMap;
    if (st.initial_yield_index)
      e << YAML::Key << "yield_index" << YAML::Value << num(*st.initial_yield_index);
    e << YAML::Key << "max_per_ha" << YAML::Value << num(st.initial_stems_max);
    e << YAML::Key << "default_per_ha" << YAML::Value << num(st.initial_stems_default);
    e << YAML::EndMap;
    e << YAML::Key << "critical_stocking" << YAML::Value << num(st.critical_stocking);
    e << YAML::EndMap;
  }
  if (s.carbon) {
    e << YAML::Key << "carbon" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "decay" << YAML::Value << s.carbon->decay;
    e << YAML::Key << "hwp" << YAML::Value << s.carbon->hwp;
    e << YAML::Key << "soil" << YAML::Value << s.carbon->soil;
    if (s.carbon->initial != carbon::InitialMethod::zero) {
      e << YAML::Key << "initial_stocks" << YAML::Value << YAML::BeginMap;
      e << YAML::Key << "method" << YAML::Value
        << std::string(carbon::initial_method_name(s.carbon->initial));
      if (s.carbon->initial == carbon::InitialMethod::table)
        e << YAML::Key << "table" << YAML::Value << s.carbon->initial_table;
      e << YAML::EndMap;
    }
    e << YAML::EndMap;
  }
  if (s.silviculture) {
    const SilvicultureSection& sc = *s.silviculture;
    e << YAML::Key << "silviculture" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "wood_use" << YAML::Value << sc.wood_use;
    e << YAML::Key << "regimes" << YAML::Value << YAML::BeginSeq;
    for (const auto& r : sc.regimes) emit_regime(e, r);
    e << YAML::EndSeq;
    if (sc.events) {
      e << YAML::Key << "events" << YAML::Value << YAML::BeginMap;
      e << YAML::Key << "path" << YAML::Value << sc.events->path;
      if (sc.events->thinning_removals) {
        e << YAML::Key << "removals" << YAML::Value << YAML::BeginMap;
        emit_shares(e, "thinning", *sc.events->thinning_removals);
        emit_shares(e, "felling", *sc.events->felling_removals);
        e << YAML::EndMap;
      }
      if (sc.events->regeneration) emit_regeneration(e, *sc.events->regeneration);
      e << YAML::EndMap;
    }
    e << YAML::EndMap;
  }
  if (s.planning) emit_planning(e, *s.planning);
  if (s.fuel) emit_fuel(e, *s.fuel);
  if (s.crediting) emit_crediting(e, *s.crediting);
}

}  // namespace shinrin::io
