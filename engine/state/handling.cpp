#include "shinrin/state/handling.hpp"

namespace shinrin {

std::string_view handling_name(Handling h) {
  switch (h) {
    case Handling::simulated:
      return "simulated";
    case Handling::fallback_species:
      return "fallback_species";
    case Handling::non_forest:
      return "non_forest";
    case Handling::bamboo:
      return "bamboo";
    case Handling::unstocked:
      return "unstocked";
    case Handling::skipped_invalid:
      return "skipped_invalid";
  }
  return "unknown";
}

std::int64_t HandlingReport::total_records() const {
  std::int64_t n = 0;
  for (auto r : records) n += r;
  return n;
}

double HandlingReport::total_hectares() const {
  double s = 0.0;
  for (auto h : hectares) s += h;
  return s;
}

}  // namespace shinrin
