#include "shinrin/silviculture/rules.hpp"

#include <algorithm>
#include <limits>

namespace shinrin::silviculture {

std::optional<ThinningCall> thinning_call(const Regime& r, RuleMode mode, int age, int since_thinning,
                                          double stems, const growth::DensityTerms& d) {
  const ScheduledThinning* scheduled = nullptr;
  if (mode == RuleMode::due) {
    const auto it = std::find_if(r.thinnings.begin(), r.thinnings.end(),
                                 [age](const ScheduledThinning& t) { return t.age == age; });
    if (it != r.thinnings.end()) scheduled = &*it;
  } else {
    const int last_thinned_at = age - since_thinning;  // very negative when never thinned
    for (std::size_t k = 0; k < r.thinnings.size(); ++k) {
      const int next = k + 1 < r.thinnings.size()
                           ? r.thinnings[k + 1].age
                           : (r.rotation_age > 0 ? r.rotation_age : std::numeric_limits<int>::max());
      if (age >= r.thinnings[k].age && age < next && last_thinned_at < r.thinnings[k].age) {
        scheduled = &r.thinnings[k];
        break;
      }
    }
  }
  if (scheduled != nullptr) {
    const RemovedShare s = thinning_share(scheduled->intensity, scheduled->basis, scheduled->method, stems, d);
    if (s.stems > 0.0 || s.volume > 0.0) return ThinningCall{s, Operation::thinning};
  }
  const DensityTrigger& t = r.trigger;
  if (t.enabled && age >= t.min_age && since_thinning >= t.min_interval && d.valid() && stems > 0.0 &&
      d.yield_index_above(stems, t.above)) {
    const RemovedShare s = thinning_to_yield_index(t.to, t.method, stems, d);
    if (s.stems > 0.0) return ThinningCall{s, Operation::triggered_thinning};
  }
  return std::nullopt;
}

}  // namespace shinrin::silviculture
