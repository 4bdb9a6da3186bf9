#include "shinrin/carbon/transfers.hpp"

#include <cmath>

namespace shinrin::carbon {

void apply_fluxes(RowRange rows, const FluxBlock& fluxes, Module module, PoolTable& pools) {
  auto uptake = pools.uptake();
  auto emission = pools.emission();
  for (std::size_t c = 0; c < kFluxCount; ++c) {
    const Flux f = static_cast<Flux>(c);
    const FluxInfo& info = flux_info(f);
    if (info.module != module || !fluxes.active(f)) continue;
    const auto amount = fluxes.channel(f);
    if (info.source == kAtmosphere) {
      auto dst = pools.pool(static_cast<Pool>(info.target));
      for (std::size_t i = rows.first; i < rows.last; ++i) {
        dst[i] += amount[i - rows.first];
        uptake[i] += amount[i - rows.first];
      }
    } else if (info.target == kAtmosphere) {
      auto src = pools.pool(static_cast<Pool>(info.source));
      for (std::size_t i = rows.first; i < rows.last; ++i) {
        src[i] -= amount[i - rows.first];
        emission[i] += amount[i - rows.first];
      }
    } else {
      auto src = pools.pool(static_cast<Pool>(info.source));
      auto dst = pools.pool(static_cast<Pool>(info.target));
      for (std::size_t i = rows.first; i < rows.last; ++i) {
        src[i] -= amount[i - rows.first];
        dst[i] += amount[i - rows.first];
      }
    }
  }
}

std::optional<std::size_t> check_balance(RowRange rows, const PoolTable& pools) {
  const auto initial = pools.initial();
  const auto uptake = pools.uptake();
  const auto emission = pools.emission();
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const double expected = initial[i] + uptake[i] - emission[i];
    const double scale = std::max(std::abs(initial[i]) + std::abs(uptake[i]) + std::abs(emission[i]), 1e-3);
    const double error = std::abs(pools.total(i) - expected);
    if (!(error <= kBalanceTolerance * scale)) return i;
  }
  return std::nullopt;
}

void start_balance(RowRange rows, PoolTable& pools) {
  auto initial = pools.initial();
  auto uptake = pools.uptake();
  auto emission = pools.emission();
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    initial[i] = pools.total(i);
    uptake[i] = 0.0;
    emission[i] = 0.0;
  }
}

}  // namespace shinrin::carbon
