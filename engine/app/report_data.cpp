#include "report_data.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "map_svg.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/parcel_outlines.hpp"
#include "shinrin/io/results_tables.hpp"
#include "shinrin/io/results_writer.hpp"
#include "shinrin/simulation/outputs.hpp"

namespace shinrin::app {
namespace {

//! Area by age class at the start from the parcels' initial ages (files before format 3.1).
std::vector<double> start_areas(const io::ParcelColumns& p) {
  std::vector<double> area(sim::kAgeClassCount, 0.0);
  for (std::size_t i = 0; i < p.size(); ++i)
    area[sim::age_class_index(p.initial_age[i])] += p.area[i];
  return area;
}

void add_static_variables(const io::ResultsTables& t, ReportLang lang, ReportData& d) {
  const auto& p = t.parcels;
  MapVariable age{"initial_age", std::string(report_label(lang, "initial_age")), {}, {}};
  MapVariable area{"area", std::string(report_label(lang, "area")), p.area, {}};
  for (int a : p.initial_age) age.values.push_back(a);
  d.map_variables.push_back(std::move(age));
  d.map_variables.push_back(std::move(area));
  auto categorical = [&](const char* name, const std::vector<std::string>& labels) {
    MapVariable v{name, std::string(report_label(lang, name)), {}, {}};
    for (const auto& x : labels) {
      auto it = std::find(v.categories.begin(), v.categories.end(), x);
      if (it == v.categories.end()) it = v.categories.insert(v.categories.end(), x);
      v.values.push_back(static_cast<double>(it - v.categories.begin()));
    }
    // Categories in name order, values renumbered.
    std::vector<std::string> sorted = v.categories;
    std::sort(sorted.begin(), sorted.end());
    for (auto& x : v.values) {
      const auto& name_of = v.categories[static_cast<std::size_t>(x)];
      x = static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), name_of) -
                              sorted.begin());
    }
    v.categories = std::move(sorted);
    d.map_variables.push_back(std::move(v));
  };
  categorical("species", p.species);
  bool several = false;
  for (const auto& m : p.municipality) several = several || m != p.municipality.front();
  if (several) categorical("municipality", p.municipality);
}

//! The per-parcel series at the last output year, one map variable each.
void add_series_variables(const std::string& results, const io::ResultsTables& t, ReportLang lang,
                          ReportData& d) {
  if (t.output_year.empty() || t.series.empty()) return;
  const io::ParcelSeriesReader reader(results);
  const std::size_t years = reader.output_years(), last = years - 1;
  for (const auto& s : t.series) {
    if (s.name == "operation") continue;  // a code, not a quantity
    const std::vector<float> all = reader.read(s.name);
    MapVariable v;
    v.name = s.name;
    // A flux written every k > 1 years is the sum over the years since the previous output year.
    const int to = t.output_year[last];
    const int from = s.is_flux && last > 0 ? t.output_year[last - 1] + 1 : to;
    const std::string years_text =
        from == to ? std::to_string(to) : std::to_string(from) + "–" + std::to_string(to);
    if (lang == ReportLang::ja) {
      const auto ja = find_report_label(lang, "pv_" + s.name);
      v.label = std::string(ja ? *ja : s.long_name) + " [" + s.units + "]（" + years_text +
                (from == to ? "年度）" : "年度の合計）");
    } else {
      v.label = s.long_name + " [" + s.units + "], " +
                (from == to ? "fiscal year " : "sum over fiscal years ") + years_text;
    }
    v.values.reserve(reader.parcels());
    for (std::size_t i = 0; i < reader.parcels(); ++i) v.values.push_back(all[i * years + last]);
    d.map_variables.push_back(std::move(v));
  }
}

void draw_map(const io::ResultsTables& t, const std::optional<std::string>& parcels,
              ReportData& d) {
  ReportMap& m = d.map;
  std::string layer = t.source.layer;
  std::vector<std::string> options = t.source.open_options;
  if (parcels) {
    m.source = *parcels;
    layer.clear();  // another file: its first layer
  } else {
    m.source = t.source.path;
  }
  if (m.source.empty()) {
    m.absent_reason = "the results file records no parcel layer (give --parcels SOURCE)";
    return;
  }
  std::error_code ec;
  if (!std::filesystem::exists(m.source, ec)) {
    if (parcels) throw InputError("--parcels '" + *parcels + "': no such file");
    m.absent_reason = "the parcel layer the run read, '" + m.source +
                      "', is not there any more (give --parcels SOURCE)";
    return;
  }
  std::vector<io::ParcelOutline> outlines;
  try {
    outlines = io::read_parcel_outlines(m.source, layer, options, t.parcels.source_fid);
  } catch (const InputError& e) {
    if (parcels) throw;
    m.absent_reason = e.what();
    return;
  }
  // The join is on feature ids: a layer edited since the run may put them on other polygons.
  if (!t.source.sha256.empty() && io::file_sha256(m.source) != t.source.sha256)
    m.changed = parcels ? "--parcels '" + m.source + "' is not byte for byte the layer the run read"
                        : "the layer '" + m.source + "' has changed since the run";
  MapSvg svg = map_svg(outlines);
  if (svg.paths == 0) {
    m.absent_reason = "no feature of '" + m.source + "' has the source_fid of a simulated parcel";
    return;
  }
  m.svg = std::move(svg.svg);
  m.paths = svg.paths;
  m.parcels_without_geometry = svg.missing;
}

}  // namespace

ReportData gather_report_data(const std::string& results, const std::optional<std::string>& parcels,
                              const std::optional<std::string>& map_variable, ReportLang lang) {
  io::ResultsTables t = io::read_results_tables(results);
  ReportData d;
  d.summary = t.summary;
  if (!d.summary.complete)
    throw IncompleteResultsError(results +
                                 ": the results file is incomplete (the run did not finish)");
  for (const auto& in : t.inputs) d.inputs.push_back({in.role, in.path, in.sha256});
  d.parcel_ids = t.parcels.id;

  AgeClassAreas& a = d.age_classes;
  const io::AgeClassSummary& classes = d.summary.age_classes;
  if (!d.summary.year.empty()) {
    a.start_year = d.summary.year.front();
    a.end_year = d.summary.year.back();
  }
  if (!classes.area.empty()) {  // format 3.1 on: every class and year in the file
    a.first_age = classes.first_age;
    a.last_age = classes.last_age;
    for (const auto& per_year : classes.area) {
      a.start.push_back(per_year.front());
      a.end.push_back(per_year.back());
    }
  } else if (t.parcels.size() > 0) {
    for (std::size_t k = 0; k < sim::kAgeClassCount; ++k) {
      a.first_age.push_back(sim::age_class_first_age(k));
      a.last_age.push_back(sim::age_class_last_age(k));
    }
    a.start = start_areas(t.parcels);
    a.from_parcels = true;
  }

  add_static_variables(t, lang, d);
  add_series_variables(results, t, lang, d);
  d.map_variable = map_variable.value_or("initial_age");
  const auto known = std::find_if(d.map_variables.begin(), d.map_variables.end(),
                                  [&](const MapVariable& v) { return v.name == d.map_variable; });
  if (known == d.map_variables.end()) {
    std::string names;
    for (const auto& v : d.map_variables) names += (names.empty() ? "" : ", ") + v.name;
    throw InputError("option --map-variable: '" + d.map_variable + "' is not a variable of " +
                     results + " (it has " + names + ")");
  }
  draw_map(t, parcels, d);
  return d;
}

}  // namespace shinrin::app
