#include "credit_report.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "json.hpp"

namespace shinrin::app {
namespace {

std::string fixed(double v, int digits) {
  if (!std::isfinite(v)) return "";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// Which figures rest on unconfirmed values: per species (its factors) and per project number.
struct Unconfirmed {
  std::set<std::string> species;  // species codes with a U factor
  bool buffer = false, rounding = false, replanting = false, cf = false;
  std::vector<std::string> names;  // every U number, for the notes
  explicit Unconfirmed(const io::CreditProject& p) {
    for (const auto& r : p.parameters) {
      if (r.status != Status::unconfirmed) continue;
      names.push_back(r.key + " " + r.name);
      if (r.name == "D" || r.name == "BEF_young" || r.name == "BEF_old" || r.name == "R")
        species.insert(r.key);
      if (r.name == "buffer_share") buffer = true;
      if (r.name == "rounding_step") rounding = true;
      if (r.name == "standard_rotation_age") replanting = true;
      if (r.name == "cf") cf = true;
    }
  }
};

std::string mark(bool u) {
  return u ? " [U]" : "";
}

}  // namespace

void print_credits(const io::ResultsSummary& s) {
  if (s.credits.empty()) return;
  std::printf(
      "credit projects: each scheme's own arithmetic (t CO2 per monitoring period), not the "
      "physical pools\n");
  for (const auto& p : s.credits) {
    std::printf("\n  %s: %s (%s)\n", p.name.c_str(), p.methodology.c_str(), p.title.c_str());
    std::printf("  baseline %s; buffer %.3g of credited; rounded down to %.3g t CO2\n",
                p.baseline.c_str(), p.buffer_share, p.rounding_step);
    if (p.forest) {
      std::printf("  %-9s %9s %10s %10s %10s %10s %10s %10s %10s %9s %9s\n", "period", "area ha",
                  "absorbed", "emitted", "replanted", "products", "net", "baseline", "credited",
                  "buffer", "issued");
    } else {
      std::printf("  %-9s %9s %10s %10s %10s %10s %10s %10s %10s %9s %9s\n", "period", "wood t",
                  "heat GJ", "EM_BL", "EM_PJ", "", "net", "baseline", "credited", "buffer",
                  "issued");
    }
    double issued = 0.0;
    for (const auto& q : p.periods) {
      char period[16];
      std::snprintf(period, sizeof period, q.first_year == q.last_year ? "FY%d" : "FY%d-%02d",
                    q.first_year, q.last_year % 100);
      if (p.forest) {
        std::printf("  %-9s %9.1f %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f %9.1f %9.0f\n",
                    period, q.area, q.absorption, q.emission, q.replanting, q.hwp, q.net,
                    q.baseline_net, q.credited, q.buffer, q.issued);
      } else {
        std::printf("  %-9s %9.1f %10.1f %10.1f %10.1f %10s %10.1f %10.1f %10.1f %9.1f %9.0f\n",
                    period, q.wood_dry_mass, q.useful_heat, q.baseline_emission, q.project_emission,
                    "", q.net, q.baseline_net, q.credited, q.buffer, q.issued);
      }
      issued += q.issued;
    }
    std::printf("  %-9s %9s %10s %10s %10s %10s %10s %10s %10s %9s %9.0f\n", "total", "", "", "",
                "", "", "", "", "", "", issued);
  }
  std::printf(
      "  a net emission earns nothing; shinrin credit RESULTS.h5 writes the monitoring-report "
      "tables\n\n");
}

std::string credits_json(const io::ResultsSummary& s) {
  std::string j = "[";
  for (std::size_t i = 0; i < s.credits.size(); ++i) {
    const auto& p = s.credits[i];
    j += std::string(i ? "," : "") + "\n    {\"name\": " + json_string(p.name) +
         ", \"methodology\": " + json_string(p.methodology) +
         ", \"baseline\": " + json_string(p.baseline) +
         ", \"buffer_share\": " + json_number(p.buffer_share) + ",\n     \"periods\": [";
    for (std::size_t k = 0; k < p.periods.size(); ++k) {
      const auto& q = p.periods[k];
      j += std::string(k ? "," : "") + "\n       {\"first_year\": " + std::to_string(q.first_year) +
           ", \"last_year\": " + std::to_string(q.last_year) +
           ", \"absorption_t_co2\": " + json_number(q.absorption) +
           ", \"emission_t_co2\": " + json_number(q.emission) +
           ", \"replanting_t_co2\": " + json_number(q.replanting) +
           ", \"hwp_t_co2\": " + json_number(q.hwp) + ", \"net_t_co2\": " + json_number(q.net) +
           ", \"baseline_net_t_co2\": " + json_number(q.baseline_net) +
           ", \"credited_t_co2\": " + json_number(q.credited) +
           ", \"buffer_t_co2\": " + json_number(q.buffer) +
           ", \"uncertainty_t_co2\": " + json_number(q.uncertainty) +
           ", \"issued_t_co2\": " + json_number(q.issued) + "}";
    }
    j += "]}";
  }
  return j + "\n  ]";
}

ReportTables report_tables(const io::CreditProject& p, std::size_t period) {
  ReportTables t;
  const Unconfirmed u(p);
  const io::CreditPeriod& q = p.periods[period];
  const bool base = p.baseline != "none";
  if (p.forest) {
    t.strata.push_back({"species", "age class", "parcels", "area [ha]", "stem growth [m3]",
                        "factor [t CO2 m-3]", "absorption [t CO2]", "felled stock [m3]",
                        "felling emission [t CO2]", "replanting [t CO2]", "wood products [t CO2]",
                        "net [t CO2]"});
    if (base) t.strata.front().push_back("baseline net [t CO2]");
    t.strata.front().push_back("rests on unconfirmed values");
    double parcels = 0, area = 0, growth = 0, absorption = 0, felled = 0, emission = 0,
           replanting = 0, hwp = 0, net = 0, bnet = 0;
    for (const auto& st : p.strata) {
      if (st.period != int(period)) continue;
      const bool su = u.species.count(st.species) > 0 || u.cf;
      std::string rests;
      if (su) rests += "factors of " + st.species + (u.cf ? " and CF" : "");
      if (st.emission != 0.0)
        rests += std::string(rests.empty() ? "" : "; ") + "felling emission rule";
      if (st.replanting != 0.0) rests += std::string(rests.empty() ? "" : "; ") + "replanting rule";
      if (st.hwp != 0.0) rests += std::string(rests.empty() ? "" : "; ") + "wood-product rule";
      std::vector<std::string> row = {
          st.species,
          std::to_string(st.age_class),
          fixed(st.parcels, 0),
          fixed(st.area, 2),
          fixed(st.growth_volume, 1),
          st.growth_volume > 0 ? fixed(st.absorption / st.growth_volume, 6) : "",
          fixed(st.absorption, 2),
          fixed(st.felled_volume, 1),
          fixed(st.emission, 2),
          fixed(st.replanting, 2),
          fixed(st.hwp, 2),
          fixed(st.net, 2)};
      if (base) row.push_back(fixed(st.baseline_net, 2));
      row.push_back(rests);
      t.strata.push_back(row);
      parcels += st.parcels;
      area += st.area;
      growth += st.growth_volume;
      absorption += st.absorption;
      felled += st.felled_volume;
      emission += st.emission;
      replanting += st.replanting;
      hwp += st.hwp;
      net += st.net;
      bnet += st.baseline_net;
    }
    std::vector<std::string> total = {"total",
                                      "",
                                      fixed(parcels, 0),
                                      fixed(area, 2),
                                      fixed(growth, 1),
                                      growth > 0 ? fixed(absorption / growth, 6) : "",
                                      fixed(absorption, 2),
                                      fixed(felled, 1),
                                      fixed(emission, 2),
                                      fixed(replanting, 2),
                                      fixed(hwp, 2),
                                      fixed(net, 2)};
    if (base) total.push_back(fixed(bnet, 2));
    total.push_back("");
    t.strata.push_back(total);
  }
  // The chain to the credits issued.
  const bool any_u = !u.species.empty() || u.cf;
  t.chain.push_back({"item", "t CO2", "how", "rests on unconfirmed values"});
  if (p.forest) {
    t.chain.push_back({"absorption", fixed(q.absorption, 2),
                       "sum over strata: A x dV x BEF x (1 + R) x D x CF x 44/12",
                       any_u ? "species factors" : ""});
    t.chain.push_back({"felling emission", fixed(q.emission == 0.0 ? 0.0 : -q.emission, 2),
                       "felled stock x the same factors",
                       q.emission != 0 ? "felling emission rule" : ""});
    t.chain.push_back({"replanting", fixed(q.replanting, 2),
                       "stock at the standard rotation age of replanted stands",
                       q.replanting != 0 ? "replanting rule" + mark(u.replanting) : ""});
    t.chain.push_back({"wood products", fixed(q.hwp, 2),
                       "sawnwood and panels still in use after the horizon",
                       q.hwp != 0 ? "wood-product rule" : ""});
  } else {
    t.chain.push_back({"baseline emission EM_BL", fixed(q.baseline_emission, 2),
                       "baseline fuel for the whole useful heat", ""});
    t.chain.push_back({"project emission EM_PJ", fixed(-q.project_emission, 2),
                       "backup and auxiliary fuel, electricity, transport", ""});
  }
  t.chain.push_back({"net", fixed(q.net, 2), "", ""});
  if (base)
    t.chain.push_back(
        {"baseline net", fixed(-q.baseline_net, 2), "the baseline run by the same arithmetic", ""});
  t.chain.push_back({"credited", fixed(q.credited, 2), base ? "net - baseline net" : "net", ""});
  t.chain.push_back({"buffer", fixed(q.buffer == 0.0 ? 0.0 : -q.buffer, 2),
                     "max(0, credited) x " + fixed(p.buffer_share, 4),
                     u.buffer ? "buffer share" : ""});
  t.chain.push_back({"uncertainty deduction", fixed(q.uncertainty == 0.0 ? 0.0 : -q.uncertainty, 2),
                     "max(0, credited) x " + fixed(p.uncertainty_share, 4), ""});
  t.chain.push_back({"before rounding", fixed(q.before_rounding, 2), "", ""});
  t.chain.push_back({"issued", fixed(q.issued, 0),
                     "rounded down to " + fixed(p.rounding_step, 0) + " t CO2 (0 if negative)",
                     u.rounding ? "rounding rule" : ""});
  // Not creditable.
  t.excluded.push_back({"reason", "area [ha]", "t CO2 not credited", "what it means"});
  if (p.forest && period < p.not_creditable_co2.size()) {
    for (std::size_t r = 0; r < p.reasons.size(); ++r) {
      if (p.not_creditable_area[period][r] == 0.0 && p.not_creditable_co2[period][r] == 0.0)
        continue;
      t.excluded.push_back({p.reasons[r], fixed(p.not_creditable_area[period][r], 2),
                            fixed(p.not_creditable_co2[period][r], 2), p.reason_descriptions[r]});
    }
  }
  // Numbers used.
  t.numbers.push_back({"table", "key", "name", "value", "unit", "status", "source"});
  for (const auto& r : p.parameters) {
    char v[32];
    std::snprintf(v, sizeof v, "%.6g", r.value);
    t.numbers.push_back(
        {r.table, r.key, r.name, v, r.unit, std::string(status_tag(r.status)), r.source});
  }
  return t;
}

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string md_field(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string title_of(const io::CreditProject& p, std::size_t period,
                     const std::string& results_path) {
  const auto& q = p.periods[period];
  return p.name + " - " + p.methodology + " - monitoring period " + std::to_string(period + 1) +
         " (FY" + std::to_string(q.first_year) + "-FY" + std::to_string(q.last_year) + "), from " +
         results_path;
}

}  // namespace

std::string report_csv(const io::CreditProject& p, std::size_t period,
                       const std::string& results_path) {
  const ReportTables t = report_tables(p, period);
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: spreadsheet programs then read UTF-8
  auto line = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv_field(row[i]);
    out += "\r\n";
  };
  line({title_of(p, period, results_path)});
  line({p.title});
  auto section = [&](const char* name, const std::vector<std::vector<std::string>>& rows) {
    if (rows.size() <= 1 && std::string(name) != "credits") return;
    out += "\r\n";
    line({name});
    for (const auto& r : rows) line(r);
  };
  section("chain of calculation by stratum (species x age class at the period start)", t.strata);
  section("credits", t.chain);
  section("not credited, and why", t.excluded);
  section("numbers used (status: C confirmed, C* back-calculated, D derived, U unconfirmed)",
          t.numbers);
  return out;
}

std::string report_markdown(const io::CreditProject& p, std::size_t period,
                            const std::string& results_path) {
  const ReportTables t = report_tables(p, period);
  std::string out = "# " + title_of(p, period, results_path) + "\n\n" + p.title + "\n";
  auto table = [&](const char* name, const std::vector<std::vector<std::string>>& rows) {
    if (rows.size() <= 1) return;
    out += "\n## " + std::string(name) + "\n\n";
    for (std::size_t r = 0; r < rows.size(); ++r) {
      out += "|";
      for (const auto& f : rows[r]) out += " " + md_field(f) + " |";
      out += "\n";
      if (r == 0) {
        out += "|";
        for (std::size_t i = 0; i < rows[0].size(); ++i) out += " --- |";
        out += "\n";
      }
    }
  };
  table("Chain of calculation by stratum (species x age class at the period start)", t.strata);
  table("Credits", t.chain);
  table("Not credited, and why", t.excluded);
  table("Numbers used (status: C confirmed, C* back-calculated, D derived, U unconfirmed)",
        t.numbers);
  return out;
}

}  // namespace shinrin::app
