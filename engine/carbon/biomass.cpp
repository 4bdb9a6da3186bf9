#include "shinrin/carbon/biomass.hpp"

namespace shinrin::carbon {

std::vector<BiomassFactors> biomass_factors(const SpeciesTable& species) {
  std::vector<BiomassFactors> out;
  out.reserve(species.size());
  for (const auto& sp : species.all()) {
    out.push_back({sp.bef_young * sp.D * sp.CF, sp.bef_old * sp.D * sp.CF, sp.R});
  }
  return out;
}

void init_biomass(RowRange rows, std::span<const BiomassFactors> factors,
                  std::span<const std::uint16_t> species, std::span<const std::int16_t> age,
                  std::span<const float> volume, PoolTable& pools) {
  auto ag = pools.pool(Pool::ag_biomass);
  auto bg = pools.pool(Pool::bg_biomass);
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const BiomassFactors& f = factors[species[i]];
    ag[i] = double(volume[i]) * f.at_age(age[i]);
    bg[i] = ag[i] * f.R;
  }
}

void growth_fluxes(RowRange rows, std::span<const BiomassFactors> factors,
                   std::span<const std::uint16_t> species, std::span<const std::int16_t> age,
                   std::span<const float> volume, std::span<const float> dv, FluxBlock& fluxes) {
  auto to_ag = fluxes.dense(Flux::growth_ag);
  auto to_bg = fluxes.dense(Flux::growth_bg);
  auto step_ag = fluxes.dense(Flux::factor_step_ag);
  auto step_bg = fluxes.dense(Flux::factor_step_bg);
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const std::size_t r = i - rows.first;
    const BiomassFactors& f = factors[species[i]];
    const double now = f.at_age(age[i]), before = f.at_age(age[i] - 1);
    const double d_ag = double(dv[r]) * now;
    to_ag[r] = d_ag;
    to_bg[r] = d_ag * f.R;
    // The stock of last year's volume moves to this year's factor (0 unless the factor steps).
    const double step = (double(volume[i]) - double(dv[r])) * (now - before);
    step_ag[r] = step;
    step_bg[r] = step * f.R;
  }
}

}  // namespace shinrin::carbon
