// Scenario section `planning` (README.md, "Scenario format"; structures in
// include/shinrin/io/scenario.hpp; meaning in include/shinrin/planning/plan.hpp).
#include <algorithm>
#include <charconv>
#include <map>

#include "scenario_sections.hpp"
#include "shinrin/core/error.hpp"

namespace shinrin::io {
namespace {

using yaml::Interval;
using yaml::MapReader;

template <class Enum, std::size_t N>
Enum read_choice(MapReader& m, const std::string& key, std::string_view (*name)(Enum),
                 Enum fallback, bool required) {
  if (!required && !m.get(key)) return fallback;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < N; ++i) names.emplace_back(name(Enum(i)));
  return Enum(m.choice(key, names));
}

TargetSpec read_target(MapReader m, std::map<std::string, std::string>& names) {
  TargetSpec t;
  t.origin = yaml::at(m.file(), m.node().Mark()) + ": '" + m.path() + "'";
  t.name = m.str("name");
  if (t.name.empty()) m.fail_value("name", "empty name");
  if (const auto [it, inserted] = names.emplace(t.name, t.origin); !inserted) {
    m.fail_value("name", "target '" + t.name + "' is defined twice (first at " + it->second + ")");
  }
  t.operation = read_choice<planning::Operation, planning::kOperationCount>(
      m, "operation", planning::operation_name, planning::Operation::final_felling, true);
  t.regimes = m.located_list("regimes");
  if (auto u = m.get("unit")) {
    if (u->IsMap()) {
      MapReader f(*u, m.file(), m.key_path("unit"));
      t.unit = "field";
      t.unit_field = f.str("field");
      if (t.unit_field.empty()) f.fail_value("field", "empty field name");
      f.finish();
    } else {
      t.unit = m.scalar(*u, "unit");
      if (t.unit != "landscape" && t.unit != "municipality") {
        m.fail_at(*u, "unit",
                  "'" + t.unit + "' is not one of landscape, municipality, {field: NAME}");
      }
    }
  }
  t.basis = read_choice<planning::Basis, planning::kBasisCount>(m, "basis", planning::basis_name,
                                                                planning::Basis::area, true);
  const int given = int(m.get("amount").has_value()) + int(m.get("schedule").has_value()) +
                    int(m.get("rule").has_value());
  if (given != 1) m.fail_here("give exactly one of 'amount', 'schedule' and 'rule'");
  const Interval non_negative{0.0, std::numeric_limits<double>::infinity(), false, false};
  const std::string unit_text = std::string(planning::basis_units(t.basis));
  if (auto a = m.get("amount")) {
    t.amount_origin = m.origin(*a, "amount");
    if (a->IsMap()) {
      t.kind = AmountKind::per_unit;
      for (const auto& kv : *a) {
        const std::string unit = kv.first.Scalar();
        const double v = m.number(kv.second, "amount." + unit, non_negative, unit_text.c_str());
        t.per_unit.push_back({Located{unit, m.origin(kv.first, "amount")}, v});
      }
      if (t.per_unit.empty()) m.fail_at(*a, "amount", "empty mapping of units to amounts");
    } else {
      t.kind = AmountKind::constant;
      t.amount = m.number(*a, "amount", non_negative, unit_text.c_str());
    }
  } else if (auto sch = m.get("schedule")) {
    t.amount_origin = m.origin(*sch, "schedule");
    t.kind = AmountKind::schedule;
    if (!sch->IsMap() || sch->size() == 0)
      m.fail_at(*sch, "schedule", "expected a mapping of fiscal years to amounts");
    for (const auto& kv : *sch) {
      const int year = m.integer(kv.first, "schedule", 1900, 2500, "(fiscal year)");
      const double v =
          m.number(kv.second, "schedule." + std::to_string(year), non_negative, unit_text.c_str());
      t.schedule.emplace_back(year, v);
    }
    std::sort(t.schedule.begin(), t.schedule.end());
    for (std::size_t k = 1; k < t.schedule.size(); ++k) {
      if (t.schedule[k].first == t.schedule[k - 1].first) {
        m.fail_at(*sch, "schedule",
                  "fiscal year " + std::to_string(t.schedule[k].first) + " is listed twice");
      }
    }
  } else {
    const YAML::Node r = *m.get("rule");
    t.amount_origin = m.origin(r, "rule");
    const std::string rule = m.scalar(r, "rule");
    if (rule == "normal_forest") {
      if (t.operation != planning::Operation::final_felling || t.basis != planning::Basis::area) {
        m.fail_at(r, "rule",
                  "the normal-forest rule (area / rotation age) gives a final-felling area: needs "
                  "operation final_felling and basis area");
      }
      t.kind = AmountKind::normal_forest;
    } else if (rule == "area_share") {
      if (t.basis != planning::Basis::area)
        m.fail_at(r, "rule", "the area_share rule gives an area: needs basis area");
      t.kind = AmountKind::area_share;
      t.share = m.number_required("share", Interval{0.0, 1.0, true, false}, "year-1");
    } else if (rule == "boiler_demand") {
      if (t.basis != planning::Basis::fuel_dry_mass) {
        m.fail_at(r, "rule", "the boiler_demand rule asks for fuel: needs basis fuel_dry_mass");
      }
      t.kind = AmountKind::boiler_demand;
      auto names = m.located_list("boilers");
      if (!names)
        m.fail_value("rule", "the boiler_demand rule needs 'boilers' (the boilers it feeds)");
      t.boilers = std::move(*names);
      if (m.get("unit"))
        m.fail_value(
            "unit", "a boiler_demand target's units are its boilers' catchments: leave 'unit' out");
      t.unit = "boilers";
    } else {
      m.fail_at(r, "rule", "'" + rule + "' is not one of normal_forest, area_share, boiler_demand");
    }
  }
  t.priority = read_choice<planning::Priority, planning::kPriorityCount>(
      m, "priority", planning::priority_name, planning::Priority::oldest_first, true);
  if (auto seed = m.get("seed")) {
    const std::string text = m.scalar(*seed, "seed");
    std::uint64_t v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc{} || r.ptr != text.data() + text.size()) {
      m.fail_at(*seed, "seed", "'" + text + "' is not an integer in [0, 2^64)");
    }
    t.seed = v;
  }
  if (t.priority == planning::Priority::random && !m.get("seed")) {
    m.fail_value("priority", "priority random needs a 'seed' (an integer), so that runs repeat");
  }
  if (auto lp = m.get("last_parcel")) {
    const std::string v = m.scalar(*lp, "last_parcel");
    if (v == "stop") {
      t.last_parcel = planning::LastParcel::stop;
    } else if (v == "skip") {
      t.last_parcel = planning::LastParcel::skip;
    } else if (v == "overshoot") {
      t.last_parcel = planning::LastParcel::overshoot;
    } else {
      m.fail_at(*lp, "last_parcel", "'" + v + "' is not one of stop, skip, overshoot");
    }
  }
  t.source = m.str("source");
  if (t.source.empty())
    m.fail_value("source", "say where the figure comes from (a plan, a rule, an assumption)");
  m.finish();
  return t;
}

}  // namespace

PlanningSection read_planning(MapReader m) {
  PlanningSection p;
  const auto items = m.sequence("targets");
  if (!items || items->empty())
    m.fail_here("missing required key 'targets' (a list of at least one target)");
  if (items->size() >= planning::kNoTarget) m.fail_value("targets", "too many targets");
  std::map<std::string, std::string> names;
  for (std::size_t i = 0; i < items->size(); ++i)
    p.targets.push_back(read_target(m.item((*items)[i], "targets", i), names));
  m.finish();
  return p;
}

void emit_planning(YAML::Emitter& e, const PlanningSection& p) {
  e << YAML::Key << "planning" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "targets" << YAML::Value << YAML::BeginSeq;
  for (const auto& t : p.targets) {
    e << YAML::BeginMap;
    e << YAML::Key << "name" << YAML::Value << t.name;
    e << YAML::Key << "operation" << YAML::Value
      << std::string(planning::operation_name(t.operation));
    if (t.regimes) {
      std::vector<std::string> v;
      for (const auto& r : *t.regimes) v.push_back(r.value);
      e << YAML::Key << "regimes" << YAML::Value << YAML::Flow << v;
    }
    if (t.unit == "boilers") {
      // implied by the boilers
    } else if (t.unit == "field") {
      e << YAML::Key << "unit" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
        << "field" << YAML::Value << t.unit_field << YAML::EndMap;
    } else {
      e << YAML::Key << "unit" << YAML::Value << t.unit;
    }
    e << YAML::Key << "basis" << YAML::Value << std::string(planning::basis_name(t.basis));
    switch (t.kind) {
      case AmountKind::constant:
        e << YAML::Key << "amount" << YAML::Value << num(t.amount);
        break;
      case AmountKind::per_unit:
        e << YAML::Key << "amount" << YAML::Value << YAML::BeginMap;
        for (const auto& [unit, v] : t.per_unit)
          e << YAML::Key << unit.value << YAML::Value << num(v);
        e << YAML::EndMap;
        break;
      case AmountKind::schedule:
        e << YAML::Key << "schedule" << YAML::Value << YAML::BeginMap;
        for (const auto& [year, v] : t.schedule) e << YAML::Key << year << YAML::Value << num(v);
        e << YAML::EndMap;
        break;
      case AmountKind::normal_forest:
        e << YAML::Key << "rule" << YAML::Value << "normal_forest";
        break;
      case AmountKind::area_share:
        e << YAML::Key << "rule" << YAML::Value << "area_share";
        e << YAML::Key << "share" << YAML::Value << num(t.share);
        break;
      case AmountKind::boiler_demand: {
        e << YAML::Key << "rule" << YAML::Value << "boiler_demand";
        std::vector<std::string> names;
        for (const auto& b : t.boilers) names.push_back(b.value);
        e << YAML::Key << "boilers" << YAML::Value << YAML::Flow << names;
        break;
      }
    }
    e << YAML::Key << "priority" << YAML::Value << std::string(planning::priority_name(t.priority));
    if (t.priority == planning::Priority::random) e << YAML::Key << "seed" << YAML::Value << t.seed;
    e << YAML::Key << "last_parcel" << YAML::Value
      << std::string(planning::last_parcel_name(t.last_parcel));
    e << YAML::Key << "source" << YAML::Value << t.source;
    e << YAML::EndMap;
  }
  e << YAML::EndSeq << YAML::EndMap;
}

}  // namespace shinrin::io
