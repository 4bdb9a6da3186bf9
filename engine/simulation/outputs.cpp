#include "shinrin/simulation/outputs.hpp"

#include <algorithm>
#include <array>

namespace shinrin::sim {
namespace {

constexpr auto kParcelVars = std::to_array<VariableInfo>({
    {"age", "year", "stand age at the end of the fiscal year", false},
    {"stem_volume", "m3 ha-1", "stem volume at the end of the fiscal year", false},
    {"stems", "ha-1", "stems per hectare at the end of the fiscal year", false},
    {"height", "m", "top height (upper-storey height) at the end of the fiscal year", false},
    {"yield_index", "1",
     "yield index Ry of the stand density diagram at the end of the fiscal year", false},
    {"carbon_ag", "t ha-1", "carbon in above-ground live biomass", false},
    {"carbon_bg", "t ha-1", "carbon in below-ground live biomass", false},
    {"carbon_dead_wood", "t ha-1", "carbon in dead wood", false},
    {"carbon_litter", "t ha-1", "carbon in litter", false},
    {"carbon_soil", "t ha-1", "carbon in soil from decaying dead wood and litter", false},
    {"carbon_hwp_sawnwood", "t ha-1", "carbon in harvested sawnwood in use", false},
    {"carbon_hwp_panels", "t ha-1", "carbon in harvested wood panels in use", false},
    {"carbon_hwp_paper", "t ha-1", "carbon in harvested paper in use", false},
    {"co2_removal", "t ha-1 year-1", "CO2 absorbed by biomass growth during the fiscal year", true},
    {"co2_emission", "t ha-1 year-1",
     "CO2 released during the fiscal year (burnt wood, decay of dead wood, litter, soil and wood "
     "products)",
     true},
    {"operation", "1",
     "operation in the fiscal year: 0 none, 1 thinning, 2 density-triggered thinning, 3 final "
     "felling",
     true},
    {"removed_sawlog", "m3 ha-1 year-1", "stem volume removed as sawlogs", true},
    {"removed_other_industrial", "m3 ha-1 year-1", "stem volume removed as other industrial wood",
     true},
    {"removed_fuelwood", "m3 ha-1 year-1", "stem volume removed as fuelwood", true},
    {"stems_left", "m3 ha-1 year-1", "felled stem volume left on site", true},
    {"residues_collected", "m3 ha-1 year-1",
     "harvest residues collected for fuel (wood-equivalent volume)", true},
    {"residues_left", "m3 ha-1 year-1", "harvest residues left on site (wood-equivalent volume)",
     true},
});
static_assert(kParcelVars.size() == kParcelVarCount, "one row per ParcelVar");

constexpr auto kAggVars = std::to_array<VariableInfo>({
    {"stem_volume", "m3", "stem volume at the end of the fiscal year", false},
    {"carbon_ag", "t", "carbon in above-ground live biomass at the end of the fiscal year", false},
    {"carbon_bg", "t", "carbon in below-ground live biomass at the end of the fiscal year", false},
    {"carbon_dead_wood", "t", "carbon in dead wood at the end of the fiscal year", false},
    {"carbon_litter", "t", "carbon in litter at the end of the fiscal year", false},
    {"carbon_soil", "t", "carbon in soil (from dead wood and litter) at the end of the fiscal year",
     false},
    {"carbon_hwp_sawnwood", "t",
     "carbon in harvested sawnwood in use at the end of the fiscal year", false},
    {"carbon_hwp_panels", "t",
     "carbon in harvested wood panels in use at the end of the fiscal year", false},
    {"carbon_hwp_paper", "t", "carbon in harvested paper in use at the end of the fiscal year",
     false},
    {"co2_removal", "t year-1",
     "CO2 absorbed by biomass growth during the fiscal year (the stand's increment and the "
     "regrowth "
     "replacing litterfall, mortality and fine roots)",
     true},
    {"co2_emission", "t year-1", "CO2 released during the fiscal year (burnt wood and decay)",
     true},
    {"co2_factor_step", "t year-1",
     "change of live-biomass carbon as CO2 where the expansion factor steps (BEF at 20/21; "
     "negative: released)",
     true},
    {"thinned_area", "ha year-1", "area thinned during the fiscal year", true},
    {"felled_area", "ha year-1", "area clear-felled during the fiscal year", true},
    {"sawlog_volume", "m3 year-1", "sawlogs removed (stem volume)", true},
    {"sawlog_dry_mass", "t year-1", "sawlogs removed (dry mass)", true},
    {"sawlog_carbon", "t year-1", "sawlogs removed (carbon)", true},
    {"other_industrial_volume", "m3 year-1", "other industrial wood removed (stem volume)", true},
    {"other_industrial_dry_mass", "t year-1", "other industrial wood removed (dry mass)", true},
    {"other_industrial_carbon", "t year-1", "other industrial wood removed (carbon)", true},
    {"fuelwood_volume", "m3 year-1", "fuelwood removed (stem volume)", true},
    {"fuelwood_dry_mass", "t year-1", "fuelwood removed (dry mass)", true},
    {"fuelwood_carbon", "t year-1", "fuelwood removed (carbon)", true},
    {"stems_left_volume", "m3 year-1", "felled stems left on site (stem volume)", true},
    {"stems_left_dry_mass", "t year-1", "felled stems left on site (dry mass)", true},
    {"stems_left_carbon", "t year-1", "felled stems left on site (carbon)", true},
    {"residues_collected_volume", "m3 year-1",
     "harvest residues collected for fuel (wood-equivalent volume)", true},
    {"residues_collected_dry_mass", "t year-1", "harvest residues collected for fuel (dry mass)",
     true},
    {"residues_collected_carbon", "t year-1", "harvest residues collected for fuel (carbon)", true},
    {"residues_left_volume", "m3 year-1", "harvest residues left on site (wood-equivalent volume)",
     true},
    {"residues_left_dry_mass", "t year-1", "harvest residues left on site (dry mass)", true},
    {"residues_left_carbon", "t year-1", "harvest residues left on site (carbon)", true},
});
static_assert(kAggVars.size() == kAggVarCount, "one row per AggVar");

constexpr auto kAgeClassVars = std::to_array<VariableInfo>({
    {"area", "ha", "area of the stands in the age class at the end of the fiscal year", false},
    {"stem_volume", "m3",
     "stem volume of the stands in the age class at the end of the fiscal year", false},
    {"carbon_ag", "t",
     "carbon in above-ground live biomass of the stands in the age class at the end of the fiscal "
     "year",
     false},
    {"carbon_bg", "t",
     "carbon in below-ground live biomass of the stands in the age class at the end of the fiscal "
     "year",
     false},
});
static_assert(kAgeClassVars.size() == kAgeClassVarCount, "one row per AgeClassVar");
static_assert(age_class_index(0) == 0 && age_class_index(5) == 0 && age_class_index(6) == 1 &&
                  age_class_index(100) == 19 && age_class_index(101) == 20 &&
                  age_class_index(2000) == 20,
              "age classes of 5 years, the last one open");

}  // namespace

const VariableInfo& parcel_var_info(ParcelVar v) {
  return kParcelVars[static_cast<std::size_t>(v)];
}
const VariableInfo& agg_var_info(AggVar v) {
  return kAggVars[static_cast<std::size_t>(v)];
}
const VariableInfo& age_class_var_info(AgeClassVar v) {
  return kAgeClassVars[static_cast<std::size_t>(v)];
}

std::size_t series_time_group(std::size_t parcels, std::size_t variables, std::size_t times,
                              std::size_t budget_bytes) {
  const std::size_t per_time = std::max<std::size_t>(1, parcels * variables * sizeof(float));
  return std::clamp<std::size_t>(budget_bytes / per_time, 1, std::max<std::size_t>(times, 1));
}

std::optional<ParcelVar> parse_parcel_var(std::string_view name) {
  for (std::size_t i = 0; i < kParcelVarCount; ++i) {
    if (kParcelVars[i].name == name) return static_cast<ParcelVar>(i);
  }
  return std::nullopt;
}

}  // namespace shinrin::sim
