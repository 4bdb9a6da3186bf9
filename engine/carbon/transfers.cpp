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
    if (is_sparse(f)) {
      const std::size_t src = info.source, dst = info.target;
      for (std::uint32_t r : fluxes.touched()) {
        const std::size_t i = rows.first + r;
        const double a = amount[r];
        if (src == kAtmosphere) {
          pools.pool(static_cast<Pool>(dst))[i] += a;
          uptake[i] += a;
        } else if (dst == kAtmosphere) {
          pools.pool(static_cast<Pool>(src))[i] -= a;
          emission[i] += a;
        } else {
          pools.pool(static_cast<Pool>(src))[i] -= a;
          pools.pool(static_cast<Pool>(dst))[i] += a;
        }
      }
      continue;
    }
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

namespace {

// |pools - expected| minus the allowed error of row i; > 0 or NaN means the balance fails.
// The allowed error is 1e-6 of the carbon through the parcel plus 1e-9 t C ha-1, so that empty
// parcels compare against a tiny absolute bound instead of zero.
inline double excess(double total, double initial, double uptake, double emission) {
  const double d = std::abs(total - (initial + uptake - emission));
  return d -
         (kBalanceTolerance * (std::abs(initial) + std::abs(uptake) + std::abs(emission)) + 1e-9);
}

}  // namespace

std::optional<std::size_t> check_balance(RowRange rows, const PoolTable& pools) {
  const double* initial = pools.initial().data();
  const double* uptake = pools.uptake().data();
  const double* emission = pools.emission().data();
  // In chunks of 64 rows: pool totals summed pool by pool (contiguous), then each row's
  // excess and its test, without branches so the loops vectorise; a failing chunk is searched.
  constexpr std::size_t kChunk = 64;
  double total[kChunk];
  for (std::size_t first = rows.first; first < rows.last; first += kChunk) {
    const std::size_t n = std::min(kChunk, rows.last - first);
    const double* p0 = pools.pool(Pool(0)).data() + first;
    for (std::size_t k = 0; k < n; ++k) total[k] = p0[k];
    for (std::size_t p = 1; p < kPoolCount; ++p) {
      const double* pool = pools.pool(Pool(p)).data() + first;
      for (std::size_t k = 0; k < n; ++k) total[k] += pool[k];
    }
    double e[kChunk];
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = first + k;
      e[k] = excess(total[k], initial[i], uptake[i], emission[i]);
    }
    long bad = 0;  // e > 0 or NaN (the only value not equal to itself)
    for (std::size_t k = 0; k < n; ++k)
      bad |= static_cast<long>(e[k] > 0.0) | static_cast<long>(e[k] != e[k]);
    if (bad == 0) continue;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = first + k;
      if (!(excess(total[k], initial[i], uptake[i], emission[i]) <= 0.0)) return i;
    }
  }
  return std::nullopt;
}

std::optional<std::size_t> check_balance(RowRange rows, std::span<const std::uint32_t> subset,
                                         const PoolTable& pools) {
  for (std::uint32_t r : subset) {
    const std::size_t i = rows.first + r;
    if (!(excess(pools.total(i), pools.initial()[i], pools.uptake()[i], pools.emission()[i]) <=
          0.0))
      return i;
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
