#include "shinrin/growth/grow.hpp"

namespace shinrin::growth {

void grow(RowRange rows, const GrowthTable& table, std::span<const std::uint32_t> curve,
          std::span<std::int16_t> age, std::span<float> volume, std::span<float> dv) {
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const float inc = table.increment(curve[i], age[i]);
    dv[i - rows.first] = inc;
    volume[i] += inc;
    age[i] = static_cast<std::int16_t>(age[i] + 1);
  }
}

}  // namespace shinrin::growth
