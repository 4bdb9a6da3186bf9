#pragma once
//! The growth phase of one year for a range of parcels.
//!   dV_i       = increment(curve_i, age_i) x s_i              [m3 ha-1 year-1]
//!   s_i        = min(1, rho_i / rho_c), rho_i = V_i / V_curve(age_i)   (1 when rho_c = 0)
//!   volume_i  += dV_i                                          [m3 ha-1]
//!   age_i     += 1                                             [years]
//! and then, in the stand phase when stand structure is simulated (update_stand),
//!   height_i   = H_curve(age_i)                                [m]
//!   stems_i    = min(stems_i, N_Rf(height_i))                  [ha-1] (self-thinning along the
//!                                                               full-density line, where a
//!                                                               density diagram exists)
//!
//! Growth after thinning (the s_i rule): a stand keeps the yield curve's increment as long as it
//! holds at least rho_c of the curve's volume at its age, and loses increment in proportion below
//! that. This is Langsaeter's plateau (volume increment nearly independent of density over a
//! wide range, falling at low density; Assmann 1970, "critical stocking"); rho_c is a scenario
//! value (stand.critical_stocking). A thinned stand recovers towards the curve because it grows
//! the curve's full increment on a smaller volume. Yield-curve volume is net of self-thinning
//! mortality, so the stems cap moves no carbon.
//! Growth writes stand state and increments; carbon turns increments into pool changes.

#include <cstdint>
#include <span>

#include "shinrin/core/row_range.hpp"
#include "shinrin/growth/growth_table.hpp"

namespace shinrin::growth {

//! Advances rows `rows` by one year: age, volume and the increment `dv` (rows.size() entries,
//! indexed from rows.first). `critical_stocking` is rho_c [1]; 0 = no scaling.
void grow(RowRange rows, const GrowthTable& table, double critical_stocking,
          std::span<const std::uint32_t> curve, std::span<std::int16_t> age,
          std::span<float> volume, std::span<float> dv);

//! Top height from the curve at the stand's age, and stems capped at the full-density line.
void update_stand(RowRange rows, const GrowthTable& table, std::span<const std::uint32_t> curve,
                  std::span<const std::int16_t> age, std::span<float> stems,
                  std::span<float> height);

}  // namespace shinrin::growth
