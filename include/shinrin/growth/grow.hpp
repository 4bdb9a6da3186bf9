#pragma once
//! The growth phase of one year for a range of parcels.
//!   dV_i       = increment(curve_i, age_i)      [m3 ha-1 year-1]  (growth_table.hpp)
//!   volume_i  += dV_i                            [m3 ha-1]
//!   age_i     += 1                               [years]
//! Growth writes stand state and increments; carbon turns increments into pool changes.

#include <cstdint>
#include <span>

#include "shinrin/core/row_range.hpp"
#include "shinrin/growth/growth_table.hpp"

namespace shinrin::growth {

//! Advances rows `rows` by one year. `dv` has rows.size() entries, indexed from rows.first.
void grow(RowRange rows, const GrowthTable& table, std::span<const std::uint32_t> curve,
          std::span<std::int16_t> age, std::span<float> volume, std::span<float> dv);

}  // namespace shinrin::growth
