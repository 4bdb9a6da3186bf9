#include "shinrin/growth/grow.hpp"

#include <algorithm>

namespace shinrin::growth {

void grow(RowRange rows, const GrowthTable& table, const GrowthRules& rules,
          std::span<const std::uint32_t> curve, std::span<std::int16_t> age, std::span<float> volume,
          std::span<float> stems, std::span<float> height, std::span<float> dv) {
  const float critical = static_cast<float>(rules.critical_stocking);
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const std::uint32_t c = curve[i];
    const int a = age[i];
    float inc = table.increment(c, a);
    if (critical > 0.0f) {
      const float on_curve = table.volume(c, a);
      if (on_curve > 0.0f && volume[i] < critical * on_curve) inc *= volume[i] / (critical * on_curve);
    }
    dv[i - rows.first] = inc;
    volume[i] += inc;
    age[i] = static_cast<std::int16_t>(a + 1);
    if (rules.stand) {
      height[i] = table.height(c, a + 1);
      const DensityTerms& d = table.density(c, a + 1);
      if (d.valid() && stems[i] > d.n_rf) stems[i] = static_cast<float>(d.n_rf);
    }
  }
}

}  // namespace shinrin::growth
