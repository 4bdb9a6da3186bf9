#include "shinrin/crediting/methodology.hpp"

namespace shinrin::crediting {

std::span<const Rules* const> methodologies() {
  // The registry: one line per methodology.
  static const Rules* const kAll[] = {&fo001(), &fo003(),  &r001(), &r002(),
                                      &r003(),  &enr001(), &e001()};
  return kAll;
}

const Rules* find_methodology(std::string_view name) {
  for (const Rules* r : methodologies()) {
    if (r->name == name) return r;
  }
  return nullptr;
}

std::string methodology_names() {
  std::string out;
  for (const Rules* r : methodologies()) out += (out.empty() ? "" : ", ") + std::string(r->name);
  return out;
}

}  // namespace shinrin::crediting
