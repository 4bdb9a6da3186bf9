#include "args.hpp"

#include "shinrin/core/error.hpp"

namespace shinrin::app {

std::optional<std::string> Args::get(const std::string& name) const {
  const auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

std::optional<int> Args::get_int(const std::string& name, int lo, int hi) const {
  const auto v = get(name);
  if (!v) return std::nullopt;
  try {
    std::size_t used = 0;
    const long n = std::stol(*v, &used);
    if (used == v->size() && n >= lo && n <= hi) return static_cast<int>(n);
  } catch (const std::exception&) {
  }
  throw InputError("option " + name + ": '" + *v + "' is not an integer in [" + std::to_string(lo) +
                   ", " + std::to_string(hi) + "]");
}

Args parse_args(int argc, char** argv, int first, const std::set<std::string>& with_value,
                const std::set<std::string>& flag_names) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) == 0) {
      std::string value;
      bool inline_value = false;
      if (const auto eq = s.find('='); eq != std::string::npos) {
        value = s.substr(eq + 1);
        s = s.substr(0, eq);
        inline_value = true;
      }
      if (with_value.contains(s)) {
        if (!inline_value) {
          if (i + 1 >= argc) throw InputError("option " + s + " needs a value");
          value = argv[++i];
        }
        // No option means anything when empty ("--parcels ''" is a mistake, not the default).
        if (value.empty()) throw InputError("option " + s + ": the value is empty");
        a.options[s] = value;
      } else if (flag_names.contains(s) && !inline_value) {
        a.flags.insert(s);
      } else {
        std::string known;
        for (const auto& o : with_value) known += " " + o + " VALUE";
        for (const auto& f : flag_names) known += " " + f;
        throw InputError("unknown option " + s +
                         (known.empty() ? "" : " (options here:" + known + ")"));
      }
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
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
