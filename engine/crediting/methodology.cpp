#include "shinrin/crediting/methodology.hpp"

#include <array>
#include <functional>

namespace shinrin::crediting {
namespace {

// The registry: one line per methodology.
const std::array<std::reference_wrapper<const Rules>, 7>& registry() {
  static const std::array<std::reference_wrapper<const Rules>, 7> kAll = {
      fo001(), fo003(), r001(), r002(), r003(), enr001(), e001(),
  };
  return kAll;
}

}  // namespace

std::span<const Rules> methodologies() {
  static const std::vector<Rules> kCopies = [] {
    std::vector<Rules> v;
    for (const Rules& r : registry()) v.push_back(r);
    return v;
  }();
  return kCopies;
}

const Rules* find_methodology(std::string_view name) {
  for (const Rules& r : methodologies()) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

std::string methodology_names() {
  std::string out;
  for (const Rules& r : methodologies()) out += (out.empty() ? "" : ", ") + std::string(r.name);
  return out;
}

}  // namespace shinrin::crediting
