// J-VER E001 (化石燃料から未利用の木質バイオマスへのボイラー燃料代替; DOMAIN.md 2.1): the boilers'
// reductions, FY2008-FY2012 only.
#include "shinrin/crediting/methodology.hpp"

namespace shinrin::crediting {

const Rules& e001() {
  static const Rules kRules{
      .name = "jver-e001",
      .title = "J-VER E001 化石燃料から未利用の木質バイオマスへのボイラー燃料代替",
      .scope = Scope::boilers,
      .window = true};
  return kRules;
}

}  // namespace shinrin::crediting
