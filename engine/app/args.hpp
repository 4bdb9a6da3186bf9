#pragma once
// Command-line parsing for the shinrin verbs: positional arguments and --name VALUE options.
// Unknown options are errors that name the option.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace shinrin::app {

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // "--years" -> "30"
  std::set<std::string> flags;                 // "--json"

  std::optional<std::string> get(const std::string& name) const;
  //! Integer option in [lo, hi]; throws InputError naming the option otherwise.
  std::optional<int> get_int(const std::string& name, int lo, int hi) const;
  bool has(const std::string& flag) const { return flags.contains(flag); }
};

//! Parses argv[first..]; `with_value` lists options taking a value, `flag_names` boolean flags.
//! An option without its value or with an empty one is an InputError naming the option.
Args parse_args(int argc, char** argv, int first, const std::set<std::string>& with_value,
                const std::set<std::string>& flag_names);

//! argv joined with spaces, arguments with spaces or quotes single-quoted (for the results file).
std::string command_line(int argc, char** argv);

}  // namespace shinrin::app
