#include "shinrin/silviculture/rules.hpp"

#include <algorithm>
#include <limits>

namespace shinrin::silviculture {

namespace {

// The scheduled thinning that applies, or nullptr.
const ScheduledThinning* scheduled_thinning(const Regime& r, RuleMode mode, int age,
                                            int since_thinning) {
  if (mode == RuleMode::due) {
    for (const ScheduledThinning& t : r.thinnings) {
      if (t.age == age) return &t;
    }
    return nullptr;
  }
  const int last_thinned_at = age - since_thinning;  // very negative when never thinned
  for (std::size_t k = 0; k < r.thinnings.size(); ++k) {
    const int next = k + 1 < r.thinnings.size()
                         ? r.thinnings[k + 1].age
                         : (r.rotation_age > 0 ? r.rotation_age : std::numeric_limits<int>::max());
    if (age >= r.thinnings[k].age && age < next && last_thinned_at < r.thinnings[k].age)
      return &r.thinnings[k];
  }
  return nullptr;
}

bool triggered(const DensityTrigger& t, int age, int since_thinning, double stems,
               const growth::DensityTerms& d) {
  return t.enabled && age >= t.min_age && since_thinning >= t.min_interval && d.valid() &&
         stems > 0.0 && d.yield_index_above(stems, t.above);
}

}  // namespace

bool thinning_called(const Regime& r, RuleMode mode, int age, int since_thinning, double stems,
                     const growth::DensityTerms& d) {
  return scheduled_thinning(r, mode, age, since_thinning) != nullptr ||
         triggered(r.trigger, age, since_thinning, stems, d);
}

std::optional<ThinningCall> thinning_call(const Regime& r, RuleMode mode, int age,
                                          int since_thinning, double stems,
                                          const growth::DensityTerms& d) {
  const ScheduledThinning* scheduled = scheduled_thinning(r, mode, age, since_thinning);
  if (scheduled != nullptr) {
    const RemovedShare s =
        thinning_share(scheduled->intensity, scheduled->basis, scheduled->method, stems, d);
    if (s.stems > 0.0 || s.volume > 0.0) return ThinningCall{s, Operation::thinning};
  }
  const DensityTrigger& t = r.trigger;
  if (triggered(t, age, since_thinning, stems, d)) {
    const RemovedShare s = thinning_to_yield_index(t.to, t.method, stems, d);
    if (s.stems > 0.0) return ThinningCall{s, Operation::triggered_thinning};
  }
  return std::nullopt;
}

}  // namespace shinrin::silviculture
