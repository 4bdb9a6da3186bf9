// Phases "growth" and "stand" (growth/grow.hpp): stem increment along the growth curve, then top
// height and the full-density cap. Growth hands its increment to carbon as uptake fluxes.
//
// A process model with its own state (3-PG, monthly) sits behind this phase as follows: its
// parameters and monthly climate live in Inputs; its columns (foliage, root and stem biomass,
// soil water, ...) in State::growth_state; the phase runs its twelve monthly steps per parcel and
// leaves the same things the tabulated curves leave (age + 1, stem volume and its increment dv),
// so stand, planning, operations and carbon are unchanged; operations scale its biomass columns
// by the removed share as they scale volume.
#include "phase.hpp"
#include "shinrin/core/units.hpp"
#include "shinrin/growth/grow.hpp"

namespace shinrin::sim {

void growth_block(PhaseContext& c) {
  growth::grow(c.rows, c.in.growth, c.in.model.stand.critical_stocking, c.st.curve, c.st.age,
               c.st.volume, c.work.dv);
  carbon::growth_fluxes(c.rows, c.run.factors, c.st.species, c.st.age, c.work.dv, c.work.fluxes);
  // This year's uptake: kept per parcel (for the outputs after a barrier) and summed per cell.
  const auto ag = c.work.fluxes.channel(carbon::Flux::growth_ag);
  const auto bg = c.work.fluxes.channel(carbon::Flux::growth_bg);
  const auto& area = c.in.parcels.area_ha;
  for (std::size_t i = c.rows.first; i < c.rows.last; ++i) {
    const std::size_t r = i - c.rows.first;
    const double uptake = ag[r] + bg[r];
    c.st.uptake[i] = static_cast<float>(uptake);
    c.work.cells.row(c.cell(i))[std::size_t(AggVar::co2_removal)] += uptake * units::kCo2PerC * area[i];
  }
}

void stand_block(PhaseContext& c) {
  growth::update_stand(c.rows, c.in.growth, c.st.curve, c.st.age, c.st.stems, c.st.height);
}

}  // namespace shinrin::sim
