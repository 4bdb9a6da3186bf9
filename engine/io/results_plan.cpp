// The /plan group's datasets (format 3.x): harvest-plan results per (target, unit) row and
// fiscal year, with the rows' target, unit and basis (docs/results-format.md).
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "hdf5_util.hpp"
#include "results_groups.hpp"
#include "shinrin/planning/selection.hpp"

namespace shinrin::io {

// Harvest-plan results (planning/selection.hpp): one row per (target, unit), per year.
void write_plan(hid_t root, hid_t year, const planning::PlanResults& results,
                const sim::Inputs& in) {
  const planning::Plan& plan = in.plan;
  if (plan.rows == 0) return;
  std::vector<std::string> label, target, unit, unit_column, operation, basis, rule, priority, last,
      source;
  std::vector<planning::Basis> basis_of_row;
  for (std::size_t g = 0; g < plan.targets.size(); ++g) {
    const planning::Target& t = plan.targets[g];
    const planning::UnitColumn& u = plan.unit_columns[t.unit_column];
    for (const auto& name : u.unit_names) {
      label.push_back(t.name + ": " + name);
      target.push_back(t.name);
      unit.push_back(name);
      unit_column.push_back(u.name);
      operation.emplace_back(planning::operation_name(t.operation));
      basis.emplace_back(planning::basis_name(t.basis));
      rule.push_back(t.rule);
      priority.emplace_back(planning::priority_name(t.priority));
      last.emplace_back(planning::last_parcel_name(t.last_parcel));
      source.push_back(t.source);
      basis_of_row.push_back(t.basis);
    }
  }
  h5::Id dim = h5::write_strings(root, "plan", label);
  h5::attr_cf(dim, "1", "harvest-plan row: target name and planning unit");
  h5::make_scale(dim, "plan");
  const std::pair<const char*, std::pair<std::vector<std::string>*, const char*>> labels[] = {
      {"plan_target", {&target, "name of the planning target"}},
      {"plan_unit",
       {&unit, "planning unit (a municipality, a value of a register field, or the landscape)"}},
      {"plan_unit_criterion",
       {&unit_column, "what the planning units are: landscape, municipality or a register field"}},
      {"plan_operation", {&operation, "operation planned: final_felling or thinning"}},
      {"plan_basis",
       {&basis,
        "what the target counts: area [ha], volume (stem volume removed) [m3] or fuel_dry_mass "
        "[t]"}},
      {"plan_rule", {&rule, "how the target amount is given: constant, schedule or normal_forest"}},
      {"plan_priority", {&priority, "order in which eligible parcels are treated"}},
      {"plan_last_parcel",
       {&last,
        "the parcel that would exceed the target: stop (the year ends there), skip (later parcels "
        "that fit are treated) or overshoot (it is treated whole)"}},
      {"plan_source", {&source, "where the target figure comes from (scenario text)"}},
  };
  for (const auto& [name, v] : labels) {
    h5::Id ds = h5::write_strings(root, name, *v.first);
    h5::attr_cf(ds, "1", v.second);
    h5::attach(ds, dim, 0);
  }
  const std::size_t times = results.times();
  auto write = [&](const std::string& name, const std::string& units, const std::string& long_name,
                   auto value) {
    std::vector<double> data(plan.rows * times);
    for (std::size_t r = 0; r < plan.rows; ++r) {
      for (std::size_t t = 0; t < times; ++t)
        data[r * times + t] = t == 0 ? std::nan("") : value(r, t);
    }
    h5::Id ds = h5::write_2d(root, name.c_str(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, data.data(),
                             plan.rows, times);
    h5::attr_double(ds, "_FillValue", std::nan(""));
    h5::attr_cf(ds, units, long_name);
    h5::attr_string(ds, "coordinates", "plan_target plan_unit");
    h5::attach(ds, dim, 0);
    h5::attach(ds, year, 1);
  };
  for (std::size_t v = 0; v < planning::kPlanVarCount; ++v) {
    const planning::PlanVarInfo& info = planning::plan_var_info(planning::PlanVar(v));
    if (info.var == planning::PlanVar::achieved) continue;  // = treated_<basis>
    if (info.units != "basis") {
      write("plan_" + std::string(info.name), std::string(info.units), std::string(info.long_name),
            [&](std::size_t r, std::size_t t) { return results.at(r, t, info.var); });
      continue;
    }
    // One variable per basis (CF: one unit per variable); NaN on rows of another basis.
    for (std::size_t b = 0; b < planning::kBasisCount; ++b) {
      const auto basis_b = planning::Basis(b);
      write("plan_" + std::string(info.name) + "_" + std::string(planning::basis_name(basis_b)),
            std::string(planning::basis_units(basis_b)),
            std::string(info.long_name) + " (targets on basis " +
                std::string(planning::basis_name(basis_b)) + ")",
            [&](std::size_t r, std::size_t t) {
              return basis_of_row[r] == basis_b ? results.at(r, t, info.var) : std::nan("");
            });
    }
  }
}

}  // namespace shinrin::io
