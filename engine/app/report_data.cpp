#include "report_data.hpp"

#include <algorithm>
#include <cmath>

#include "shinrin/core/error.hpp"

namespace shinrin::app {

int age_class_of(double age) {
  if (!(age > 5.0)) return 1;
  const int k = static_cast<int>(std::ceil(age / 5.0));
  return std::min(k, AgeClassAreas::kClasses);
}

ReportData gather_report_data(const std::string& results, const std::optional<std::string>& parcels,
                              const std::optional<std::string>& map_variable, ReportLang lang) {
  (void)parcels;
  (void)map_variable;
  (void)lang;
  ReportData d;
  d.summary = io::read_summary(results);
  if (!d.summary.complete)
    throw IncompleteResultsError(results +
                                 ": the results file is incomplete (the run did not finish)");
  d.map.absent_reason = "not yet drawn";
  return d;
}

}  // namespace shinrin::app
