#pragma once
//! Binds the scenario's `planning` section to the landscape (planning/plan.hpp): regimes by name,
//! planning units, and each target's amount per unit and fiscal year.
//!
//! Rules checked here, each reported at its scenario place:
//!   - a target's regimes exist and have its operation (a final felling by rotation age or years;
//!     a thinning schedule or a density trigger); no list = every regime with the operation;
//!   - a regime's operation is covered by at most one target;
//!   - per-unit amounts name units that exist, and every unit with parcels under a covered
//!     regime has an amount (all missing units listed at once);
//!   - a schedule starts at or before the first simulated year (each entry holds from its fiscal
//!     year until the next);
//!   - the normal-forest rule needs a rotation age in every covered regime: amount of a unit =
//!     sum over its parcels under covered regimes of area / rotation age [ha year-1];
//!   - a boiler_demand target feeds boilers that list extra_operations among their sources; its
//!     units are those boilers (the parcels whose home they are), and every boiler that lists
//!     extra_operations is fed by exactly one such target.

#include <cstddef>
#include <vector>

#include "shinrin/fuel/model.hpp"
#include "shinrin/io/scenario.hpp"
#include "shinrin/planning/plan.hpp"
#include "shinrin/setup/classify.hpp"
#include "shinrin/silviculture/management.hpp"
#include "shinrin/state/landscape.hpp"

namespace shinrin::setup {

//! Source fields that planning units read (for the parcel reader), in first-use order.
std::vector<std::string> planning_unit_fields(const io::Scenario& s);

//! The plan of `s` over `parcels` (final row order); `fields` holds the values of
//! planning_unit_fields(s) per row in that order. An absent section gives an empty plan.
planning::Plan bind_plan(const io::Scenario& s, const Landscape& parcels,
                         const silviculture::Management& m, const std::vector<FieldValues>& fields,
                         const fuel::FuelModel& fuel);

}  // namespace shinrin::setup
