// Phases "fuel_demand" and "fuel" (fuel/boiler.hpp, fuel/model.hpp).
//   fuel_demand, landscape (after planning's selection): for each boiler fed by a boiler_demand
//     target, the wood to cut this year so that it can burn what it needs once the wood is
//     seasoned, less its stock and the fuel that this year's planned treatments in its catchment
//     bring (fuel::cut_need); then that target's selection with these amounts.
//   fuel, per parcel (after operations, in the same pass): the fuelwood and residues collected
//     by the block's operations, by home boiler and source.
//   fuel, landscape (end of the year): each boiler's supply (blocks added in block order),
//     seasoning stock, burning, backup fuel and emissions of the year (fuel::burn_year).
#include "phase.hpp"
#include "shinrin/silviculture/harvest.hpp"

namespace shinrin::sim {

void fuel_demand(LandscapeContext& c) {
  const planning::Plan& plan = c.in.plan;
  const auto& boilers = c.in.fuel.boilers;
  // Fuel from this year's planned treatments, per home boiler, in the (deterministic) order of
  // the treated list.
  std::vector<double> planned(boilers.size(), 0.0);
  for (std::uint32_t row : c.year.treated) {
    const std::uint16_t home = c.in.fuel.home[row];
    if (home != fuel::kNoBoiler) planned[home] += c.year.planned_fuel[row];
  }
  std::vector<double> goals(plan.rows, 0.0);
  for (std::size_t g = 0; g < plan.targets.size(); ++g) {
    const planning::Target& t = plan.targets[g];
    for (std::size_t u = 0; u < t.boilers.size(); ++u) {
      const std::uint16_t b = t.boilers[u];
      goals[plan.first_row[g] + u] =
          fuel::cut_need(boilers[b], c.fiscal_year, c.st.fuel_stocks[b], planned[b]);
    }
  }
  const std::size_t first_new = c.year.treated.size();
  const planning::RemovedOf removed_of = [&](const planning::Candidate& cand) {
    return removed_by(c.in, c.st, cand, c.fiscal_year);
  };
  c.year.selector.select(plan, c.t, c.year.candidates, removed_of, c.year.decision, c.year.treated,
                         c.year.plan, c.threads, true, goals);
  for (std::size_t k = first_new; k < c.year.treated.size(); ++k)
    c.year.extra[c.year.treated[k]] = 1;
}

void fuel_collect_block(PhaseContext& c) {
  BlockWork& w = c.work;
  auto& supply = c.year.fuel_supply[c.block];
  std::fill(supply.begin(), supply.end(), fuel::Supply{});
  if (!w.harvested) return;
  const auto& boilers = c.in.fuel.boilers;
  const bool extra_known = !c.year.extra.empty();
  for (std::size_t i = c.rows.first; i < c.rows.last; ++i) {
    const std::size_t r = i - c.rows.first;
    const std::uint16_t home = c.in.fuel.home[i];
    if (w.operation[r] == silviculture::Operation::none || home == fuel::kNoBoiler) continue;
    const fuel::Boiler& b = boilers[home];
    if (!b.collects(c.fiscal_year)) continue;
    const double D = c.in.species[w.harvest_species[r]].D;
    const double area = c.in.parcels.area_ha[i];
    const double v_residues =
        w.streams[r][std::size_t(silviculture::Stream::residues_collected)] * area;
    const double v_fuelwood = w.streams[r][std::size_t(silviculture::Stream::fuelwood)] * area;
    const bool takes_residues = b.takes(fuel::Source::residues),
               takes_fuelwood = b.takes(fuel::Source::fuelwood);
    const double v = (takes_residues ? v_residues : 0.0) + (takes_fuelwood ? v_fuelwood : 0.0);
    fuel::Supply& s = supply[home];
    s.volume += v;
    if (extra_known && c.year.extra[i]) {
      s.dry[std::size_t(fuel::Source::extra_operations)] += v * D;
    } else {
      if (takes_residues) s.dry[std::size_t(fuel::Source::residues)] += v_residues * D;
      if (takes_fuelwood) s.dry[std::size_t(fuel::Source::fuelwood)] += v_fuelwood * D;
    }
  }
}

void fuel_burn(LandscapeContext& c) {
  const auto& boilers = c.in.fuel.boilers;
  for (std::size_t b = 0; b < boilers.size(); ++b) {
    fuel::Supply total;
    for (const auto& block :
         c.year.fuel_supply) {  // block order: the same sum for any thread count
      for (std::size_t k = 0; k < fuel::kSourceCount; ++k) total.dry[k] += block[b].dry[k];
      total.volume += block[b].volume;
    }
    c.year.fuel_years[b][c.t] =
        fuel::burn_year(boilers[b], c.fiscal_year, total, c.st.fuel_stocks[b]);
  }
}

}  // namespace shinrin::sim
