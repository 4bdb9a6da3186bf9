#include "shinrin/carbon/pools.hpp"

namespace shinrin::carbon {

std::string_view pool_name(Pool p) {
  switch (p) {
    case Pool::ag_biomass: return "carbon_ag";
    case Pool::bg_biomass: return "carbon_bg";
  }
  return "unknown";
}

}  // namespace shinrin::carbon
