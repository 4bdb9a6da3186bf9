#include "shinrin/simulation/outputs.hpp"

namespace shinrin::sim {
namespace {

constexpr std::array<VariableInfo, kParcelVarCount> kParcelVars = {{
    {"age", "year", "stand age at the end of the fiscal year", false},
    {"stem_volume", "m3 ha-1", "stem volume at the end of the fiscal year", false},
    {"carbon_ag", "t ha-1", "carbon in above-ground live biomass at the end of the fiscal year",
     false},
    {"carbon_bg", "t ha-1", "carbon in below-ground live biomass at the end of the fiscal year",
     false},
    {"co2_removal", "t ha-1 year-1", "CO2 absorbed by biomass growth during the fiscal year",
     true},
}};

constexpr std::array<VariableInfo, kAggVarCount> kAggVars = {{
    {"stem_volume", "m3", "total stem volume at the end of the fiscal year", false},
    {"carbon_ag", "t", "total carbon in above-ground live biomass at the end of the fiscal year",
     false},
    {"carbon_bg", "t", "total carbon in below-ground live biomass at the end of the fiscal year",
     false},
    {"co2_removal", "t year-1", "total CO2 absorbed by biomass growth during the fiscal year",
     true},
}};

}  // namespace

const VariableInfo& parcel_var_info(ParcelVar v) { return kParcelVars[static_cast<std::size_t>(v)]; }
const VariableInfo& agg_var_info(AggVar v) { return kAggVars[static_cast<std::size_t>(v)]; }

std::optional<ParcelVar> parse_parcel_var(std::string_view name) {
  for (std::size_t i = 0; i < kParcelVarCount; ++i) {
    if (kParcelVars[i].name == name) return static_cast<ParcelVar>(i);
  }
  return std::nullopt;
}

}  // namespace shinrin::sim
