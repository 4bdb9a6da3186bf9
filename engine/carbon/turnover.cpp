#include "shinrin/carbon/turnover.hpp"

namespace shinrin::carbon {

void turnover_fluxes(RowRange rows, const DecayConfig& config,
                     std::span<const std::uint16_t> species, const PoolTable& pools,
                     FluxBlock& fluxes) {
  const auto ag = pools.pool(Pool::ag_biomass);
  const auto bg = pools.pool(Pool::bg_biomass);
  auto to_litter = fluxes.dense(Flux::turnover_litterfall);
  auto to_dead_wood = fluxes.dense(Flux::turnover_ag_mortality);
  auto regrowth_ag = fluxes.dense(Flux::turnover_regrowth_ag);
  auto regrowth_bg = fluxes.dense(Flux::turnover_regrowth_bg);
  const bool roots = config.soil_enabled;
  auto to_soil = roots ? fluxes.dense(Flux::turnover_roots) : std::span<double>{};
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const std::size_t r = i - rows.first;
    const DecayRates& k = config.by_species[species[i]];
    to_litter[r] = k.litterfall * ag[i];
    to_dead_wood[r] = k.ag_mortality * ag[i];
    regrowth_ag[r] = to_litter[r] + to_dead_wood[r];
    regrowth_bg[r] = 0.0;
    if (roots) {
      to_soil[r] = k.root_turnover * bg[i];
      regrowth_bg[r] = to_soil[r];
    }
  }
}

void steady_state_stocks(RowRange rows, const DecayConfig& config,
                         std::span<const std::uint16_t> species, PoolTable& pools) {
  const auto ag = pools.pool(Pool::ag_biomass);
  const auto bg = pools.pool(Pool::bg_biomass);
  auto dead_wood = pools.pool(Pool::dead_wood);
  auto litter = pools.pool(Pool::litter);
  auto soil = pools.pool(Pool::soil);
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const DecayRates& k = config.by_species[species[i]];
    const double in_dw = k.ag_mortality * ag[i], in_lt = k.litterfall * ag[i];
    dead_wood[i] = in_dw / k.dead_wood.k;
    litter[i] = in_lt / k.litter.k;
    soil[i] = config.soil_enabled
                  ? (k.to_soil * (in_dw + in_lt) + k.root_turnover * bg[i]) / config.soil.k
                  : 0.0;
  }
}

}  // namespace shinrin::carbon
