// Phase "operations": thinning, final felling and regeneration, at most one operation per parcel
// and year, in this order of precedence:
//   1. an event of the event list for this fiscal year (applied as given);
//   2. the harvest plan's decision for this year (planning selected the parcel);
//   3. the regime's rules for operations that no planning target covers (silviculture/rules.hpp):
//      final felling when due, else a scheduled or density-triggered thinning when due. A parcel
//      whose felling is due but planned (it waits in the backlog) is not thinned either.
// Thinnings remove shares of stems and volume and the same share of the biomass pools
// (silviculture/harvest.hpp). A final felling removes everything, then the stand regenerates:
// age 0, volume 0, the regeneration's species, growth curve and stems.
// Operations change stand state and emit fluxes; carbon applies them after this phase.
#include <algorithm>

#include "phase.hpp"
#include "shinrin/silviculture/rules.hpp"
#include "shinrin/silviculture/thinning.hpp"

namespace shinrin::sim {
namespace {

namespace sv = silviculture;

// One more year since the last thinning, capped.
void count_year(State& st, std::size_t i) {
  st.since_thinning[i] =
      static_cast<std::int16_t>(std::min<int>(st.since_thinning[i] + 1, kNeverThinned));
}

}  // namespace

void operations_block(PhaseContext& c) {
  const sv::Management& m = c.in.model.management;
  const Landscape& L = c.in.parcels;
  State& st = c.st;
  BlockWork& w = c.work;
  const auto ag = st.pools.pool(carbon::Pool::ag_biomass);
  const auto bg = st.pools.pool(carbon::Pool::bg_biomass);
  const bool planned = !c.year.decision.empty();
  // Per row, the plan rows covering its felling and thinning (null without a plan).
  const std::uint16_t* plan_row = c.run.plan_row.empty() ? nullptr : c.run.plan_row.data();
  w.harvested = false;
  for (std::size_t i = c.rows.first; i < c.rows.last; ++i) {
    const std::size_t r = i - c.rows.first;
    w.operation[r] = sv::Operation::none;
    const std::uint16_t regime_index = L.regime[i];
    const sv::Regime* regime = regime_index == kNoRegime ? nullptr : &m.regimes[regime_index];
    const sv::Event* event = m.event_in(i, c.fiscal_year);
    if (regime == nullptr && event == nullptr) {
      count_year(st, i);
      continue;
    }
    const int age = st.age[i];
    auto density = [&] { return c.in.growth.density(st.curve[i], age); };
    const planning::Decision decision = planned ? c.year.decision[i] : planning::Decision::none;
    sv::RemovedShare share;
    bool felling = false;
    bool leave_all = false;
    if (event != nullptr) {
      felling = event->felling;
      if (felling) {
        share = {1.0, 1.0};
      } else {
        share = sv::thinning_share(event->intensity, sv::IntensityBasis::stems, event->method,
                                   st.stems[i], density());
        leave_all = event->leave_on_site;
      }
      w.operation[r] = felling ? sv::Operation::final_felling : sv::Operation::thinning;
    } else if (decision == planning::Decision::final_felling) {
      felling = true;
      share = {1.0, 1.0};
      w.operation[r] = sv::Operation::final_felling;
    } else if (decision == planning::Decision::thinning) {
      if (const auto call = sv::thinning_call(*regime, sv::RuleMode::eligible, age,
                                              st.since_thinning[i], st.stems[i], density())) {
        share = call->share;
        w.operation[r] = call->operation;
      }
    } else if (const bool fell_planned =
                   plan_row != nullptr && plan_row[2 * i] != planning::kNoTarget,
               thin_planned = plan_row != nullptr && plan_row[2 * i + 1] != planning::kNoTarget;
               !(fell_planned && thin_planned)) {  // where both are planned, the rules do nothing
      if (sv::felling_due(*regime, age, c.fiscal_year)) {
        if (!fell_planned) {
          felling = true;
          share = {1.0, 1.0};
          w.operation[r] = sv::Operation::final_felling;
        }
      } else if (!thin_planned) {
        if (const auto call = sv::thinning_call(*regime, sv::RuleMode::due, age,
                                                st.since_thinning[i], st.stems[i], density())) {
          share = call->share;
          w.operation[r] = call->operation;
        }
      }
    }
    if (w.operation[r] == sv::Operation::none) {
      count_year(st, i);
      continue;
    }
    w.harvested = true;

    sv::RemovalShares removals =
        regime != nullptr ? (felling ? regime->felling_removals : regime->thinning_removals)
                          : (felling ? m.event_felling_removals : m.event_thinning_removals);
    if (leave_all) removals = sv::RemovalShares{0.0, 0.0, 0.0, 1.0, 0.0};
    const SpeciesParams& sp = c.in.species[st.species[i]];
    const sv::HarvestInput h{
        share.volume, st.volume[i], ag[i], bg[i], sp.D, sp.CF, c.in.model.decay.residue_to_litter};
    w.harvest_species[r] = st.species[i];
    w.harvest_curve[r] = st.curve[i];
    w.harvest_age[r] = st.age[i];
    w.harvest_cell[r] = c.cell(i);
    w.streams[r] =
        sv::harvest(h, removals, m.wood_use,
                    felling ? carbon::Module::felling : carbon::Module::thinning, r, w.fluxes);

    if (felling) {
      st.species[i] = L.regen_species[i];
      st.curve[i] = L.regen_curve[i];
      st.age[i] = 0;
      st.volume[i] = 0.0f;
      st.stems[i] = L.regen_stems[i];
      st.height[i] = c.in.growth.height(st.curve[i], 0);
      st.since_thinning[i] = kNeverThinned;
    } else {
      st.volume[i] = static_cast<float>(st.volume[i] * (1.0 - share.volume));
      st.stems[i] = static_cast<float>(st.stems[i] * (1.0 - share.stems));
      st.since_thinning[i] = 0;
    }
  }
}

}  // namespace shinrin::sim
