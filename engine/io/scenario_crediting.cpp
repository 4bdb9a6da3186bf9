// Scenario section `crediting` (README.md, "Crediting"; structures in
// include/shinrin/io/scenario.hpp; arithmetic in include/shinrin/crediting/).
#include <charconv>
#include <map>

#include "scenario_sections.hpp"
#include "shinrin/core/error.hpp"

namespace shinrin::io {
namespace {

using yaml::Interval;
using yaml::MapReader;

FieldTest read_field_test(MapReader m) {
  FieldTest f;
  f.origin = yaml::at(m.file(), m.node().Mark()) + ": '" + m.path() + "'";
  f.field = m.str("field");
  if (f.field.empty()) m.fail_value("field", "empty field name");
  f.values = m.list("values");
  m.finish();
  return f;
}

// Numbers a project may set in place of the crediting table's (data/crediting.csv).
const char* const kNumbers[] = {"cf",
                                "buffer_share",
                                "uncertainty_share",
                                "rounding_step",
                                "hwp_years",
                                "credit_period_years",
                                "max_credit_period_years",
                                "treatment_since",
                                "partial_plan_min_area",
                                "min_project_area",
                                "window_first",
                                "window_last"};

ProjectSpec read_project(MapReader m, std::map<std::string, std::string>& names,
                         const std::filesystem::path& base) {
  ProjectSpec p;
  p.origin = yaml::at(m.file(), m.node().Mark()) + ": '" + m.path() + "'";
  p.name = m.str("name");
  if (p.name.empty()) m.fail_value("name", "empty name");
  if (const auto [it, inserted] = names.emplace(p.name, p.origin); !inserted) {
    m.fail_value("name", "project '" + p.name + "' is defined twice (first at " + it->second + ")");
  }
  {
    const YAML::Node n = m.required("methodology");
    p.methodology = {m.scalar(n, "methodology"), m.origin(n, "methodology")};
  }
  if (auto parcels = m.optional_map("parcels")) {
    p.parcels_origin = yaml::at(m.file(), parcels->node().Mark()) + ": '" + parcels->path() + "'";
    p.municipalities = parcels->located_list("municipality").value_or(std::vector<Located>{});
    p.species = parcels->located_list("species").value_or(std::vector<Located>{});
    p.forest_types = parcels->located_list("forest_types").value_or(std::vector<Located>{});
    p.keys = parcels->located_list("keys").value_or(std::vector<Located>{});
    if (auto f = parcels->optional_map("field")) p.field = read_field_test(std::move(*f));
    if (auto poly = parcels->optional_map("polygons")) {
      p.polygons = yaml::resolve(base, poly->str("path"));
      p.polygons_layer = poly->str_or("layer", "");
      poly->finish();
    }
    parcels->finish();
  }
  if (auto b = m.located_list("boilers")) p.boilers = std::move(*b);
  {
    const YAML::Node n = m.required("periods");
    p.periods_origin = m.origin(n, "periods");
    if (n.IsSequence()) {
      for (std::size_t i = 0; i < n.size(); ++i) {
        MapReader item = m.item(n[i], "periods", i);
        const int first = item.int_required("first", 1900, 2500, "(fiscal year)");
        const int last = item.int_required("last", 1900, 2500, "(fiscal year)");
        if (last < first) item.fail_value("last", "before 'first' (" + std::to_string(first) + ")");
        if (!p.periods.empty() && first != p.periods.back().second + 1) {
          item.fail_value("first", "periods must follow each other: the previous one ends in FY" +
                                       std::to_string(p.periods.back().second));
        }
        item.finish();
        p.periods.emplace_back(first, last);
      }
      if (p.periods.empty()) m.fail_value("periods", "empty list of periods");
    } else {
      MapReader per = m.map("periods");
      const int first = per.int_required("first", 1900, 2500, "(fiscal year)");
      const int years = per.int_required("years", 1, 100, "(the credit period, years)");
      const int every = per.int_optional("monitoring_years", 1, 100, "years").value_or(years);
      per.finish();
      for (int y = first; y < first + years; y += every) {
        p.periods.emplace_back(y, std::min(y + every - 1, first + years - 1));
      }
    }
  }
  if (m.get("growth")) {
    p.growth = m.choice("growth", {"yield_curve", "age_class_table"}) == 0 ? "yield_curve"
                                                                           : "age_class_table";
  }
  if (auto t = m.optional_map("treatment_record")) {
    p.treatment_record_field = t->str("field");
    t->finish();
  }
  if (auto f = m.optional_map("protected_forest"))
    p.protected_forest = read_field_test(std::move(*f));
  if (auto f = m.optional_map("afforested")) p.afforested = read_field_test(std::move(*f));
  if (m.get("replanting")) p.replanting = m.boolean("replanting");
  if (m.get("hwp")) p.hwp = m.boolean("hwp");
  if (auto b = m.get("baseline")) {
    if (b->IsScalar()) {
      const std::size_t k = m.choice("baseline", {"none", "unmanaged"});
      p.baseline = k == 0 ? "none" : "unmanaged";
    } else {
      MapReader base = m.map("baseline");
      MapReader regimes = base.map("regimes");
      for (const auto& kv : regimes.node()) {
        const std::string from = kv.first.Scalar();
        p.baseline_regimes.push_back(
            {{from, regimes.origin(kv.second, from)}, regimes.scalar(kv.second, from)});
      }
      if (p.baseline_regimes.empty()) base.fail_value("regimes", "no regime replaced");
      base.finish();
      p.baseline = "regimes";
    }
  }
  p.plan_area_ha = m.number_optional("plan_area_ha", Interval::above(0.0), "ha");
  if (auto params = m.optional_map("parameters")) {
    for (const auto& kv : params->node()) {
      const std::string name = kv.first.Scalar();
      if (name == "standard_rotation_age") {
        MapReader ages = params->map(name);
        for (const auto& a : ages.node()) {
          const std::string sp = a.first.Scalar();
          p.parameters.push_back({name, sp, double(ages.integer(a.second, sp, 1, 300, "years")),
                                  ages.origin(a.second, sp)});
        }
        continue;
      }
      bool known = false;
      for (const char* k : kNumbers) known = known || name == k;
      if (!known) {
        std::string list = "standard_rotation_age";
        for (const char* k : kNumbers) list += std::string(", ") + k;
        params->fail_at(kv.first, name,
                        "'" + name + "' is not a crediting parameter (" + list + ")");
      }
      p.parameters.push_back({name, "-", params->number(kv.second, name, Interval{}, ""),
                              params->origin(kv.second, name)});
    }
  }
  m.finish();
  return p;
}

}  // namespace

std::string polygon_field(const std::string& path, const std::string& layer) {
  return "@polygons:" + path + "#" + layer;
}

CreditingSection read_crediting(MapReader m, const std::filesystem::path& base, const Scenario& s) {
  CreditingSection c;
  c.parameters = yaml::resolve(base, m.str("parameters"));
  const auto items = m.sequence("projects");
  if (!items || items->empty())
    m.fail_here("missing required key 'projects' (a list of at least one project)");
  std::map<std::string, std::string> names;
  for (std::size_t i = 0; i < items->size(); ++i) {
    c.projects.push_back(read_project(m.item((*items)[i], "projects", i), names, base));
    const ProjectSpec& p = c.projects.back();
    if (!p.boilers.empty() && !s.fuel) {
      m.fail_value("projects", "project '" + p.name +
                                   "' names boilers, but the scenario has no 'fuel' section");
    }
  }
  m.finish();
  return c;
}

void emit_crediting(YAML::Emitter& e, const CreditingSection& c) {
  e << YAML::Key << "crediting" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "parameters" << YAML::Value << c.parameters;
  e << YAML::Key << "projects" << YAML::Value << YAML::BeginSeq;
  auto names = [](const std::vector<Located>& v) {
    std::vector<std::string> out;
    for (const auto& x : v) out.push_back(x.value);
    return out;
  };
  auto field_test = [&](const char* key, const FieldTest& f) {
    e << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "field"
      << YAML::Value << f.field << YAML::Key << "values" << YAML::Value << YAML::Flow << f.values
      << YAML::EndMap;
  };
  for (const auto& p : c.projects) {
    e << YAML::BeginMap;
    e << YAML::Key << "name" << YAML::Value << p.name;
    e << YAML::Key << "methodology" << YAML::Value << p.methodology.value;
    if (!p.municipalities.empty() || !p.species.empty() || !p.forest_types.empty() ||
        !p.keys.empty() || p.field || !p.polygons.empty()) {
      e << YAML::Key << "parcels" << YAML::Value << YAML::BeginMap;
      if (!p.municipalities.empty())
        e << YAML::Key << "municipality" << YAML::Value << YAML::Flow << names(p.municipalities);
      if (!p.species.empty())
        e << YAML::Key << "species" << YAML::Value << YAML::Flow << names(p.species);
      if (!p.forest_types.empty())
        e << YAML::Key << "forest_types" << YAML::Value << YAML::Flow << names(p.forest_types);
      if (!p.keys.empty()) e << YAML::Key << "keys" << YAML::Value << YAML::Flow << names(p.keys);
      if (p.field) field_test("field", *p.field);
      if (!p.polygons.empty()) {
        e << YAML::Key << "polygons" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
          << "path" << YAML::Value << p.polygons;
        if (!p.polygons_layer.empty()) e << YAML::Key << "layer" << YAML::Value << p.polygons_layer;
        e << YAML::EndMap;
      }
      if (!p.polygons.empty()) {
        e << YAML::Key << "polygons" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
          << "path" << YAML::Value << p.polygons;
        if (!p.polygons_layer.empty()) e << YAML::Key << "layer" << YAML::Value << p.polygons_layer;
        e << YAML::EndMap;
      }
      e << YAML::EndMap;
    }
    if (!p.boilers.empty())
      e << YAML::Key << "boilers" << YAML::Value << YAML::Flow << names(p.boilers);
    e << YAML::Key << "periods" << YAML::Value << YAML::BeginSeq;
    for (const auto& [first, last] : p.periods) {
      e << YAML::Flow << YAML::BeginMap << YAML::Key << "first" << YAML::Value << first << YAML::Key
        << "last" << YAML::Value << last << YAML::EndMap;
    }
    e << YAML::EndSeq;
    e << YAML::Key << "growth" << YAML::Value << p.growth;
    if (p.treatment_record_field) {
      e << YAML::Key << "treatment_record" << YAML::Value << YAML::Flow << YAML::BeginMap
        << YAML::Key << "field" << YAML::Value << *p.treatment_record_field << YAML::EndMap;
    }
    if (p.protected_forest) field_test("protected_forest", *p.protected_forest);
    if (p.afforested) field_test("afforested", *p.afforested);
    e << YAML::Key << "replanting" << YAML::Value << (p.replanting ? "true" : "false");
    e << YAML::Key << "hwp" << YAML::Value << (p.hwp ? "true" : "false");
    if (p.baseline == "regimes") {
      e << YAML::Key << "baseline" << YAML::Value << YAML::BeginMap << YAML::Key << "regimes"
        << YAML::Value << YAML::BeginMap;
      for (const auto& [from, to] : p.baseline_regimes)
        e << YAML::Key << from.value << YAML::Value << to;
      e << YAML::EndMap << YAML::EndMap;
    } else {
      e << YAML::Key << "baseline" << YAML::Value << p.baseline;
    }
    if (p.plan_area_ha) e << YAML::Key << "plan_area_ha" << YAML::Value << num(*p.plan_area_ha);
    if (!p.parameters.empty()) {
      e << YAML::Key << "parameters" << YAML::Value << YAML::BeginMap;
      bool ages_open = false;
      for (const auto& o : p.parameters) {
        if (o.name != "standard_rotation_age") {
          e << YAML::Key << o.name << YAML::Value << num(o.value);
        }
      }
      for (const auto& o : p.parameters) {
        if (o.name != "standard_rotation_age") continue;
        if (!ages_open) {
          e << YAML::Key << "standard_rotation_age" << YAML::Value << YAML::BeginMap;
          ages_open = true;
        }
        e << YAML::Key << o.key << YAML::Value << num(o.value);
      }
      if (ages_open) e << YAML::EndMap;
      e << YAML::EndMap;
    }
    e << YAML::EndMap;
  }
  e << YAML::EndSeq;
  e << YAML::EndMap;
}

}  // namespace shinrin::io
