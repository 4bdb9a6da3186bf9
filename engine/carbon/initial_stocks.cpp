#include "shinrin/carbon/initial_stocks.hpp"

#include "shinrin/carbon/turnover.hpp"

namespace shinrin::carbon {

void init_dead_organic_matter(RowRange rows, const InitialStocks& init, const DecayConfig& decay,
                              std::span<const std::uint16_t> species,
                              std::span<const std::uint8_t> forest_type, PoolTable& pools) {
  init_dead_wood_rate(rows, decay, species, pools);
  auto dead_wood = pools.pool(Pool::dead_wood);
  auto litter = pools.pool(Pool::litter);
  auto soil = pools.pool(Pool::soil);
  switch (init.method) {
    case InitialMethod::zero:
      for (std::size_t i = rows.first; i < rows.last; ++i) dead_wood[i] = litter[i] = soil[i] = 0.0;
      break;
    case InitialMethod::steady_state:
      steady_state_stocks(rows, decay, species, pools);
      break;
    case InitialMethod::table:
      for (std::size_t i = rows.first; i < rows.last; ++i) {
        const DomStocks& s =
            init.by_species_type[std::size_t(species[i]) * 2 + init.natural_type[forest_type[i]]];
        dead_wood[i] = s.dead_wood;
        litter[i] = s.litter;
        soil[i] = decay.soil_enabled ? s.soil : 0.0;
      }
      break;
  }
}

}  // namespace shinrin::carbon
