#pragma once
//! When a regime's rules call for an operation on a parcel, after this year's growth.
//!
//! Without a planning target, an operation happens when it is due:
//!   final felling      age >= rotation_age, or the fiscal year is listed
//!   scheduled thinning age equals a scheduled age
//!   density trigger    Ry > above, age >= min_age, years since the last thinning >= min_interval
//!                      (thinned down to Ry = to)
//! Under a planning target the same rules make a parcel eligible instead, and eligibility lasts
//! until the parcel is treated (the backlog):
//!   final felling      age >= rotation_age, or the fiscal year is listed
//!   scheduled thinning a scheduled age a_k has been reached, the next scheduled age (or the
//!                      rotation age) has not, and the stand has not been thinned since a_k
//!                      (age - since_thinning < a_k; history before the run is unknown, so a stand
//!                      counts as not thinned, as the density trigger also assumes)
//!   density trigger    as above
//! A scheduled thinning takes precedence over the density trigger.

#include <optional>

#include "shinrin/growth/growth_table.hpp"
#include "shinrin/silviculture/regime.hpp"
#include "shinrin/silviculture/thinning.hpp"

namespace shinrin::silviculture {

//! Whether the rules are read as "due now" (no target) or "eligible" (under a planning target).
enum class RuleMode { due, eligible };

inline bool felling_due(const Regime& r, int age, int fiscal_year) {
  if (r.rotation_age > 0 && age >= r.rotation_age) return true;
  for (int y : r.felling_years) {
    if (y == fiscal_year) return true;
  }
  return false;
}

//! A thinning the regime calls for.
struct ThinningCall {
  RemovedShare share;
  Operation operation = Operation::thinning;  //!< thinning (scheduled) or triggered_thinning
};

//! Whether `r` calls for a thinning (the test of thinning_call without computing its shares; a
//! share that would come out as zero still counts, which the density trigger rules out by
//! construction: Ry > above > to).
bool thinning_called(const Regime& r, RuleMode mode, int age, int since_thinning, double stems,
                     const growth::DensityTerms& d);

//! The thinning `r` calls for on a stand of `age` years, `since_thinning` years after its last
//! thinning, with `stems` [ha-1] and the density terms `d` at its height; nullopt if none (or one
//! that would remove nothing).
std::optional<ThinningCall> thinning_call(const Regime& r, RuleMode mode, int age,
                                          int since_thinning, double stems,
                                          const growth::DensityTerms& d);

}  // namespace shinrin::silviculture
