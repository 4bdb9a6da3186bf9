// The registered phases of the fiscal year, in order. Adding a phase: one file with its parts,
// one line here.
#include <array>

#include "phase.hpp"

namespace shinrin::sim {
namespace {

using carbon::Module;

bool always(const Inputs&) {
  return true;
}
bool stand(const Inputs& in) {
  return in.model.stand.enabled;
}
bool planning(const Inputs& in) {
  return in.model.management.enabled && in.plan.enabled();
}
bool management(const Inputs& in) {
  return in.model.management.enabled;
}
bool carbon_pools(const Inputs& in) {
  return in.model.carbon_enabled;
}
bool fuel_demand_targets(const Inputs& in) {
  if (!in.model.management.enabled) return false;
  for (const auto& t : in.plan.targets) {
    if (t.dynamic()) return true;
  }
  return false;
}
bool boilers(const Inputs& in) {
  return in.fuel.enabled();
}
bool forest_projects(const Inputs& in) {
  for (const auto& p : in.credit.projects) {
    if (p.rules->scope == crediting::Scope::forest) return true;
  }
  return false;
}

constexpr std::array<Module, 1> kGrowth{Module::growth};
constexpr std::array<Module, 1> kTurnover{Module::turnover};
constexpr std::array<Module, 2> kOperations{Module::thinning, Module::felling};
constexpr std::array<Module, 1> kDecay{Module::decay};
constexpr std::array<Module, 1> kHwp{Module::hwp};

const std::array<PhaseEntry, 11> kPhases = {{
    {"growth", always, growth_block, nullptr, kGrowth},
    {"stand", stand, stand_block, nullptr, {}},
    {"planning", planning, planning_candidates_block, planning_select, {}},
    {"fuel_demand", fuel_demand_targets, nullptr, fuel_demand, {}},
    {"operations", management, operations_block, nullptr, kOperations},
    {"crediting", forest_projects, crediting_block, nullptr, {}},
    {"turnover", carbon_pools, turnover_block, nullptr, kTurnover},
    {"decay", carbon_pools, decay_block, nullptr, kDecay},
    {"wood_products", carbon_pools, wood_products_block, nullptr, kHwp},
    {"outputs", always, outputs_block, nullptr, {}},
    {"fuel", boilers, fuel_collect_block, fuel_burn, {}},
}};

}  // namespace

std::span<const PhaseEntry> phases() {
  return kPhases;
}

}  // namespace shinrin::sim
