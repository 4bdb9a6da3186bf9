#include "shinrin/silviculture/step.hpp"

#include <algorithm>

#include "shinrin/silviculture/thinning.hpp"

namespace shinrin::silviculture {
namespace {

const Event* event_in(const Management& m, std::size_t row, int fiscal_year) {
  if (m.event_offset.empty()) return nullptr;
  for (std::uint32_t e = m.event_offset[row]; e < m.event_offset[row + 1]; ++e) {
    if (m.events[e].year == fiscal_year) return &m.events[e];
    if (m.events[e].year > fiscal_year) break;
  }
  return nullptr;
}

// One more year since the last thinning, capped.
void count_year(ParcelTable& p, std::size_t i) {
  p.since_thinning[i] = static_cast<std::int16_t>(std::min<int>(p.since_thinning[i] + 1, kNeverThinned));
}

bool felling_due(const Regime& r, int age, int fiscal_year) {
  if (r.rotation_age > 0 && age >= r.rotation_age) return true;
  return std::find(r.felling_years.begin(), r.felling_years.end(), fiscal_year) != r.felling_years.end();
}

}  // namespace

void step(RowRange rows, int fiscal_year, const StepInputs& in, ParcelTable& p,
          const carbon::PoolTable& pools, carbon::FluxBlock& fluxes, const StepRecord& record) {
  const std::span<Operation> operation = record.operation;
  const Management& m = *in.management;
  const auto ag = pools.pool(carbon::Pool::ag_biomass);
  const auto bg = pools.pool(carbon::Pool::bg_biomass);
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const std::size_t r = i - rows.first;
    operation[r] = Operation::none;
    const Regime* regime = p.regime[i] == kNoRegime ? nullptr : &m.regimes[p.regime[i]];
    const Event* event = event_in(m, i, fiscal_year);
    if (regime == nullptr && event == nullptr) {
      count_year(p, i);
      continue;
    }
    const int age = p.age[i];
    const growth::DensityTerms& d = in.growth->density(p.curve[i], age);
    RemovedShare share;
    bool felling = false;
    bool leave_all = false;
    if (event != nullptr) {
      felling = event->felling;
      if (felling) {
        share = {1.0, 1.0};
      } else {
        share = thinning_share(event->intensity, IntensityBasis::stems, event->method, p.stems[i], d);
        leave_all = event->leave_on_site;
      }
      operation[r] = felling ? Operation::final_felling : Operation::thinning;
    } else if (felling_due(*regime, age, fiscal_year)) {
      felling = true;
      share = {1.0, 1.0};
      operation[r] = Operation::final_felling;
    } else {
      const auto it = std::find_if(regime->thinnings.begin(), regime->thinnings.end(),
                                   [age](const ScheduledThinning& t) { return t.age == age; });
      if (it != regime->thinnings.end()) {
        share = thinning_share(it->intensity, it->basis, it->method, p.stems[i], d);
        operation[r] = Operation::thinning;
      } else if (const DensityTrigger& t = regime->trigger;
                 t.enabled && age >= t.min_age && p.since_thinning[i] >= t.min_interval && d.valid() &&
                 p.stems[i] > 0.0f && d.yield_index(p.stems[i]) > t.above) {
        share = thinning_to_yield_index(t.to, t.method, p.stems[i], d);
        if (share.stems > 0.0) operation[r] = Operation::triggered_thinning;
      }
    }
    if (operation[r] == Operation::none) {
      count_year(p, i);
      continue;
    }

    RemovalShares removals = regime != nullptr
                                 ? (felling ? regime->felling_removals : regime->thinning_removals)
                                 : (felling ? m.event_felling_removals : m.event_thinning_removals);
    if (leave_all) removals = RemovalShares{0.0, 0.0, 0.0, 1.0, 0.0};
    const SpeciesParams& sp = (*in.species)[p.species[i]];
    const HarvestInput h{share.volume, p.volume[i], ag[i], bg[i], sp.D, sp.CF, in.residue_to_litter};
    record.species[r] = p.species[i];
    record.streams[r] = harvest(h, removals, m.wood_use, felling ? carbon::Module::felling : carbon::Module::thinning,
                         r, fluxes);

    if (felling) {
      p.species[i] = p.regen_species[i];
      p.curve[i] = p.regen_curve[i];
      p.age[i] = 0;
      p.volume[i] = 0.0f;
      p.stems[i] = p.regen_stems[i];
      p.height[i] = in.growth->height(p.curve[i], 0);
      p.since_thinning[i] = kNeverThinned;
    } else {
      p.volume[i] = static_cast<float>(p.volume[i] * (1.0 - share.volume));
      p.stems[i] = static_cast<float>(p.stems[i] * (1.0 - share.stems));
      p.since_thinning[i] = 0;
    }
  }
}

}  // namespace shinrin::silviculture
