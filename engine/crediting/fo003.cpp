// J-Credit FO-003 reforestation (再造林活動, 2022; DOMAIN.md 1.3): unstocked land and age class 1
// stands. This engine simulates stocked parcels only, so its FO-003 counts age class 1 stands at
// the project start and stands replanted inside the project; net of felling emissions.
#include "shinrin/crediting/methodology.hpp"

namespace shinrin::crediting {

const Rules& fo003() {
  static const Rules kRules{.name = "jcredit-fo-003",
                            .title = "J-Credit FO-003 再造林活動",
                            .scope = Scope::forest,
                            .eligibility = Eligibility::young_or_replanted,
                            .felling_is_emission = true};
  return kRules;
}

}  // namespace shinrin::crediting
