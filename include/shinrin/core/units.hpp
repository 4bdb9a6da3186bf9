#pragma once
//! Physical constants and unit conversions used across modules.
//! Source: DOMAIN.md section 0 (CO2/C mass ratio 44/12) [C].

namespace shinrin::units {

//! Mass ratio of CO2 to C [t CO2 (t C)-1].
inline constexpr double kCo2PerC = 44.0 / 12.0;

//! Square metres per hectare [m2 ha-1].
inline constexpr double kSquareMetresPerHectare = 10000.0;

}  // namespace shinrin::units
