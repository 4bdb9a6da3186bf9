#include "shinrin/carbon/pools.hpp"

#include <array>

namespace shinrin::carbon {
namespace {

constexpr std::array<std::string_view, kPoolCount> kNames = {
    "carbon_ag",   "carbon_bg",           "carbon_dead_wood",  "carbon_litter",
    "carbon_soil", "carbon_hwp_sawnwood", "carbon_hwp_panels", "carbon_hwp_paper"};
constexpr std::array<std::string_view, kPoolCount> kLongNames = {
    "carbon in above-ground live biomass",
    "carbon in below-ground live biomass",
    "carbon in dead wood",
    "carbon in litter",
    "carbon in soil (from decaying dead wood and litter)",
    "carbon in harvested sawnwood in use",
    "carbon in harvested wood panels in use",
    "carbon in harvested paper in use"};

}  // namespace

std::string_view pool_name(Pool p) {
  return kNames[static_cast<std::size_t>(p)];
}
std::string_view pool_long_name(Pool p) {
  return kLongNames[static_cast<std::size_t>(p)];
}

}  // namespace shinrin::carbon
