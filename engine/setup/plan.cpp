#include "shinrin/setup/plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "shinrin/core/error.hpp"

namespace shinrin::setup {
namespace {

namespace sv = silviculture;
using planning::Operation;

bool has_operation(const sv::Regime& r, Operation op) {
  if (op == Operation::final_felling) return r.rotation_age > 0 || !r.felling_years.empty();
  return !r.thinnings.empty() || r.trigger.enabled;
}

std::string operation_text(Operation op) {
  return op == Operation::final_felling ? "a final felling (final_felling)"
                                        : "a thinning (thinning or density_trigger)";
}

planning::UnitColumn unit_column(const io::TargetSpec& t, const Landscape& p,
                                 const std::vector<FieldValues>& fields,
                                 const fuel::FuelModel& fuel,
                                 const std::vector<std::uint16_t>& boilers) {
  planning::UnitColumn c;
  if (t.unit == "boilers") {
    c.name = "boiler";
    for (std::uint16_t b : boilers) c.unit_names.push_back(fuel.boilers[b].name);
    std::vector<std::uint16_t> unit_of_boiler(fuel.boilers.size(), planning::kOutsideUnit);
    for (std::size_t u = 0; u < boilers.size(); ++u)
      unit_of_boiler[boilers[u]] = static_cast<std::uint16_t>(u);
    c.unit_of_row.assign(p.size(), planning::kOutsideUnit);
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (fuel.home[i] != fuel::kNoBoiler) c.unit_of_row[i] = unit_of_boiler[fuel.home[i]];
    }
  } else if (t.unit == "landscape") {
    c.name = "landscape";
    c.unit_names = {"landscape"};
    c.unit_of_row.assign(p.size(), 0);
  } else if (t.unit == "municipality") {
    c.name = "municipality";
    c.unit_names = p.municipality_names;
    c.unit_of_row = p.municipality;
  } else {
    const auto it = std::find_if(fields.begin(), fields.end(),
                                 [&](const FieldValues& f) { return f.field == t.unit_field; });
    if (it == fields.end())
      throw Error("setup: planning unit field '" + t.unit_field + "' was not read");
    c.name = t.unit_field;
    c.unit_names = it->names;
    c.unit_of_row = it->of_row;
  }
  return c;
}

}  // namespace

std::vector<std::string> planning_unit_fields(const io::Scenario& s) {
  std::vector<std::string> out;
  if (!s.planning) return out;
  for (const auto& t : s.planning->targets) {
    if (t.unit == "field" && std::find(out.begin(), out.end(), t.unit_field) == out.end())
      out.push_back(t.unit_field);
  }
  return out;
}

planning::Plan bind_plan(const io::Scenario& s, const Landscape& p, const sv::Management& m,
                         const std::vector<FieldValues>& fields, const fuel::FuelModel& fuel) {
  planning::Plan plan;
  // Every boiler that lists extra_operations needs a boiler_demand target.
  std::vector<std::string> fed_by(fuel.boilers.size());
  if (!s.planning) {
    for (const auto& b : fuel.boilers) {
      if (b.takes(fuel::Source::extra_operations)) {
        throw InputError(s.file + ": boiler '" + b.name +
                         "' lists extra_operations among its sources, but no "
                         "planning target has rule boiler_demand for it");
      }
    }
    return plan;
  }
  const std::size_t times = static_cast<std::size_t>(s.years) + 1;
  plan.target_of.assign(m.regimes.size() * planning::kOperationCount, planning::kNoTarget);
  std::vector<std::string> covered_by(plan.target_of.size());

  // Final-felling targets first, then thinning, each in file order: a parcel due for felling is
  // offered to felling before thinning.
  std::vector<const io::TargetSpec*> specs;
  for (Operation op : {Operation::final_felling, Operation::thinning}) {
    for (const auto& t : s.planning->targets) {
      if (t.operation == op) specs.push_back(&t);
    }
  }
  std::map<std::string, std::size_t> column_of;  // unit criterion -> column
  for (const io::TargetSpec* spec : specs) {
    const std::uint16_t index = static_cast<std::uint16_t>(plan.targets.size());
    planning::Target t;
    t.name = spec->name;
    t.operation = spec->operation;
    t.basis = spec->basis;
    t.priority = spec->priority;
    t.seed = spec->seed;
    t.last_parcel = spec->last_parcel;
    t.source = spec->source;
    t.times = times;

    // Regimes covered.
    std::vector<std::uint16_t> regimes;
    if (spec->regimes) {
      for (const auto& name : *spec->regimes) {
        const auto it = std::find_if(m.regimes.begin(), m.regimes.end(),
                                     [&](const sv::Regime& r) { return r.name == name.value; });
        if (it == m.regimes.end()) {
          std::string known;
          for (const auto& r : m.regimes) known += (known.empty() ? "" : ", ") + r.name;
          throw InputError(name.origin + ": no regime '" + name.value + "' (regimes: " + known +
                           ")");
        }
        if (!has_operation(*it, spec->operation)) {
          throw InputError(name.origin + ": regime '" + name.value + "' has no " +
                           operation_text(spec->operation) + ", so target '" + spec->name +
                           "' cannot plan it");
        }
        regimes.push_back(static_cast<std::uint16_t>(it - m.regimes.begin()));
      }
    } else {
      for (std::size_t r = 0; r < m.regimes.size(); ++r) {
        if (has_operation(m.regimes[r], spec->operation))
          regimes.push_back(static_cast<std::uint16_t>(r));
      }
      if (regimes.empty()) {
        throw InputError(spec->origin + ": target '" + spec->name + "': no regime has " +
                         operation_text(spec->operation));
      }
    }
    for (std::uint16_t r : regimes) {
      const std::size_t k =
          std::size_t(r) * planning::kOperationCount + std::size_t(spec->operation);
      if (plan.target_of[k] != planning::kNoTarget) {
        throw InputError(spec->origin + ": regime '" + m.regimes[r].name +
                         "' is already covered by target '" + covered_by[k] + "' for " +
                         std::string(planning::operation_name(spec->operation)) +
                         "; a regime's operation has at most one target");
      }
      plan.target_of[k] = index;
      covered_by[k] = spec->name;
    }

    // Boilers of a boiler_demand target.
    for (const auto& name : spec->boilers) {
      std::size_t k = 0;
      while (k < fuel.boilers.size() && fuel.boilers[k].name != name.value) ++k;
      if (k == fuel.boilers.size()) {
        std::string known;
        for (const auto& b : fuel.boilers) known += (known.empty() ? "" : ", ") + b.name;
        throw InputError(name.origin + ": no boiler '" + name.value +
                         "' (boilers: " + (known.empty() ? "none" : known) + ")");
      }
      if (!fuel.boilers[k].takes(fuel::Source::extra_operations)) {
        throw InputError(name.origin + ": boiler '" + name.value +
                         "' does not list extra_operations among its sources");
      }
      if (!fed_by[k].empty()) {
        throw InputError(name.origin + ": boiler '" + name.value + "' is already fed by target '" +
                         fed_by[k] + "'");
      }
      fed_by[k] = spec->name;
      t.boilers.push_back(static_cast<std::uint16_t>(k));
    }

    if (t.priority == planning::Priority::nearest_first) {
      bool located = !t.boilers.empty() && !p.x.empty();
      for (std::uint16_t b : t.boilers) located = located && fuel.boilers[b].located;
      if (!located) {
        throw InputError(spec->origin + ": target '" + spec->name +
                         "': priority nearest_first needs a boiler_demand "
                         "target whose boilers have a location, and fuel.epsg");
      }
    }

    // Units.
    const std::string criterion = spec->unit == "field"     ? "field:" + spec->unit_field
                                  : spec->unit == "boilers" ? "boilers:" + spec->name
                                                            : spec->unit;
    auto [col, inserted] = column_of.try_emplace(criterion, plan.unit_columns.size());
    if (inserted) plan.unit_columns.push_back(unit_column(*spec, p, fields, fuel, t.boilers));
    t.unit_column = col->second;
    const planning::UnitColumn& units = plan.unit_columns[t.unit_column];
    const std::size_t n_units = units.unit_names.size();

    // Which units hold parcels under the covered regimes (and their normal-forest area rate).
    std::vector<char> covered(m.regimes.size(), 0);
    for (std::uint16_t r : regimes) covered[r] = 1;
    std::vector<char> unit_used(n_units, 0);
    std::vector<double> normal(n_units, 0.0), covered_area(n_units, 0.0);
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p.regime[i] == kNoRegime || !covered[p.regime[i]]) continue;
      const std::uint16_t u = units.unit_of_row[i];
      if (u == planning::kOutsideUnit) continue;
      unit_used[u] = 1;
      covered_area[u] += p.area_ha[i];
      if (spec->kind == io::AmountKind::normal_forest) {
        const sv::Regime& r = m.regimes[p.regime[i]];
        if (r.rotation_age <= 0) {
          throw InputError(spec->amount_origin +
                           ": the normal-forest rule needs a rotation age, and regime '" + r.name +
                           "' (covered by target '" + spec->name + "') fells by fiscal years only");
        }
        normal[u] += p.area_ha[i] / r.rotation_age;
      }
    }

    t.amount.assign(n_units * times, std::nan(""));
    auto set_all = [&](std::size_t u, auto value_at) {
      for (std::size_t tt = 1; tt < times; ++tt) t.amount[u * times + tt] = value_at(tt);
    };
    switch (spec->kind) {
      case io::AmountKind::constant:
        t.rule = "constant";
        for (std::size_t u = 0; u < n_units; ++u)
          set_all(u, [&](std::size_t) { return spec->amount; });
        break;
      case io::AmountKind::per_unit: {
        t.rule = "constant";
        std::vector<char> given(n_units, 0);
        for (const auto& [name, value] : spec->per_unit) {
          const auto it = std::find(units.unit_names.begin(), units.unit_names.end(), name.value);
          if (it == units.unit_names.end()) {
            std::string known;
            for (const auto& n : units.unit_names) known += (known.empty() ? "" : ", ") + n;
            throw InputError(name.origin + ": no planning unit '" + name.value + "' of " +
                             units.name + " (units: " + known + ")");
          }
          const std::size_t u = std::size_t(it - units.unit_names.begin());
          given[u] = 1;
          set_all(u, [&](std::size_t) { return value; });
        }
        std::string missing;
        for (std::size_t u = 0; u < n_units; ++u) {
          if (unit_used[u] && !given[u]) missing += "\n  '" + units.unit_names[u] + "'";
        }
        if (!missing.empty()) {
          throw InputError(spec->amount_origin + ": target '" + spec->name +
                           "' gives no amount for these units of " + units.name +
                           ", which hold parcels under its regimes:" + missing);
        }
        break;
      }
      case io::AmountKind::schedule: {
        t.rule = "schedule";
        if (spec->schedule.front().first > s.start_year) {
          throw InputError(spec->amount_origin + ": the schedule of target '" + spec->name +
                           "' starts in fiscal year " +
                           std::to_string(spec->schedule.front().first) +
                           ", after the first simulated year " + std::to_string(s.start_year) +
                           " (each entry holds from its year until the next)");
        }
        for (std::size_t u = 0; u < n_units; ++u) {
          set_all(u, [&](std::size_t tt) {
            const int year = s.start_year + int(tt) - 1;
            double v = spec->schedule.front().second;
            for (const auto& [y, a] : spec->schedule) {
              if (y <= year) v = a;
            }
            return v;
          });
        }
        break;
      }
      case io::AmountKind::normal_forest:
        t.rule = "normal_forest";
        for (std::size_t u = 0; u < n_units; ++u)
          set_all(u, [&](std::size_t) { return normal[u]; });
        break;
      case io::AmountKind::boiler_demand:
        t.rule = "boiler_demand";
        for (std::size_t u = 0; u < n_units; ++u) set_all(u, [](std::size_t) { return 0.0; });
        break;
      case io::AmountKind::area_share:
        t.rule = "area_share";
        for (std::size_t u = 0; u < n_units; ++u)
          set_all(u, [&](std::size_t) { return spec->share * covered_area[u]; });
        break;
    }
    plan.targets.push_back(std::move(t));
  }
  plan.first_row.clear();
  plan.rows = 0;
  for (const auto& t : plan.targets) {
    plan.first_row.push_back(plan.rows);
    plan.rows += plan.unit_columns[t.unit_column].unit_names.size();
  }
  for (std::size_t k = 0; k < fuel.boilers.size(); ++k) {
    if (fuel.boilers[k].takes(fuel::Source::extra_operations) && fed_by[k].empty()) {
      throw InputError(s.file + ": boiler '" + fuel.boilers[k].name +
                       "' lists extra_operations among its sources, but "
                       "no planning target has rule boiler_demand for it");
    }
  }
  if (plan.rows >= 0xFFFF) {
    throw InputError(
        s.file + ": 'planning': " + std::to_string(plan.rows) +
        " (target, unit) rows; at most 65534 (fewer targets or coarser planning units)");
  }
  return plan;
}

}  // namespace shinrin::setup
