#include "export_common.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <iterator>

#include "shinrin/core/error.hpp"

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
  return path + ".tmp-" + std::to_string(::getpid());
}

void sync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw OutputError("cannot open '" + path + "' to sync it (" + std::strerror(errno) + ")");
  const int rc = ::fsync(fd);
  const int e = errno;
  ::close(fd);
  if (rc != 0)
    throw OutputError("failed to write '" + path + "' to disk (" + std::strerror(e) + ")");
}

void sync_folder_of(const std::string& path) {
  const auto folder = std::filesystem::path(path).parent_path();
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

std::string trimmed(const std::string& s) {
  std::string_view v = s;
  constexpr std::string_view kWide = "\u3000";
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  for (;;) {
    if (!v.empty() && space(v.front())) {
      v.remove_prefix(1);
    } else if (v.substr(0, kWide.size()) == kWide) {
      v.remove_prefix(kWide.size());
    } else if (!v.empty() && space(v.back())) {
      v.remove_suffix(1);
    } else if (v.size() >= kWide.size() && v.substr(v.size() - kWide.size()) == kWide) {
      v.remove_suffix(kWide.size());
    } else {
      break;
    }
  }
  return std::string(v);
}

}  // namespace shinrin::io::exporting
