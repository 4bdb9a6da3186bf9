#include "shinrin/carbon/decay.hpp"

namespace shinrin::carbon {
namespace {

// This year's inflow into `pool` from the thinning and felling channels.
double harvest_inflow(const FluxBlock& f, std::size_t row, Pool pool) {
  double in = 0.0;
  for (Module op : {Module::thinning, Module::felling}) {
    const HarvestChannels c = harvest_channels(op);
    switch (pool) {
      case Pool::dead_wood: in += f.get(c.ag_to_dead_wood, row) + f.get(c.bg_to_dead_wood, row); break;
      case Pool::litter: in += f.get(c.ag_to_litter, row); break;
      case Pool::hwp_sawnwood: in += f.get(c.to_sawnwood, row); break;
      case Pool::hwp_panels: in += f.get(c.to_panels, row); break;
      case Pool::hwp_paper: in += f.get(c.to_paper, row); break;
      default: break;
    }
  }
  return in;
}

bool any_harvest(const FluxBlock& f) {
  for (Module op : {Module::thinning, Module::felling}) {
    const HarvestChannels c = harvest_channels(op);
    for (Flux x : {c.to_sawnwood, c.to_panels, c.to_paper, c.ag_to_dead_wood, c.ag_to_litter, c.bg_to_dead_wood}) {
      if (f.active(x)) return true;
    }
  }
  return false;
}

}  // namespace

void decay_fluxes(RowRange rows, const DecayConfig& config, std::span<const std::uint16_t> species,
                  const PoolTable& pools, FluxBlock& fluxes) {
  const auto dead_wood = pools.pool(Pool::dead_wood);
  const auto litter = pools.pool(Pool::litter);
  const auto soil = pools.pool(Pool::soil);
  const bool harvested = any_harvest(fluxes);
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const std::size_t r = i - rows.first;
    const double in_dw = harvested ? harvest_inflow(fluxes, r, Pool::dead_wood) : 0.0;
    const double in_lt = harvested ? harvest_inflow(fluxes, r, Pool::litter) : 0.0;
    if (dead_wood[i] == 0.0 && litter[i] == 0.0 && soil[i] == 0.0) continue;
    const DecayRates& k = config.by_species[species[i]];
    // Pools already hold this year's inflow: the start-of-year stock is pool - inflow.
    const double out_dw = k.dead_wood.outflow(dead_wood[i] - in_dw, in_dw);
    const double out_lt = k.litter.outflow(litter[i] - in_lt, in_lt);
    const double humified = config.soil_enabled ? k.to_soil : 0.0;
    fluxes.at(Flux::dead_wood_to_soil, r) = out_dw * humified;
    fluxes.at(Flux::dead_wood_to_atmosphere, r) = out_dw * (1.0 - humified);
    fluxes.at(Flux::litter_to_soil, r) = out_lt * humified;
    fluxes.at(Flux::litter_to_atmosphere, r) = out_lt * (1.0 - humified);
    if (config.soil_enabled) {
      fluxes.at(Flux::soil_to_atmosphere, r) = config.soil.outflow(soil[i], (out_dw + out_lt) * humified);
    }
  }
}

void hwp_fluxes(RowRange rows, const HwpConfig& config, const PoolTable& pools, FluxBlock& fluxes) {
  const auto sawnwood = pools.pool(Pool::hwp_sawnwood);
  const auto panels = pools.pool(Pool::hwp_panels);
  const auto paper = pools.pool(Pool::hwp_paper);
  const bool harvested = any_harvest(fluxes);
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    if (sawnwood[i] == 0.0 && panels[i] == 0.0 && paper[i] == 0.0) continue;
    const std::size_t r = i - rows.first;
    const double in_s = harvested ? harvest_inflow(fluxes, r, Pool::hwp_sawnwood) : 0.0;
    const double in_w = harvested ? harvest_inflow(fluxes, r, Pool::hwp_panels) : 0.0;
    const double in_p = harvested ? harvest_inflow(fluxes, r, Pool::hwp_paper) : 0.0;
    fluxes.at(Flux::sawnwood_to_atmosphere, r) = config.sawnwood.outflow(sawnwood[i] - in_s, in_s);
    fluxes.at(Flux::panels_to_atmosphere, r) = config.panels.outflow(panels[i] - in_w, in_w);
    fluxes.at(Flux::paper_to_atmosphere, r) = config.paper.outflow(paper[i] - in_p, in_p);
  }
}

}  // namespace shinrin::carbon
