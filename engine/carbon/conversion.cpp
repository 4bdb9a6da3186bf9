#include "shinrin/carbon/conversion.hpp"

#include "shinrin/core/error.hpp"
#include "shinrin/core/units.hpp"

namespace shinrin::carbon {

double co2_per_m3(const SpeciesParams& sp, int age) {
  return bef_at_age(sp, age) * (1.0 + sp.R) * sp.D * sp.CF * units::kCo2PerC;
}

double period_weighted_bef(const SpeciesParams& sp, int age_from, int age_to) {
  if (age_to <= age_from) {
    throw Error("period_weighted_bef: the period must end after it starts (from " +
                std::to_string(age_from) + " to " + std::to_string(age_to) + ")");
  }
  double sum = 0.0;
  for (int age = age_from + 1; age <= age_to; ++age) sum += bef_at_age(sp, age);
  return sum / (age_to - age_from);
}

}  // namespace shinrin::carbon
