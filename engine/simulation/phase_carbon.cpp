// Phases "turnover" (litterfall, mortality and fine roots from live biomass, and the regrowth
// that replaces them: carbon/turnover.hpp), "decay" (dead wood, litter, soil) and "wood_products"
// (harvested wood products in use): first-order decay (carbon/decay.hpp). Each emits fluxes that
// carbon applies after it.
#include "phase.hpp"
#include "shinrin/carbon/decay.hpp"
#include "shinrin/carbon/turnover.hpp"

namespace shinrin::sim {

void turnover_block(PhaseContext& c) {
  carbon::turnover_fluxes(c.rows, c.in.model.decay, c.st.species, c.st.pools, c.work.fluxes);
}

void decay_block(PhaseContext& c) {
  // This year's inflows came from the stand as it was before operations: a felled stand's
  // species, not its replacement's (the new stand's turnover is zero in its first year).
  BlockWork& w = c.work;
  for (std::size_t i = c.rows.first; i < c.rows.last; ++i) {
    const std::size_t r = i - c.rows.first;
    w.input_species[r] = w.harvested && w.operation[r] == silviculture::Operation::final_felling
                             ? w.harvest_species[r]
                             : c.st.species[i];
  }
  carbon::decay_fluxes(c.rows, c.in.model.decay, w.input_species, c.st.pools, w.fluxes);
}

void wood_products_block(PhaseContext& c) {
  carbon::hwp_fluxes(c.rows, c.in.model.hwp, c.st.pools, c.work.fluxes);
}

}  // namespace shinrin::sim
