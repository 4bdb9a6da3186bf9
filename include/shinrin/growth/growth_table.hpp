#pragma once
//! Growth curves tabulated once at load, read by the yearly kernel.
//!
//! For every curve c and age a in [0, max_age]:
//!   volume(c, a)    = V_c(a)                 [m3 ha-1]
//!   increment(c, a) = V_c(a + 1) - V_c(a)    [m3 ha-1 year-1], the growth in the year the stand
//!                                             goes from age a to a + 1; 0 at a = max_age
//!   height(c, a)    = H_c(a)                 [m] top height, when a height model is given
//!   density(c, a)   = terms of the species' density diagram at H_c(a), when diagrams are added:
//!                     p1 = b1 H^b2, p3 = b3 H^b4, n_rf = N_Rf(H), so that (no pow in the kernel)
//!                       V(N) = 1 / (p1 + p3 / N),  Ry(N) = (p1 + p3 / n_rf) / (p1 + p3 / N)
//! Ages above max_age read the max_age entries. Tables are float32 (density terms double),
//! curve-major.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <optional>

#include "shinrin/growth/density_diagram.hpp"
#include "shinrin/growth/growth_model.hpp"

namespace shinrin::growth {

//! Density-diagram terms at one top height (see above). valid() is false where the species has no
//! diagram or the stand is shorter than kMinDiagramHeight.
struct DensityTerms {
  double p1 = 0.0, p3 = 0.0, n_rf = 0.0;
  bool valid() const { return p3 > 0.0; }
  //! Stand volume of the equivalent-height curve at N stems [m3 ha-1].
  double volume(double N) const { return 1.0 / (p1 + p3 / N); }
  //! Yield index Ry at N stems [1].
  double yield_index(double N) const { return (p1 + p3 / n_rf) / (p1 + p3 / N); }
  //! Whether Ry(N) > ry, without a division: Ry = (p1 + p3 / n_rf) / (p1 + p3 / N) and every
  //! term is positive, so Ry > ry  <=>  N (p1 + p3 / n_rf - ry p1) > ry p3.
  bool yield_index_above(double N, double ry) const {
    return N * (p1 + p3 / n_rf - ry * p1) > ry * p3;
  }
  //! Stems at which Ry = ry [ha-1].
  double stems_for_yield_index(double ry) const { return p3 / ((p1 + p3 / n_rf) / ry - p1); }
  //! Stems at which the curve's volume is v [ha-1] (v below the asymptote 1 / p1).
  double stems_for_volume(double v) const { return p3 / (1.0 / v - p1); }
};

//! Top height below which the density diagram is not used [m] (diagrams are fitted to stands
//! of several metres; below this, stems stay as planted).
inline constexpr double kMinDiagramHeight = 2.0;

class GrowthTable {
 public:
  GrowthTable() = default;
  //! Tabulates `model` (stem volume) and, if given, `height` (top height) for `curves` at ages
  //! 0..max_age. Every key must be covered by both models.
  static GrowthTable build(const GrowthModel& model, std::span<const CurveKey> curves, int max_age,
                           const GrowthModel* height = nullptr);

  int max_age() const { return max_age_; }
  std::size_t curve_count() const { return curves_; }
  float volume(std::uint32_t curve, int age) const { return volume_[index(curve, age)]; }
  float increment(std::uint32_t curve, int age) const { return increment_[index(curve, age)]; }
  //! Top height [m]; 0 when no height model was tabulated.
  float height(std::uint32_t curve, int age) const {
    return has_height_ ? height_[index(curve, age)] : 0.0f;
  }
  //! Whether a height model was tabulated (also for a table of no curves: a register with nothing
  //! to simulate).
  bool has_height() const { return has_height_; }
  //! Adds density terms from the diagram of each curve's species (nullopt: none). Needs heights.
  void add_density_terms(std::span<const std::optional<DensityDiagram>> diagram_of_curve);
  //! Density terms at (curve, age); invalid when none were added for the curve.
  const DensityTerms& density(std::uint32_t curve, int age) const {
    static const DensityTerms kNone{};
    return density_.empty() ? kNone : density_[index(curve, age)];
  }
  //! Row of increments of one curve, ages 0..max_age.
  std::span<const float> increments(std::uint32_t curve) const {
    return {increment_.data() + std::size_t(curve) * stride(), stride()};
  }

 private:
  std::size_t stride() const { return std::size_t(max_age_) + 1; }
  std::size_t index(std::uint32_t curve, int age) const {
    const int a = age < 0 ? 0 : (age > max_age_ ? max_age_ : age);
    return std::size_t(curve) * stride() + std::size_t(a);
  }
  int max_age_ = 0;
  std::size_t curves_ = 0;
  std::vector<float> volume_;
  std::vector<float> increment_;
  bool has_height_ = false;
  std::vector<float> height_;
  std::vector<DensityTerms> density_;
};

}  // namespace shinrin::growth
