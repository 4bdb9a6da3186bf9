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

//! Records and hectares per handling class [ha from the area field or geometry].
struct HandlingReport {
  std::array<std::int64_t, kHandlingCount> records{};
  std::array<double, kHandlingCount> hectares{};
  void add(Handling h, double area_ha) {
    records[static_cast<std::size_t>(h)] += 1;
    hectares[static_cast<std::size_t>(h)] += area_ha;
  }
  std::int64_t total_records() const;
  double total_hectares() const;
};

}  // namespace shinrin
