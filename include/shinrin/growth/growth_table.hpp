#pragma once
//! Growth curves tabulated once at load, read by the yearly kernel.
//!
//! For every curve c and age a in [0, max_age]:
//!   volume(c, a)    = V_c(a)                 [m3 ha-1]
//!   increment(c, a) = V_c(a + 1) - V_c(a)    [m3 ha-1 year-1], the growth in the year the stand
//!                                             goes from age a to a + 1; 0 at a = max_age
//!   height(c, a)    = H_c(a)                 [m] top height, when a height model is given
//! Ages above max_age read the max_age entries. Tables are float32, curve-major.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "shinrin/growth/growth_model.hpp"

namespace shinrin::growth {

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
  float height(std::uint32_t curve, int age) const { return height_.empty() ? 0.0f : height_[index(curve, age)]; }
  bool has_height() const { return !height_.empty(); }
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
  std::vector<float> height_;
};

}  // namespace shinrin::growth
