// Phase "planning" (planning/plan.hpp, planning/selection.hpp).
//   per-parcel part: lists this block's parcels that are eligible for a target this year, with
//     the amounts the operation would remove and their priority key; parcels with an event of the
//     event list this year are listed as forced (events are applied as given and count towards
//     the target of their regime's operation);
//   landscape part: selects, per target and unit, which parcels are treated (the decision the
//     operations phase carries out).
// A parcel whose final felling is due but covered by a target is not a thinning candidate.
#include <algorithm>
#include <cmath>

#include "phase.hpp"
#include "shinrin/core/random.hpp"
#include "shinrin/silviculture/rules.hpp"
#include "shinrin/silviculture/thinning.hpp"

namespace shinrin::sim {
namespace {

namespace sv = silviculture;
using planning::Priority;

std::uint32_t priority_of(const planning::Target& target, const Inputs& in, const State& st,
                          std::size_t i, const growth::DensityTerms& d, int fiscal_year) {
  std::uint32_t p = 0;
  switch (target.priority) {
    case Priority::oldest_first:
      p = planning::descending(float(st.age[i]));
      break;
    case Priority::largest_volume_first:
      p = planning::descending(st.volume[i]);
      break;
    case Priority::highest_ry_first:
      p = planning::descending(d.valid() && st.stems[i] > 0.0f ? float(d.yield_index(st.stems[i]))
                                                               : std::nanf(""));
      break;
    case Priority::longest_since_thinning:
      p = planning::descending(float(st.since_thinning[i]));
      break;
    case Priority::nearest_first:  // distance to the home boiler [m]
      p = planning::descending(-in.fuel.home_distance[i]);
      break;
    case Priority::random:
      p = static_cast<std::uint32_t>(keyed_bits(target.seed, RandomStream::planning_priority,
                                                in.parcels.key_hash[i], fiscal_year) >>
                                     32);
      break;
  }
  return std::max<std::uint32_t>(p, 1);  // 0 is reserved for forced candidates
}

}  // namespace

namespace {

// Which removal shares an operation on a candidate uses (Candidate::removals).
enum Removals : std::uint8_t { kFelling = 0, kThinning = 1, kLeftOnSite = 2 };

sv::RemovalShares removal_shares(const sv::Regime& regime, std::uint8_t kind) {
  switch (kind) {
    case kFelling:
      return regime.felling_removals;
    case kThinning:
      return regime.thinning_removals;
    default:
      return sv::RemovalShares{0.0, 0.0, 0.0, 1.0, 0.0};
  }
}

// Share of stem volume the operation on candidate `cand` removes [1]: the same rule the operations
// phase will apply (the State has not changed since the candidate was listed).
double volume_share(const Inputs& in, const State& st, const planning::Candidate& cand,
                    int fiscal_year) {
  if (cand.removals == kFelling) return 1.0;
  const std::size_t i = cand.row;
  const growth::DensityTerms& d = in.growth.density(st.curve[i], st.age[i]);
  const sv::Management& m = in.model.management;
  if (cand.forced) {
    const sv::Event* event = m.event_in(i, fiscal_year);
    return sv::thinning_share(event->intensity, sv::IntensityBasis::stems, event->method,
                              st.stems[i], d)
        .volume;
  }
  const auto call = sv::thinning_call(m.regimes[in.parcels.regime[i]], sv::RuleMode::eligible,
                                      st.age[i], st.since_thinning[i], st.stems[i], d);
  return call ? call->share.volume : 0.0;
}

// Stem volume and fuel (fuelwood and residues collected) the operation on `cand` removes [m3, t],
// and the amount that counts towards its target.
planning::Removed removed(const Inputs& in, const State& st, const planning::Candidate& cand,
                          int fiscal_year) {
  const std::size_t i = cand.row;
  const double share = volume_share(in, st, cand, fiscal_year);
  const sv::Regime& regime = in.model.management.regimes[in.parcels.regime[i]];
  const SpeciesParams& sp = in.species[st.species[i]];
  const sv::HarvestInput h{share,
                           st.volume[i],
                           st.pools.pool(carbon::Pool::ag_biomass)[i],
                           st.pools.pool(carbon::Pool::bg_biomass)[i],
                           sp.D,
                           sp.CF,
                           in.model.decay.residue_to_litter};
  const sv::HarvestSplit split =
      sv::split_harvest(h, removal_shares(regime, cand.removals), in.model.management.wood_use);
  const double area = in.parcels.area_ha[i];
  const double standing = double(st.volume[i]) * area;
  const double fuelwood = split.streams[std::size_t(sv::Stream::fuelwood)] * sp.D * area;
  const double residues = split.streams[std::size_t(sv::Stream::residues_collected)] * sp.D * area;
  planning::Removed r{area,     standing, share * standing, fuelwood + residues, fuelwood,
                      residues, 0.0};
  const planning::Target& target = in.plan.targets[cand.target];
  switch (target.basis) {
    case planning::Basis::area:
      r.amount = area;
      break;
    case planning::Basis::volume:
      r.amount = r.volume;
      break;
    case planning::Basis::fuel_dry_mass:  // a boiler_demand target counts what the boiler takes
      r.amount = target.dynamic() ? boiler_fuel(in, in.fuel.home[i], r) : r.fuel_dry_mass;
      break;
  }
  return r;
}

}  // namespace

double boiler_fuel(const Inputs& in, std::uint16_t boiler, const planning::Removed& r) {
  if (boiler == fuel::kNoBoiler) return 0.0;
  const fuel::Boiler& b = in.fuel.boilers[boiler];
  return (b.takes(fuel::Source::residues) ? r.residues : 0.0) +
         (b.takes(fuel::Source::fuelwood) ? r.fuelwood : 0.0);
}

planning::Removed removed_by(const Inputs& in, const State& st, const planning::Candidate& cand,
                             int fiscal_year) {
  return removed(in, st, cand, fiscal_year);
}

void planning_candidates_block(PhaseContext& c) {
  const Inputs& in = c.in;
  const sv::Management& m = in.model.management;
  const planning::Plan& plan = in.plan;
  const Landscape& L = in.parcels;
  const State& st = c.st;
  const std::uint16_t* plan_row = c.run.plan_row.data();
  planning::BlockCandidates& block = c.year.candidates[c.block];
  block.clear();
  // The columns, read through local pointers: the candidate list's stores would otherwise make
  // the compiler load them from their vectors again for every row.
  const sv::Regime* regimes = m.regimes.data();
  const std::uint16_t* regime_of = L.regime.data();
  const std::int16_t* age_of = st.age.data();
  const std::int16_t* since_thinning = st.since_thinning.data();
  const float* stems = st.stems.data();
  const float* volume = st.volume.data();
  const std::uint32_t* curve = st.curve.data();
  const double* area_ha = L.area_ha.data();
  const std::uint16_t* target_of_row = c.run.target_of_plan_row.data();
  const bool events = !m.events.empty();
  const int fiscal_year = c.fiscal_year;
  for (std::size_t i = c.rows.first; i < c.rows.last; ++i) {
    const std::uint16_t felling_row = plan_row[2 * i];
    const std::uint16_t thinning_row = plan_row[2 * i + 1];
    if ((felling_row & thinning_row) == planning::kNoTarget) continue;  // neither is planned
    const sv::Regime& regime = regimes[regime_of[i]];
    const int age = age_of[i];

    std::uint16_t row = planning::kNoTarget;
    bool forced = false;
    std::uint8_t removals = kThinning;
    if (const sv::Event* event = events ? m.event_in(i, fiscal_year) : nullptr) {
      forced = true;
      row = event->felling ? felling_row : thinning_row;
      removals = event->felling ? kFelling : (event->leave_on_site ? kLeftOnSite : kThinning);
    } else if (sv::felling_due(regime, age, fiscal_year)) {
      row = felling_row;
      removals = kFelling;
    } else if (thinning_row != planning::kNoTarget &&
               sv::thinning_called(regime, sv::RuleMode::eligible, age, since_thinning[i], stems[i],
                                   in.growth.density(curve[i], age))) {
      row = thinning_row;
    }
    if (row == planning::kNoTarget) continue;

    const std::uint16_t target = target_of_row[row];
    const planning::Target& tg = plan.targets[target];
    const double area = area_ha[i];
    // What the target counts: an area now; a volume or fuel mass needs the harvest arithmetic,
    // done when selection reaches the candidate.
    const bool lazy = tg.basis != planning::Basis::area;
    const std::uint32_t priority =
        forced ? 0u : priority_of(tg, in, st, i, in.growth.density(curve[i], age), fiscal_year);
    block.add({.row = static_cast<std::uint32_t>(i),
               .target = target,
               .priority = priority,
               .forced = forced,
               .removals = removals,
               .lazy = lazy,
               .amount = lazy ? 0.0 : area},
              row, area, double(volume[i]) * area);
  }
  planning::prepare_block(block);
}

void planning_select(LandscapeContext& c) {
  for (std::uint32_t row : c.year.treated) {
    c.year.decision[row] = planning::Decision::none;
    if (!c.year.extra.empty()) c.year.extra[row] = 0;
  }
  c.year.treated.clear();
  // The fuel of every treated parcel is kept for the fuel phase (each row is one candidate, so
  // threads write different rows).
  const bool keep_fuel = !c.year.planned_fuel.empty();
  const planning::RemovedOf removed_of = [&](const planning::Candidate& cand) {
    const planning::Removed r = removed(c.in, c.st, cand, c.fiscal_year);
    if (keep_fuel) c.year.planned_fuel[cand.row] = boiler_fuel(c.in, c.in.fuel.home[cand.row], r);
    return r;
  };
  c.year.selector.select(c.in.plan, c.t, c.year.candidates, removed_of, c.year.decision,
                         c.year.treated, c.year.plan, c.threads);
}

}  // namespace shinrin::sim
