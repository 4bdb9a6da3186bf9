// Phases "growth" and "stand" (growth/grow.hpp): stem increment along the growth curve, then top
// height and the full-density cap. Growth hands its increment to carbon as uptake fluxes, with
// the factor step where the expansion factor changes (carbon/biomass.hpp).
//
// A process model with its own state (3-PG, monthly) sits behind this phase as follows: its
// parameters and monthly climate live in Inputs; its columns (foliage, root and stem biomass,
// soil water, ...) in State::growth_state; the phase runs its twelve monthly steps per parcel and
// leaves the same things the tabulated curves leave (age + 1, stem volume and its increment dv),
// so stand, planning, operations and carbon are unchanged; operations scale its biomass columns
// by the removed share as they scale volume.
#include <cmath>

#include "phase.hpp"
#include "shinrin/core/units.hpp"
#include "shinrin/growth/grow.hpp"

namespace shinrin::sim {

void growth_block(PhaseContext& c) {
  growth::grow(c.rows, c.in.growth, c.in.model.stand.critical_stocking, c.st.curve, c.st.age,
               c.st.volume, c.work.dv);
  carbon::growth_fluxes(c.rows, c.run.factors, c.st.species, c.st.age, c.st.volume, c.work.dv,
                        c.work.fluxes);
  // This year's uptake, kept per parcel for the outputs phase (which may run after a barrier).
  const double* ag = c.work.fluxes.channel(carbon::Flux::growth_ag).data();
  const double* bg = c.work.fluxes.channel(carbon::Flux::growth_bg).data();
  double* uptake = c.st.uptake.data() + c.rows.first;
  double sum = 0.0;
  for (std::size_t r = 0; r < c.rows.size(); ++r) {
    uptake[r] = ag[r] + bg[r];
    sum += uptake[r];
  }
  // The factor step (rare: the year a stand passes the BEF age) goes straight to the cells of
  // this pass's time index, as CO2 [t].
  const double* step_ag = c.work.fluxes.channel(carbon::Flux::factor_step_ag).data();
  const double* step_bg = c.work.fluxes.channel(carbon::Flux::factor_step_bg).data();
  for (std::size_t r = 0; r < c.rows.size(); ++r) {
    if (step_ag[r] == 0.0 && step_bg[r] == 0.0) continue;
    const std::size_t i = c.rows.first + r;
    c.work.cells.row(c.cell(i))[std::size_t(AggVar::co2_factor_step)] +=
        (step_ag[r] + step_bg[r]) * units::kCo2PerC * c.in.parcels.area_ha[i];
    sum += step_ag[r] + step_bg[r];
  }
  // Growth checks its own fluxes: the balance is checked at the end of the year, when a landscape
  // barrier may already have dropped this pass's fluxes.
  if (!std::isfinite(sum)) {
    for (std::size_t r = 0; r < c.rows.size(); ++r) {
      if (!std::isfinite(uptake[r]))
        fail(c, c.rows.first + r, "module growth: uptake is not finite (carbon balance broken)");
    }
  }
}

void stand_block(PhaseContext& c) {
  growth::update_stand(c.rows, c.in.growth, c.st.curve, c.st.age, c.st.stems, c.st.height);
}

}  // namespace shinrin::sim
