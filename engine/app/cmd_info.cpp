// shinrin info RESULTS.h5 [--json] [--every N] [--quiet]
#include <cstdio>

#include "commands.hpp"
#include "report.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/results_reader.hpp"

namespace shinrin::app {

int cmd_info(const InfoOptions& o) {
  SummaryStyle style;
  style.every = integer_option(o.every, "--every", 1, 1000).value_or(1);
  style.parameters = !o.quiet;
  const io::ResultsSummary s = io::read_summary(o.results);
  if (o.json) {
    std::fputs(summary_json(s).c_str(), stdout);
  } else {
    print_summary(s, true, style);
  }
  return s.complete ? 0 : 3;
}

}  // namespace shinrin::app
