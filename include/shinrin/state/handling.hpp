#pragma once
//! What happens to each record read from a parcel source. Every record falls in exactly one class,
//! so records and hectares per class add up to everything read.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace shinrin {

enum class Handling : std::uint8_t {
  simulated,         //!< forest record with a species of the parameter table
  fallback_species,  //!< simulated with the scenario's fallback species (name not in the alias
                     //!< table)
  non_forest,        //!< land that is not forest (roads, fire breaks, development permits, ...)
  bamboo,            //!< bamboo stand (竹林): not simulated by the stem-volume chain
  unstocked,  //!< no trees now (cut-over 伐採跡地, unstocked 未立木地, wild grass 原野)
  skipped_invalid,  //!< invalid value (area, age) skipped because the scenario says so
};
inline constexpr std::size_t kHandlingCount = 6;

//! Name as written in outputs, e.g. "fallback_species".
std::string_view handling_name(Handling h);

//! Register stand ages above this [years] are simulated with a warning and counted
//! (HandlingReport::implausible_age_records).
inline constexpr int kPlausibleAgeYears = 300;
//! Upper bound of the area of one record [ha] (100 km2; sub-compartments are rarely above 100 ha):
//! above it a simulated record is invalid, a record that is not simulated counts 0 ha.
inline constexpr double kMaxRecordAreaHa = 10000.0;

//! Records and hectares per handling class [ha from the area field or geometry].
struct HandlingReport {
  std::array<std::int64_t, kHandlingCount> records{};
  std::array<double, kHandlingCount> hectares{};
  //! Simulated records whose register age is above the plausibility bound (300 years): a warning.
  std::int64_t implausible_age_records = 0;
  //! Records that are not simulated whose area is not a number in [0, 10000] ha: counted as 0 ha,
  //! with a warning.
  std::int64_t unusable_area_records = 0;
  void add(Handling h, double area_ha) {
    records[static_cast<std::size_t>(h)] += 1;
    hectares[static_cast<std::size_t>(h)] += area_ha;
  }
  std::int64_t total_records() const;
  double total_hectares() const;
};

}  // namespace shinrin
