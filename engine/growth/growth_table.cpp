#include "shinrin/growth/growth_table.hpp"

#include <cmath>

#include "shinrin/core/error.hpp"

namespace shinrin::growth {

GrowthTable GrowthTable::build(const GrowthModel& model, std::span<const CurveKey> curves,
                               int max_age, const GrowthModel* height) {
  if (max_age < 1) throw Error("growth table: max_age must be >= 1");
  GrowthTable t;
  t.max_age_ = max_age;
  t.curves_ = curves.size();
  t.volume_.resize(curves.size() * t.stride());
  t.increment_.resize(curves.size() * t.stride());
  for (std::size_t c = 0; c < curves.size(); ++c) {
    if (auto why = model.missing(curves[c]))
      throw Error("growth model '" + std::string(model.name()) + "': " + *why);
    double previous = model.volume(curves[c], 0.0);
    for (int a = 0; a <= max_age; ++a) {
      const double next = a < max_age ? model.volume(curves[c], a + 1.0) : previous;
      if (!std::isfinite(previous) || !std::isfinite(next)) {
        throw Error("growth model '" + std::string(model.name()) + "': non-finite volume for '" +
                    curves[c].species + "' site class " + std::to_string(curves[c].site_class) +
                    " at age " + std::to_string(a));
      }
      t.volume_[c * t.stride() + a] = static_cast<float>(previous);
      t.increment_[c * t.stride() + a] = static_cast<float>(next - previous);
      previous = next;
    }
  }
  if (height != nullptr) {
    t.has_height_ = true;
    t.height_.resize(curves.size() * t.stride());
    for (std::size_t c = 0; c < curves.size(); ++c) {
      if (auto why = height->missing(curves[c])) throw Error("height curves: " + *why);
      for (int a = 0; a <= max_age; ++a) {
        const double h = height->volume(curves[c], a);
        if (!std::isfinite(h) || h < 0.0) {
          throw Error("height curves: invalid top height " + std::to_string(h) + " m for '" +
                      curves[c].species + "' at age " + std::to_string(a));
        }
        t.height_[c * t.stride() + a] = static_cast<float>(h);
      }
    }
  }
  return t;
}

}  // namespace shinrin::growth

namespace shinrin::growth {

void GrowthTable::add_density_terms(
    std::span<const std::optional<DensityDiagram>> diagram_of_curve) {
  // Whether heights were tabulated, not whether there are any: a table of no curves (a register
  // with no record to simulate) takes density terms for no curve.
  if (!has_height_) throw Error("growth table: density terms need top heights");
  if (diagram_of_curve.size() != curves_)
    throw Error("growth table: one diagram entry per curve expected");
  density_.assign(curves_ * stride(), DensityTerms{});
  for (std::size_t c = 0; c < curves_; ++c) {
    if (!diagram_of_curve[c]) continue;
    const DensityDiagram& d = *diagram_of_curve[c];
    for (int a = 0; a <= max_age_; ++a) {
      const double H = height_[c * stride() + a];
      if (H < kMinDiagramHeight) continue;
      DensityTerms& t = density_[c * stride() + a];
      t.p1 = d.b1 * std::pow(H, d.b2);
      t.p3 = d.b3 * std::pow(H, d.b4);
      t.n_rf = d.full_density_stems(H);
    }
  }
}

}  // namespace shinrin::growth
