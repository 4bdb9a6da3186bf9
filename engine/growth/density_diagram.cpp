#include "shinrin/growth/density_diagram.hpp"

#include <cmath>
#include <limits>

namespace shinrin::growth {

double DensityDiagram::volume(double H, double N) const {
  return 1.0 / (b1 * std::pow(H, b2) + b3 * std::pow(H, b4) / N);
}

double DensityDiagram::full_density_stems(double H) const {
  return std::pow(10.0, c) * std::pow(H, b4 - b2);
}

double DensityDiagram::yield_index(double H, double N) const {
  return volume(H, N) / volume(H, full_density_stems(H));
}

double DensityDiagram::stems_for_yield_index(double H, double ry) const {
  return stems_for_volume(H, ry * volume(H, full_density_stems(H)));
}

double DensityDiagram::stems_for_volume(double H, double v) const {
  const double denominator = 1.0 / v - b1 * std::pow(H, b2);
  if (denominator <= 0.0) return std::numeric_limits<double>::infinity();
  return b3 * std::pow(H, b4) / denominator;
}

double relative_spacing(double H, double N) {
  return std::sqrt(10000.0 / N) / H * 100.0;
}

}  // namespace shinrin::growth
