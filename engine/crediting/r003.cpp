// J-VER R003 afforestation (植林; DOMAIN.md 1.2): land that was not forest on 2008-04-01, planted.
// The register must say which parcels those are (a field); FY2008-FY2012 only.
#include "shinrin/crediting/methodology.hpp"

namespace shinrin::crediting {

const Rules& r003() {
  static const Rules kRules{.name = "jver-r003",
                            .title = "J-VER R003 植林活動によるCO2吸収量の増大",
                            .scope = Scope::forest,
                            .eligibility = Eligibility::afforested,
                            .felling_is_emission = true,
                            .window = true};
  return kRules;
}

}  // namespace shinrin::crediting
