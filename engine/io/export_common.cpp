#include "export_common.hpp"

#include "register_text.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <iterator>

#include "shinrin/core/error.hpp"
#include "shinrin/io/results_writer.hpp"

namespace shinrin::io::exporting {

std::vector<Sheet> aggregate_sheets(const ResultsTables& t) {
  std::vector<SheetColumn> agg_columns;
  for (std::size_t v = 0; v < sim::kAggVarCount; ++v) {
    const auto& info = sim::agg_var_info(sim::AggVar(v));
    agg_columns.push_back(
        {std::string(info.name), std::string(info.units), std::string(info.long_name)});
  }
  std::vector<Sheet> out;
  Sheet totals;
  totals.name = "totals";
  totals.labels = {"total"};
  totals.columns = agg_columns;
  for (std::size_t v = 0; v < sim::kAggVarCount; ++v)
    totals.values.push_back({t.summary.totals[v]});
  out.push_back(std::move(totals));
  for (const GroupTable& g : t.groups) {
    Sheet s;
    s.name = s.group_column = g.dim;
    s.labels = g.labels;
    s.columns = agg_columns;
    s.values = g.values;
    out.push_back(std::move(s));
  }
  const AgeClassSummary& a = t.summary.age_classes;
  if (!a.area.empty()) {
    Sheet s;
    s.name = s.group_column = "age_class";
    s.integer_labels = true;
    s.detail_column = "ages";
    for (std::size_t k = 0; k < a.area.size(); ++k) {
      s.labels.push_back(std::to_string(k + 1));
      const int first = k < a.first_age.size() ? a.first_age[k] : 0;
      const int last = k < a.last_age.size() ? a.last_age[k] : -1;
      s.details.push_back(std::to_string(first) +
                          (last < 0 ? std::string("+") : "-" + std::to_string(last)));
    }
    const std::vector<std::vector<double>>* per_var[] = {&a.area, &a.stem_volume, &a.carbon_ag,
                                                         &a.carbon_bg};
    static_assert(std::size(per_var) == sim::kAgeClassVarCount);
    for (std::size_t v = 0; v < sim::kAgeClassVarCount; ++v) {
      const auto& info = sim::age_class_var_info(sim::AgeClassVar(v));
      s.columns.push_back(
          {std::string(info.name), std::string(info.units), std::string(info.long_name)});
      s.values.push_back(*per_var[v]);
    }
    out.push_back(std::move(s));
  }
  return out;
}

const char* state_of(std::size_t t) {
  return t == 0 ? "initial" : "end of year";
}

std::string shortest(double v) {
  if (std::isnan(v)) return "";
  char buf[40];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string temp_name(const std::string& path) {
  return temp_path_for(path, ::getpid());
}

std::string trimmed(const std::string& s) {
  return std::string(trim_register_text(s));
}

}  // namespace shinrin::io::exporting
