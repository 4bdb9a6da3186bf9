// J-VER R001 thinning type (間伐促進型; DOMAIN.md 1.2): growth of stands thinned in FY2007 or
// later; a clear-felled or converted site earns nothing from then on; plan area 30 ha or more;
// J-VER credited removals of FY2008-FY2012 only.
#include "shinrin/crediting/methodology.hpp"

namespace shinrin::crediting {

const Rules& r001() {
  static const Rules kRules{.name = "jver-r001",
                            .title = "J-VER R001 森林経営活動によるCO2吸収量の増大（間伐促進型）",
                            .scope = Scope::forest,
                            .eligibility = Eligibility::thinned,
                            .felling_ends_crediting = true,
                            .min_area_rule = true,
                            .window = true};
  return kRules;
}

}  // namespace shinrin::crediting
