// shinrin info [--json] RESULTS.h5
#include <cstdio>

#include "args.hpp"
#include "commands.hpp"
#include "report.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/results_reader.hpp"

namespace shinrin::app {

int cmd_info(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {}, {"--json"});
  if (a.positional.size() != 1)
    throw InputError("info: expected one results file (shinrin info [--json] RESULTS.h5)");
  const io::ResultsSummary s = io::read_summary(a.positional[0]);
  if (a.has("--json")) {
    std::fputs(summary_json(s).c_str(), stdout);
  } else {
    print_summary(s, true);
  }
  return s.complete ? 0 : 3;
}

}  // namespace shinrin::app
