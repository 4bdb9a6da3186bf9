// J-Credit FO-001 forest management (DOMAIN.md 1.3): growth of plantations with a treatment since
// FY1990 (and protected natural forest), final felling booked as emission of the felled stock,
// since 2022 the replanting rule and wood products in use for 90 years; a part of a forest
// management plan only when the plan covers 500 ha or more.
#include "shinrin/crediting/methodology.hpp"

namespace shinrin::crediting {

const Rules& fo001() {
  static const Rules kRules{.name = "jcredit-fo-001",
                            .title = "J-Credit FO-001 森林経営活動",
                            .scope = Scope::forest,
                            .eligibility = Eligibility::treated_plantation,
                            .felling_is_emission = true,
                            .replanting_rule = true,
                            .hwp = true,
                            .partial_plan_rule = true};
  return kRules;
}

}  // namespace shinrin::crediting
