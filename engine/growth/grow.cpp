#include "shinrin/growth/grow.hpp"

#include <algorithm>

namespace shinrin::growth {

void grow(RowRange rows, const GrowthTable& table, double critical_stocking,
          std::span<const std::uint32_t> curve, std::span<std::int16_t> age,
          std::span<float> volume, std::span<float> dv) {
  const float critical = static_cast<float>(critical_stocking);
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const std::uint32_t c = curve[i];
    const int a = age[i];
    float inc = table.increment(c, a);
    if (critical > 0.0f) {
      const float on_curve = table.volume(c, a);
      if (on_curve > 0.0f && volume[i] < critical * on_curve)
        inc *= volume[i] / (critical * on_curve);
    }
    dv[i - rows.first] = inc;
    volume[i] += inc;
    age[i] = static_cast<std::int16_t>(a + 1);
  }
}

void update_stand(RowRange rows, const GrowthTable& table, std::span<const std::uint32_t> curve,
                  std::span<const std::int16_t> age, std::span<float> stems,
                  std::span<float> height) {
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    height[i] = table.height(curve[i], age[i]);
    const DensityTerms& d = table.density(curve[i], age[i]);
    if (d.valid() && stems[i] > d.n_rf) stems[i] = static_cast<float>(d.n_rf);
  }
}

}  // namespace shinrin::growth
