// Phases "decay" (dead wood, litter, soil) and "wood_products" (harvested wood products in use):
// first-order decay (carbon/decay.hpp). Both emit fluxes that carbon applies after them.
#include "phase.hpp"
#include "shinrin/carbon/decay.hpp"

namespace shinrin::sim {

void decay_block(PhaseContext& c) {
  carbon::decay_fluxes(c.rows, c.in.model.decay, c.st.species, c.st.pools, c.work.fluxes);
}

void wood_products_block(PhaseContext& c) {
  carbon::hwp_fluxes(c.rows, c.in.model.hwp, c.st.pools, c.work.fluxes);
}

}  // namespace shinrin::sim
