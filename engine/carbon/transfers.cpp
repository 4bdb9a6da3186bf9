#include "shinrin/carbon/transfers.hpp"

#include <algorithm>
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
  // In chunks of 64 rows: pool totals summed pool by pool (contiguous, vectorises), then one
  // branch-free comparison per row; the failing row is searched only if the chunk failed.
  constexpr std::size_t kChunk = 64;
  double total[kChunk];
  for (std::size_t first = rows.first; first < rows.last; first += kChunk) {
    const std::size_t n = std::min(kChunk, rows.last - first);
    std::fill_n(total, n, 0.0);
    for (std::size_t p = 0; p < kPoolCount; ++p) {
      const double* pool = pools.pool(Pool(p)).data() + first;
      for (std::size_t k = 0; k < n; ++k) total[k] += pool[k];
    }
    bool bad = false;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = first + k;
      const double expected = initial[i] + uptake[i] - emission[i];
      const double scale = std::max(std::abs(initial[i]) + std::abs(uptake[i]) + std::abs(emission[i]), 1e-3);
      bad |= !(std::abs(total[k] - expected) <= kBalanceTolerance * scale);
    }
    if (!bad) continue;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = first + k;
      const double expected = initial[i] + uptake[i] - emission[i];
      const double scale = std::max(std::abs(initial[i]) + std::abs(uptake[i]) + std::abs(emission[i]), 1e-3);
      if (!(std::abs(total[k] - expected) <= kBalanceTolerance * scale)) return i;
    }
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
