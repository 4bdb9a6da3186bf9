// J-VER R002 sustainable management type (持続可能な森林経営促進型; DOMAIN.md 1.2): growth of
// stands thinned, felled or planted since FY1990; a final felling counts as emission by felled
// volume; FY2008-FY2012 only.
#include "shinrin/crediting/methodology.hpp"

namespace shinrin::crediting {

const Rules& r002() {
  static const Rules kRules{
      .name = "jver-r002",
      .title = "J-VER R002 森林経営活動によるCO2吸収量の増大（持続可能な森林経営促進型）",
      .scope = Scope::forest,
      .eligibility = Eligibility::treated_plantation,
      .felling_is_emission = true,
      .window = true};
  return kRules;
}

}  // namespace shinrin::crediting
