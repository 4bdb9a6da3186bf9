#include "shinrin/silviculture/thinning.hpp"

#include <algorithm>

namespace shinrin::silviculture {
namespace {

// Volume share of a from-below thinning that leaves `after` of `before` stems.
double from_below_volume_share(double before, double after, const growth::DensityTerms& d) {
  return 1.0 - d.volume(after) / d.volume(before);
}

}  // namespace

RemovedShare thinning_share(double intensity, IntensityBasis basis, ThinningMethod method, double N,
                            const growth::DensityTerms& d) {
  if (method == ThinningMethod::row || !d.valid() || N <= 0.0) return {intensity, intensity};
  if (basis == IntensityBasis::stems) {
    return {intensity, from_below_volume_share(N, N * (1.0 - intensity), d)};
  }
  const double after = d.stems_for_volume((1.0 - intensity) * d.volume(N));
  return {std::clamp(1.0 - after / N, 0.0, 1.0), intensity};
}

RemovedShare thinning_to_yield_index(double to, ThinningMethod method, double N,
                                     const growth::DensityTerms& d) {
  if (!d.valid() || N <= 0.0) return {};
  const double after = d.stems_for_yield_index(to);
  if (!(after < N) || after <= 0.0) return {};
  const double stems = 1.0 - after / N;
  if (method == ThinningMethod::row) return {stems, stems};
  return {stems, from_below_volume_share(N, after, d)};
}

}  // namespace shinrin::silviculture
