// J-Credit EN-R-001 (木質バイオマス固形燃料による化石燃料の代替; DOMAIN.md 2.2): the boilers'
// reductions ER = EM_BL - EM_PJ of the fuel module, per monitoring period, for boilers burning
// unused domestic woody biomass (here: the residues and fuelwood of the simulated forest).
#include "shinrin/crediting/methodology.hpp"

namespace shinrin::crediting {

const Rules& enr001() {
  static const Rules kRules{
      .name = "jcredit-en-r-001",
      .title =
          "J-Credit EN-R-001 バイオマス固形燃料（木質バイオマス）による化石燃料又は系統電力の代替",
      .scope = Scope::boilers};
  return kRules;
}

}  // namespace shinrin::crediting
