#include "cli.hpp"

#include "shinrin/core/error.hpp"

namespace shinrin::app {

void check_not_empty(const std::optional<std::string>& value, const std::string& name) {
  if (value && value->empty()) throw InputError("option " + name + ": the value is empty");
}

std::optional<int> integer_option(const std::optional<std::string>& value, const std::string& name,
                                  int lo, int hi) {
  if (!value) return std::nullopt;
  check_not_empty(value, name);
  try {
    std::size_t used = 0;
    const long n = std::stol(*value, &used);
    if (used == value->size() && n >= lo && n <= hi) return static_cast<int>(n);
  } catch (const std::exception&) {
  }
  throw InputError("option " + name + ": '" + *value + "' is not an integer in [" +
                   std::to_string(lo) + ", " + std::to_string(hi) + "]");
}

std::string command_line(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    std::string s = argv[i];
    if (s.find_first_of(" \t'\"") != std::string::npos) {
      std::string q = "'";
      for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
      s = q + "'";
    }
    out += (i ? " " : "") + s;
  }
  return out;
}

}  // namespace shinrin::app
