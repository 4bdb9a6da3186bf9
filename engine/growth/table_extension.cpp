#include "shinrin/growth/table_extension.hpp"

#include <cmath>
#include <cstdio>

#include "shinrin/core/error.hpp"
#include "shinrin/growth/richards_fit.hpp"

namespace shinrin::growth {

TableExtension::TableExtension(double last_age, double last_volume, const RichardsParams& r,
                               double rmse)
    : rule_(Rule::richards),
      last_age_(last_age),
      last_volume_(last_volume),
      params_(r),
      r_last_(richards_volume(r, last_age)),
      rmse_(rmse) {}

TableExtension TableExtension::flat(double last_age, double last_volume, std::string why) {
  TableExtension e;
  e.rule_ = Rule::flat;
  e.last_age_ = last_age;
  e.last_volume_ = last_volume;
  e.why_flat_ = std::move(why);
  return e;
}

TableExtension TableExtension::fit(std::span<const double> ages, std::span<const double> volumes) {
  if (ages.empty() || ages.size() != volumes.size())
    throw Error("table extension: needs at least one row and as many volumes as ages");
  const double L = ages.back(), V_L = volumes.back();
  if (ages.size() < 3) {
    return flat(
        L, V_L,
        "a Richards curve needs at least 3 rows, the table has " + std::to_string(ages.size()));
  }
  const RichardsFit f = fit_richards(ages, volumes);
  const RichardsParams& p = f.params;
  if (!f.converged) {
    return flat(
        L, V_L,
        "the Richards fit did not converge in " + std::to_string(f.iterations) + " iterations");
  }
  if (!std::isfinite(p.A) || !std::isfinite(p.k) || !std::isfinite(p.c) || p.A < 0.0 ||
      p.k <= 0.0 || p.c <= 0.0 || !std::isfinite(richards_volume(p, L))) {
    return flat(L, V_L, "the Richards fit gave no usable curve");
  }
  return TableExtension(L, V_L, p, f.rmse);
}

double TableExtension::volume(double age) const {
  if (rule_ == Rule::flat || age <= last_age_) return last_volume_;
  return last_volume_ + (richards_volume(params_, age) - r_last_);
}

std::string TableExtension::describe() const {
  char buf[256];
  if (rule_ == Rule::flat) {
    std::snprintf(buf, sizeof buf, "flat past age %g (%s)", last_age_, why_flat_.c_str());
  } else {
    std::snprintf(buf, sizeof buf,
                  "V(a) = V(%g) + R(a) - R(%g), R(t) = %.6g (1 - exp(-%.6g t))^%.6g fitted to the "
                  "table (RMSE %.3g m3 ha-1)",
                  last_age_, last_age_, params_.A, params_.k, params_.c, rmse_);
  }
  return buf;
}

}  // namespace shinrin::growth
