#include "html_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "chartjs.hpp"
#include "json.hpp"
#include "report_script.hpp"
#include "shinrin/simulation/outputs.hpp"

namespace shinrin::app {
namespace {

using sim::AggVar;

//! A number for a table cell: `decimals` places, thousands grouped; "–" for NaN.
std::string cell_number(double v, int decimals) {
  if (!std::isfinite(v)) return "–";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
  std::string digits = buf;
  const auto dot = digits.find('.');
  std::string whole = digits.substr(0, dot), out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  if (dot != std::string::npos) out += digits.substr(dot);
  const bool zero = out.find_first_not_of("0.,") == std::string::npos;
  return (v < 0 && !zero ? "−" : "") + out;
}

//! A JSON number with 6 significant digits (the page shows no more); null for NaN and inf.
std::string short_number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string json_array(const std::vector<double>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + short_number(values[i]);
  return out + "]";
}

std::string json_strings(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + json_string(values[i]);
  return out + "]";
}

//! JSON text made safe inside <script>: no "<" at all (so no "</script>" and no "<!--").
std::string script_safe(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

class Page {
 public:
  Page(const ReportData& d, ReportLang lang) : d_(d), s_(d.summary), lang_(lang) {}

  std::string build() {
    head();
    out_ += "<body>\n";
    header();
    overview();
    provenance();
    handling();
    yearly();
    charts();
    age_classes();
    map();
    unconfirmed();
    out_ += "<p class=\"note\">" + lx("generated_by") + " <span class=\"code\">" +
            html_escape(s_.path) + "</span></p>\n</main>\n";
    out_ += "<pre id=\"report-check\"></pre>\n";
    out_ += "<script>\n" + std::string(chartjs_source()) + "\n</script>\n";
    out_ += "<script>\nvar REPORT=" + script_safe(data_json()) + ";\n</script>\n";
    out_ += "<script>" + std::string(report_script()) + "</script>\n";
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  std::string_view l(std::string_view key) const { return report_label(lang_, key); }
  std::string lx(std::string_view key) const { return html_escape(std::string(l(key))); }
  double total(AggVar v, std::size_t t) const { return s_.totals[static_cast<std::size_t>(v)][t]; }
  std::vector<double> totals(AggVar v) const { return s_.totals[static_cast<std::size_t>(v)]; }

  void row(std::initializer_list<std::string> cells, std::initializer_list<bool> numeric = {}) {
    out_ += "<tr>";
    auto n = numeric.begin();
    for (const auto& c : cells) {
      const bool num = n != numeric.end() && *n;
      if (n != numeric.end()) ++n;
      out_ += num ? "<td class=\"n\">" : "<td>";
      out_ += c + "</td>";
    }
    out_ += "</tr>\n";
  }

  void head() {
    out_ +=
        "<!DOCTYPE html>\n<html lang=\"" + std::string(report_lang_tag(lang_)) + "\">\n<head>\n";
    out_ += "<meta charset=\"utf-8\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<title>" + lx("title") + " – " + html_escape(s_.title) + "</title>\n";
    out_ += "<style>" + std::string(report_style()) + "</style>\n";
    out_ += "<script>" + std::string(report_error_catcher()) + "</script>\n";
    out_ += "</head>\n";
  }

  void header() {
    out_ += "<header><h1>" + lx("title") + "</h1><p>" + html_escape(s_.title) + "</p></header>\n";
    out_ += "<nav>";
    for (const char* k :
         {"overview", "handling", "yearly", "charts", "age_classes", "map", "unconfirmed"})
      out_ += "<a href=\"#" + std::string(k) + "\">" + lx(k) + "</a>";
    out_ += "</nav>\n<main>\n";
    out_ += "<noscript><p class=\"note\">" + lx("script_needed") + "</p></noscript>\n";
  }

  void overview() {
    out_ += "<h2 id=\"overview\">" + lx("overview") + "</h2>\n<table>\n";
    row({lx("results_file"), "<span class=\"code\">" + html_escape(s_.path) + "</span>"});
    row({lx("parcels_simulated"), cell_number(static_cast<double>(s_.parcels), 0)}, {false, true});
    row({lx("simulated_area"), cell_number(s_.total_area_ha, 2)}, {false, true});
    if (!s_.year.empty())
      row({lx("fiscal_years"),
           std::to_string(s_.start_year) + "–" + std::to_string(s_.start_year + s_.years - 1)});
    out_ += "</table>\n";
  }

  void provenance() {
    out_ += "<h3 id=\"provenance\">" + lx("provenance") + "</h3>\n<table>\n";
    auto code = [](const std::string& t) {
      return "<span class=\"code\">" + html_escape(t) + "</span>";
    };
    row({lx("format"),
         std::to_string(s_.format_version[0]) + "." + std::to_string(s_.format_version[1])});
    row({lx("engine_version"), html_escape(s_.engine_version)});
    row({lx("git_sha"), code(s_.git_sha)});
    row({lx("date"), html_escape(s_.date_and_time)});
    row({lx("command_line"), code(s_.command_line)});
    row({lx("scenario_sha256"), code(s_.scenario_sha256)});
    if (!s_.carbon_pools_off.empty())
      row({lx("carbon_pools_off"), html_escape(s_.carbon_pools_off)});
    if (!s_.initial_stocks.empty()) row({lx("initial_stocks"), html_escape(s_.initial_stocks)});
    out_ += "</table>\n<h3>" + lx("inputs") + "</h3>\n";
    if (d_.inputs.empty()) {
      out_ += "<p class=\"note\">" + lx("no_inputs") + "</p>\n";
      return;
    }
    out_ += "<div class=\"wide\"><table id=\"inputs-table\"><thead><tr><th>" + lx("role") +
            "</th><th>" + lx("path") + "</th><th>" + lx("sha256") + "</th></tr></thead><tbody>\n";
    for (const auto& in : d_.inputs) row({html_escape(in.role), code(in.path), code(in.sha256)});
    out_ += "</tbody></table></div>\n";
  }

  void handling() {
    out_ += "<h2 id=\"handling\">" + lx("handling") + "</h2>\n";
    out_ += "<table id=\"handling-table\"><thead><tr><th>" + lx("handling_class") + "</th><th>" +
            lx("records") + "</th><th>" + lx("hectares") + "</th></tr></thead><tbody>\n";
    double records = 0, hectares = 0;
    const auto keys = report_label_keys();
    for (std::size_t i = 0; i < s_.handling_class.size(); ++i) {
      const std::string& c = s_.handling_class[i];
      const bool known = std::find(keys.begin(), keys.end(), c) != keys.end();
      const std::string name =
          known ? lx(c) + " <span class=\"code\">(" + html_escape(c) + ")</span>" : html_escape(c);
      row({name, cell_number(static_cast<double>(s_.handling_records[i]), 0),
           cell_number(s_.handling_hectares[i], 2)},
          {false, true, true});
      records += static_cast<double>(s_.handling_records[i]);
      hectares += s_.handling_hectares[i];
    }
    out_ += "</tbody><tfoot>";
    row({lx("all_records"), cell_number(records, 0), cell_number(hectares, 2)},
        {false, true, true});
    out_ += "</tfoot></table>\n";
    if (s_.implausible_age_records > 0)
      out_ += "<p class=\"warn\">" + lx("warning_age") + " " +
              std::to_string(s_.implausible_age_above_years) + ": " +
              std::to_string(s_.implausible_age_records) + "</p>\n";
    if (s_.unusable_area_records > 0)
      out_ += "<p class=\"warn\">" + lx("warning_area") + ": " +
              std::to_string(s_.unusable_area_records) + "</p>\n";
  }

  double biomass(std::size_t t) const {
    return total(AggVar::carbon_ag, t) + total(AggVar::carbon_bg, t);
  }
  double dom(std::size_t t) const {
    return total(AggVar::carbon_dead_wood, t) + total(AggVar::carbon_litter, t) +
           total(AggVar::carbon_soil, t);
  }
  double hwp(std::size_t t) const {
    return total(AggVar::carbon_hwp_sawnwood, t) + total(AggVar::carbon_hwp_panels, t) +
           total(AggVar::carbon_hwp_paper, t);
  }
  double harvested(std::size_t t) const {
    return total(AggVar::sawlog_volume, t) + total(AggVar::other_industrial_volume, t) +
           total(AggVar::fuelwood_volume, t);
  }

  void yearly() {
    out_ += "<h2 id=\"yearly\">" + lx("yearly") + "</h2>\n<div class=\"wide\">";
    out_ += "<table id=\"yearly-table\"><thead><tr>";
    for (const char* k :
         {"fiscal_year", "stem_volume", "biomass_c", "dom_c", "hwp_c", "co2_removal",
          "co2_emission", "thinned_area", "felled_area", "harvested"})
      out_ += "<th>" + lx(k) + "</th>";
    out_ += "</tr></thead><tbody>\n";
    double removal = 0, emission = 0, thinned = 0, felled = 0, cut = 0;
    for (std::size_t t = 0; t < s_.year.size(); ++t) {
      const std::string year = std::to_string(s_.year[t]) + (t == 0 ? " " + lx("initial") : "");
      if (t == 0) {
        row({year, cell_number(total(AggVar::stem_volume, t), 1), cell_number(biomass(t), 1),
             cell_number(dom(t), 1), cell_number(hwp(t), 1), "", "", "", "", ""},
            {false, true, true, true, true});
        continue;
      }
      removal += total(AggVar::co2_removal, t);
      emission += total(AggVar::co2_emission, t);
      thinned += total(AggVar::thinned_area, t);
      felled += total(AggVar::felled_area, t);
      cut += harvested(t);
      row({year, cell_number(total(AggVar::stem_volume, t), 1), cell_number(biomass(t), 1),
           cell_number(dom(t), 1), cell_number(hwp(t), 1),
           cell_number(total(AggVar::co2_removal, t), 1),
           cell_number(total(AggVar::co2_emission, t), 1),
           cell_number(total(AggVar::thinned_area, t), 2),
           cell_number(total(AggVar::felled_area, t), 2), cell_number(harvested(t), 1)},
          {false, true, true, true, true, true, true, true, true, true});
    }
    out_ += "</tbody><tfoot>";
    row({lx("sum"), "", "", "", "", cell_number(removal, 1), cell_number(emission, 1),
         cell_number(thinned, 2), cell_number(felled, 2), cell_number(cut, 1)},
        {false, true, true, true, true, true, true, true, true, true});
    out_ += "</tfoot></table></div>\n<p class=\"note\">" + lx("yearly_note") + "</p>\n";
  }

  void chart_box(const char* id, const char* title) {
    out_ += "<div class=\"chart\"><h3>" + lx(title) + "</h3><div class=\"box\"><canvas id=\"" +
            std::string(id) + "\"></canvas></div></div>\n";
  }

  void charts() {
    out_ += "<h2 id=\"charts\">" + lx("charts") + "</h2>\n<div class=\"charts\">\n";
    chart_box("chart-stocks", "chart_stocks");
    chart_box("chart-flux", "chart_flux");
    chart_box("chart-harvest-area", "chart_harvest_area");
    chart_box("chart-harvest-streams", "chart_harvest_streams");
    out_ += "</div>\n";
  }

  void age_classes() {
    out_ += "<h2 id=\"age_classes\">" + lx("age_classes") + "</h2>\n";
    const auto& a = d_.age_classes;
    if (a.start.empty()) {
      out_ += "<p class=\"note\">" + lx("age_absent") + "</p>\n";
      return;
    }
    out_ += "<div class=\"charts\">";
    chart_box("chart-age", "age_classes");
    out_ += "</div>\n<p class=\"note\">" + lx("age_classes_note") + "</p>\n";
    if (a.end.empty())
      out_ += "<p class=\"note\" id=\"age-end-absent\">" + lx("age_end_absent") + "</p>\n";
  }

  void map() {
    out_ += "<h2 id=\"map\">" + lx("map") + "</h2>\n";
    const auto& m = d_.map;
    if (m.svg.empty()) {
      out_ += "<p class=\"warn\" id=\"map-absent\">" + lx("map_absent") + ": " +
              html_escape(m.absent_reason) + "</p>\n";
      return;
    }
    if (!m.changed.empty())
      out_ += "<p class=\"warn\" id=\"map-changed\">" + lx("map_changed") + " (" +
              html_escape(m.changed) + ")</p>\n";
    out_ += "<div id=\"map-wrap\"><label>" + lx("map_variable") +
            " <select id=\"map-variable\"></select></label>\n<div id=\"map-legend\"></div>\n";
    out_ += m.svg;
    out_ += "\n<div id=\"map-info\"></div></div>\n<p class=\"note\">" + lx("map_note") +
            " <span class=\"code\">" + html_escape(m.source) + "</span></p>\n";
  }

  void unconfirmed() {
    out_ += "<h2 id=\"unconfirmed\">" + lx("unconfirmed") + "</h2>\n";
    const auto u = unconfirmed_only(s_.parameters);
    if (u.empty()) {
      out_ += "<p>" + lx("unconfirmed_none") + "</p>\n";
      return;
    }
    out_ += "<p class=\"note\">" + lx("unconfirmed_note") + "</p>\n<div class=\"wide\">";
    out_ += "<table id=\"unconfirmed-table\"><thead><tr>";
    for (const char* k : {"table", "key", "name", "value", "unit", "source"})
      out_ += "<th>" + lx(k) + "</th>";
    out_ += "</tr></thead><tbody>\n";
    for (const auto& p : u) {
      char value[32];
      std::snprintf(value, sizeof value, "%g", p.value);
      row({"<span class=\"code\">" + html_escape(p.table) + "</span>", html_escape(p.key),
           html_escape(p.name), value, html_escape(p.unit), html_escape(p.source)},
          {false, false, false, true});
    }
    out_ += "</tbody></table></div>\n";
  }

  std::string data_json() const {
    std::string j = "{\"lang\":" + json_string(std::string(report_lang_tag(lang_)));
    j += ",\"years\":[";
    for (std::size_t t = 0; t < s_.year.size(); ++t)
      j += (t ? "," : "") + std::to_string(s_.year[t]);
    j += "],\"labels\":{";
    bool first = true;
    for (auto k : report_label_keys()) {
      j += (first ? "" : ",") + json_string(std::string(k)) + ":" + json_string(std::string(l(k)));
      first = false;
    }
    j += "},\"stocks\":{";
    const std::pair<const char*, AggVar> pools[] = {
        {"carbon_ag", AggVar::carbon_ag},
        {"carbon_bg", AggVar::carbon_bg},
        {"carbon_dead_wood", AggVar::carbon_dead_wood},
        {"carbon_litter", AggVar::carbon_litter},
        {"carbon_soil", AggVar::carbon_soil},
        {"carbon_hwp_sawnwood", AggVar::carbon_hwp_sawnwood},
        {"carbon_hwp_panels", AggVar::carbon_hwp_panels},
        {"carbon_hwp_paper", AggVar::carbon_hwp_paper}};
    first = true;
    for (const auto& [name, v] : pools) {
      j += (first ? "\"" : ",\"") + std::string(name) + "\":" + json_array(totals(v));
      first = false;
    }
    j += "},\"flux\":{\"removal\":" + json_array(totals(AggVar::co2_removal)) +
         ",\"emission\":" + json_array(totals(AggVar::co2_emission)) + "}";
    j += ",\"harvest\":{\"thinned\":" + json_array(totals(AggVar::thinned_area)) +
         ",\"felled\":" + json_array(totals(AggVar::felled_area)) + "}";
    j += ",\"streams\":{";
    const std::pair<const char*, AggVar> streams[] = {
        {"sawlog", AggVar::sawlog_volume},
        {"other_industrial", AggVar::other_industrial_volume},
        {"fuelwood", AggVar::fuelwood_volume},
        {"stems_left", AggVar::stems_left_volume},
        {"residues_collected", AggVar::residues_collected_volume},
        {"residues_left", AggVar::residues_left_volume}};
    first = true;
    for (const auto& [name, v] : streams) {
      j += (first ? "\"" : ",\"") + std::string(name) + "\":" + json_array(totals(v));
      first = false;
    }
    j += "}";
    const auto& a = d_.age_classes;
    if (!a.start.empty()) {
      std::vector<std::string> names;
      for (std::size_t k = 0; k < a.first_age.size(); ++k) {
        const std::string years = a.last_age[k] < 0 ? std::to_string(a.first_age[k]) + "+"
                                                    : std::to_string(a.first_age[k]) + "–" +
                                                          std::to_string(a.last_age[k]);
        names.push_back(lang_ == ReportLang::ja
                            ? std::to_string(k + 1) + "齢級 (" + years + "年)"
                            : "class " + std::to_string(k + 1) + " (" + years + " y)");
      }
      j += ",\"age\":{\"labels\":" + json_strings(names) + ",\"start\":" + json_array(a.start) +
           ",\"start_year\":" + std::to_string(a.start_year) +
           ",\"end\":" + (a.end.empty() ? std::string("null") : json_array(a.end)) +
           ",\"end_year\":" + std::to_string(a.end_year) + "}";
    }
    if (!d_.map.svg.empty()) {
      j += ",\"map\":{\"selected\":" + json_string(d_.map_variable) +
           ",\"ids\":" + json_strings(d_.parcel_ids) + ",\"variables\":[";
      for (std::size_t i = 0; i < d_.map_variables.size(); ++i) {
        const auto& v = d_.map_variables[i];
        j += (i ? ",{" : "{") + std::string("\"name\":") + json_string(v.name) +
             ",\"label\":" + json_string(v.label) + ",\"values\":" + json_array(v.values) +
             ",\"categories\":" + json_strings(v.categories) + "}";
      }
      j += "]}";
    }
    return j + "}";
  }

  const ReportData& d_;
  const io::ResultsSummary& s_;
  ReportLang lang_;
  std::string out_;
};

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string html_report(const ReportData& data, ReportLang lang) {
  return Page(data, lang).build();
}

}  // namespace shinrin::app
