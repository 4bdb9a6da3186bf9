#include "shinrin/growth/yield_table.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "shinrin/core/error.hpp"

namespace shinrin::growth {

YieldTable::YieldTable(std::vector<double> ages, std::vector<double> volumes)
    : ages_(std::move(ages)),
      volumes_(std::move(volumes)),
      extension_(TableExtension::flat(0.0, 0.0, "not fitted yet")) {
  if (ages_.empty() || ages_.size() != volumes_.size()) {
    throw Error("yield table: needs at least one (age, volume) row and as many volumes as ages");
  }
  for (std::size_t i = 0; i < ages_.size(); ++i) {
    if (!std::isfinite(ages_[i]) || ages_[i] <= 0.0) {
      throw Error("yield table: age " + std::to_string(ages_[i]) + " must be > 0");
    }
    if (!std::isfinite(volumes_[i]) || volumes_[i] < 0.0) {
      throw Error("yield table: volume " + std::to_string(volumes_[i]) + " at age " +
                  std::to_string(ages_[i]) + " must be >= 0");
    }
    if (i > 0 && ages_[i] <= ages_[i - 1]) {
      throw Error("yield table: ages must increase (" + std::to_string(ages_[i - 1]) + " then " +
                  std::to_string(ages_[i]) + ")");
    }
  }
  extension_ = TableExtension::fit(ages_, volumes_);
}

double YieldTable::volume_at(double age) const {
  if (age <= 0.0) return 0.0;
  if (age >= ages_.back()) return extension_.volume(age);
  if (age <= ages_.front()) return volumes_.front() * age / ages_.front();
  const auto it = std::upper_bound(ages_.begin(), ages_.end(), age);
  const std::size_t hi = static_cast<std::size_t>(it - ages_.begin());
  const std::size_t lo = hi - 1;
  const double w = (age - ages_[lo]) / (ages_[hi] - ages_[lo]);
  return volumes_[lo] + w * (volumes_[hi] - volumes_[lo]);
}

}  // namespace shinrin::growth
