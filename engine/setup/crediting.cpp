#include "shinrin/setup/crediting.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_map>

#include "shinrin/core/error.hpp"
#include "shinrin/setup/classify.hpp"

namespace shinrin::setup {
namespace {

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

const FieldValues& field_of(const std::vector<FieldValues>& fields, const std::string& name) {
  const auto it = std::find_if(fields.begin(), fields.end(),
                               [&](const FieldValues& f) { return f.field == name; });
  if (it == fields.end()) throw Error("setup: crediting field '" + name + "' was not read");
  return *it;
}

// Whether row i's value of field test `t` means yes.
std::vector<std::uint8_t> field_yes(const io::FieldTest& t,
                                    const std::vector<FieldValues>& fields) {
  const FieldValues& f = field_of(fields, t.field);
  std::vector<std::uint8_t> yes_of_name(f.names.size(), 0);
  for (std::size_t k = 0; k < f.names.size(); ++k) {
    yes_of_name[k] = t.values.empty() ? !f.names[k].empty()
                                      : std::find(t.values.begin(), t.values.end(), f.names[k]) !=
                                            t.values.end();
  }
  std::vector<std::uint8_t> out(f.of_row.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = yes_of_name[f.of_row[i]];
  return out;
}

// The project's numbers: the crediting table's row for its methodology (or "all"), unless the
// project gives its own.
struct Numbers {
  const io::CreditingTable& table;
  const io::ProjectSpec& spec;
  std::vector<ParameterRecord>& records;

  std::optional<double> get(const std::string& name, const std::string& key = "-") {
    for (const auto& o : spec.parameters) {
      if (o.name == name && o.key == key) {
        records.push_back({"scenario", key == "-" ? spec.name : spec.name + ":" + key, name,
                           o.value, "", Status::unconfirmed,
                           "given by project '" + spec.name + "' at " + o.origin});
        return o.value;
      }
    }
    if (const ParameterRecord* r = table.find(spec.methodology.value, key, name)) {
      records.push_back(*r);
      return r->value;
    }
    return std::nullopt;
  }
  double need(const std::string& name, const std::string& why) {
    if (const auto v = get(name)) return *v;
    throw InputError(spec.origin + ": project '" + spec.name + "' (" + spec.methodology.value +
                     ") needs '" + name + "' (" + why +
                     "): give it under the project's 'parameters' or add a row to " + table.path());
  }
};

}  // namespace

std::vector<std::string> crediting_fields(const io::Scenario& s) {
  std::vector<std::string> out;
  if (!s.crediting) return out;
  auto add = [&](const std::string& f) {
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  };
  for (const auto& p : s.crediting->projects) {
    if (p.field) add(p.field->field);
    if (!p.polygons.empty()) add(io::polygon_field(p.polygons, p.polygons_layer));
    if (p.treatment_record_field) add(*p.treatment_record_field);
    if (p.protected_forest) add(p.protected_forest->field);
    if (p.afforested) add(p.afforested->field);
  }
  return out;
}

crediting::Projects bind_crediting(const io::Scenario& s, const Landscape& p,
                                   const SpeciesTable& species, const sim::Model& model,
                                   const fuel::FuelModel& fuel,
                                   const std::map<std::string, io::LandClass>& forest_types,
                                   const std::vector<FieldValues>& fields,
                                   const io::CreditingTable& table) {
  crediting::Projects out;
  const int first_sim = s.start_year, last_sim = s.start_year + s.years - 1;
  double simulated_area = 0.0;
  for (double a : p.area_ha) simulated_area += a;
  const silviculture::Management& m = model.management;

  for (const io::ProjectSpec& spec : s.crediting->projects) {
    crediting::Project pj;
    pj.name = spec.name;
    pj.rules = crediting::find_methodology(spec.methodology.value);
    if (!pj.rules) {
      throw InputError(spec.methodology.origin + ": unknown methodology '" +
                       spec.methodology.value +
                       "' (methodologies: " + crediting::methodology_names() + ")");
    }
    const crediting::Rules& rules = *pj.rules;
    const bool forest = rules.scope == crediting::Scope::forest;
    Numbers num{table, spec, pj.records};

    // Periods: inside the simulated years, the credit period and (J-VER) the crediting window.
    for (const auto& [a, b] : spec.periods) pj.periods.push_back({a, b});
    const int first = pj.first_year(), last = pj.last_year();
    if (first < first_sim || last > last_sim) {
      throw InputError(spec.periods_origin + ": project '" + spec.name + "' covers FY" +
                       std::to_string(first) + "-FY" + std::to_string(last) +
                       ", outside the simulated years FY" + std::to_string(first_sim) + "-FY" +
                       std::to_string(last_sim));
    }
    if (rules.window) {
      const int w0 = int(num.need("window_first", "first fiscal year the scheme credits"));
      const int w1 = int(num.need("window_last", "last fiscal year the scheme credits"));
      if (first < w0 || last > w1) {
        throw InputError(spec.periods_origin + ": " + spec.methodology.value +
                         " credited fiscal years " + std::to_string(w0) + "-" + std::to_string(w1) +
                         " only (J-VER, " + table.path() + "); project '" + spec.name +
                         "' covers FY" + std::to_string(first) + "-FY" + std::to_string(last) +
                         ": simulate from FY" + std::to_string(w0) + " (start_year) to credit it");
      }
    }
    if (const auto max_years = num.get("max_credit_period_years")) {
      if (last - first + 1 > int(*max_years)) {
        throw InputError(spec.periods_origin + ": project '" + spec.name + "' covers " +
                         std::to_string(last - first + 1) + " years; " + spec.methodology.value +
                         " credits at most " + fmt(*max_years) + " (the credit period, extended)");
      }
    }
    (void)num.get("credit_period_years");

    pj.cf = num.need("cf", "carbon fraction of the scheme");
    pj.buffer_share = num.need("buffer_share", "share of credited removals put into the buffer");
    pj.uncertainty_share = num.get("uncertainty_share").value_or(0.0);
    pj.rounding_step = num.need("rounding_step", "credits are rounded down to a multiple of it");
    if (!(pj.buffer_share >= 0.0 && pj.buffer_share < 1.0) ||
        !(pj.uncertainty_share >= 0.0 && pj.uncertainty_share < 1.0) || !(pj.rounding_step > 0.0) ||
        !(pj.cf > 0.0 && pj.cf <= 1.0)) {
      throw InputError(spec.origin + ": project '" + spec.name +
                       "': buffer_share and uncertainty_share must be in [0, 1), rounding_step > "
                       "0, cf in (0, 1]");
    }

    if (!forest) {
      if (spec.boilers.empty()) {
        throw InputError(spec.origin + ": project '" + spec.name + "' (" + spec.methodology.value +
                         ") credits boilers: list them under 'boilers'");
      }
      if (!spec.parcels_origin.empty()) {
        throw InputError(spec.parcels_origin + ": " + spec.methodology.value +
                         " credits boilers, not parcels: remove 'parcels'");
      }
      for (const auto& b : spec.boilers) {
        std::size_t k = 0;
        while (k < fuel.boilers.size() && fuel.boilers[k].name != b.value) ++k;
        if (k == fuel.boilers.size()) {
          std::string known;
          for (const auto& x : fuel.boilers) known += (known.empty() ? "" : ", ") + x.name;
          throw InputError(b.origin + ": no boiler '" + b.value +
                           "' (boilers: " + (known.empty() ? "none" : known) + ")");
        }
        pj.boilers.push_back(static_cast<std::uint16_t>(k));
      }
      out.projects.push_back(std::move(pj));
      continue;
    }
    if (!spec.boilers.empty()) {
      throw InputError(spec.boilers.front().origin + ": " + spec.methodology.value +
                       " credits forest growth, not boilers (use jcredit-en-r-001 or jver-e001)");
    }

    // Parcels: every filter given must hold.
    std::vector<std::uint8_t> chosen(p.size(), 1);
    if (!spec.municipalities.empty()) {
      std::vector<std::uint8_t> ok_m(p.municipality_names.size(), 0);
      for (const auto& name : spec.municipalities) {
        const auto it =
            std::find(p.municipality_names.begin(), p.municipality_names.end(), name.value);
        if (it == p.municipality_names.end()) {
          std::string known;
          for (const auto& x : p.municipality_names) known += (known.empty() ? "" : ", ") + x;
          throw InputError(name.origin + ": no simulated parcel in municipality '" + name.value +
                           "' (municipalities: " + known + ")");
        }
        ok_m[std::size_t(it - p.municipality_names.begin())] = 1;
      }
      for (std::size_t i = 0; i < p.size(); ++i) chosen[i] &= ok_m[p.municipality[i]];
    }
    if (!spec.species.empty()) {
      std::vector<std::uint8_t> ok_s(species.size(), 0);
      for (const auto& code : spec.species) {
        const auto k = species.find(code.value);
        if (!k) throw InputError(code.origin + ": unknown species code '" + code.value + "'");
        ok_s[*k] = 1;
      }
      for (std::size_t i = 0; i < p.size(); ++i) chosen[i] &= ok_s[p.species[i]];
    }
    if (!spec.forest_types.empty()) {
      std::vector<std::uint8_t> ok_f(p.forest_type_names.size(), 0);
      for (const auto& ft : spec.forest_types) {
        const auto it = std::find(p.forest_type_names.begin(), p.forest_type_names.end(), ft.value);
        if (it == p.forest_type_names.end()) {
          throw InputError(ft.origin + ": no simulated parcel of forest type '" + ft.value + "'");
        }
        ok_f[std::size_t(it - p.forest_type_names.begin())] = 1;
      }
      for (std::size_t i = 0; i < p.size(); ++i) chosen[i] &= ok_f[p.forest_type[i]];
    }
    if (!spec.keys.empty()) {
      std::unordered_map<std::string_view, std::uint8_t> listed;
      for (const auto& k : spec.keys) listed.emplace(k.value, 0);
      for (std::size_t i = 0; i < p.size(); ++i) {
        const auto it = listed.find(p.key[i]);
        if (it == listed.end()) {
          chosen[i] = 0;
        } else {
          it->second = 1;
        }
      }
      std::string unknown;
      for (const auto& k : spec.keys) {
        if (!listed[k.value]) unknown += (unknown.empty() ? "'" : ", '") + k.value + "'";
      }
      if (!unknown.empty())
        throw InputError(spec.parcels_origin + ": not simulated parcels: " + unknown);
    }
    if (spec.field) {
      const auto yes = field_yes(*spec.field, fields);
      for (std::size_t i = 0; i < p.size(); ++i) chosen[i] &= yes[i];
    }
    if (!spec.polygons.empty()) {
      const auto yes =
          field_yes({io::polygon_field(spec.polygons, spec.polygons_layer), {"1"}, ""}, fields);
      for (std::size_t i = 0; i < p.size(); ++i) chosen[i] &= yes[i];
    }
    const double area = pj.set_rows(chosen, p.area_ha);
    if (pj.rows.empty()) {
      throw InputError((spec.parcels_origin.empty() ? spec.origin : spec.parcels_origin) +
                       ": project '" + spec.name + "' selects no simulated parcel");
    }

    // Admission rules on area.
    if (rules.min_area_rule) {
      const double min_area = num.need("min_project_area", "smallest project area");
      if (area < min_area) {
        throw InputError(spec.origin + ": project '" + spec.name + "' covers " + fmt(area) +
                         " ha; " + spec.methodology.value + " needs a plan area of at least " +
                         fmt(min_area) + " ha (" + table.path() + ")");
      }
    }
    if (rules.partial_plan_rule) {
      const double plan_area = spec.plan_area_ha.value_or(simulated_area);
      const double min_plan =
          num.need("partial_plan_min_area", "smallest plan of which a part may be a project");
      if (area < plan_area * (1.0 - 1e-9) && plan_area < min_plan) {
        throw InputError(
            spec.origin + ": project '" + spec.name + "' is a part (" + fmt(area) +
            " ha) of a forest management plan of " + fmt(plan_area) + " ha" +
            (spec.plan_area_ha
                 ? ""
                 : " (every simulated parcel; give plan_area_ha if the plan is larger)") +
            "; " + spec.methodology.value + " admits a part only of a plan of " + fmt(min_plan) +
            " ha or more: select every parcel of the plan");
      }
    }

    // Growth reading, optional claims, thresholds.
    pj.growth = spec.growth == "age_class_table" ? crediting::GrowthReading::age_class_table
                                                 : crediting::GrowthReading::yield_curve;
    if (spec.replanting && !rules.replanting_rule) {
      throw InputError(spec.origin + ": " + spec.methodology.value +
                       " has no replanting rule (replanting: true)");
    }
    if (spec.hwp && !rules.hwp) {
      throw InputError(spec.origin + ": " + spec.methodology.value +
                       " does not credit wood products (hwp: true)");
    }
    pj.replanting = spec.replanting;
    pj.hwp = spec.hwp;
    if (pj.hwp) {
      if (!model.carbon_enabled) {
        throw InputError(spec.origin +
                         ": hwp: true needs the 'carbon' section (wood-product half-lives)");
      }
      const double years = num.need("hwp_years", "years wood products must stay in use");
      pj.hwp_retained_sawnwood = std::exp(-model.hwp.sawnwood.k * years);
      pj.hwp_retained_panels = std::exp(-model.hwp.panels.k * years);
    }
    if (rules.eligibility == crediting::Eligibility::treated_plantation ||
        rules.eligibility == crediting::Eligibility::thinned) {
      pj.treatment_since =
          int(num.need("treatment_since", "first fiscal year a treatment record counts"));
    }
    pj.standard_rotation_age.assign(species.size(), 0);
    if (pj.replanting) {
      std::set<std::string> codes;
      for (const auto& k : table.keys(spec.methodology.value, "standard_rotation_age"))
        codes.insert(k);
      for (const auto& o : spec.parameters) {
        if (o.name == "standard_rotation_age") codes.insert(o.key);
      }
      for (const auto& code : codes) {
        const auto k = species.find(code);
        if (!k)
          throw InputError(spec.origin + ": standard_rotation_age of unknown species '" + code +
                           "'");
        pj.standard_rotation_age[*k] = int(*num.get("standard_rotation_age", code));
      }
    }

    // The register's view of each project parcel.
    const std::size_t n = pj.rows.size();
    if (spec.treatment_record_field) {
      const FieldValues& f = field_of(fields, *spec.treatment_record_field);
      std::vector<int> year_of_name(f.names.size(), 0);
      std::string bad;
      for (std::size_t k = 0; k < f.names.size(); ++k) {
        const std::string& t = f.names[k];
        if (t.empty()) continue;
        int y = 0;
        const auto r = std::from_chars(t.data(), t.data() + t.size(), y);
        if (r.ec != std::errc{} || r.ptr != t.data() + t.size() || y < 0 || y > 3000) {
          bad += (bad.empty() ? "'" : ", '") + t + "'";
          continue;
        }
        year_of_name[k] = y;
      }
      if (!bad.empty()) {
        throw InputError(s.parcels_path + ": field '" + *spec.treatment_record_field +
                         "' (treatment_record of project '" + spec.name +
                         "') holds values that are not years: " + bad);
      }
      for (std::size_t r = 0; r < n; ++r)
        pj.record_year[r] = static_cast<std::int16_t>(year_of_name[f.of_row[pj.rows[r]]]);
    }
    const std::vector<std::uint8_t> natural_type = natural_forest_types(p, forest_types);
    for (std::size_t r = 0; r < n; ++r) pj.natural[r] = natural_type[p.forest_type[pj.rows[r]]];
    if (spec.protected_forest) {
      const auto yes = field_yes(*spec.protected_forest, fields);
      for (std::size_t r = 0; r < n; ++r) pj.protected_forest[r] = yes[pj.rows[r]];
    }
    if (spec.afforested) {
      const auto yes = field_yes(*spec.afforested, fields);
      for (std::size_t r = 0; r < n; ++r) pj.afforested[r] = yes[pj.rows[r]];
    } else if (rules.eligibility == crediting::Eligibility::afforested) {
      throw InputError(spec.origin + ": " + spec.methodology.value +
                       " needs 'afforested' (a register field marking parcels planted on land that "
                       "was not forest)");
    }

    // Baseline.
    if (spec.baseline == "unmanaged") {
      pj.baseline = crediting::Baseline::unmanaged;
    } else if (spec.baseline == "regimes") {
      pj.baseline = crediting::Baseline::regimes;
      pj.baseline_regime.resize(m.regimes.size());
      for (std::size_t r = 0; r < m.regimes.size(); ++r)
        pj.baseline_regime[r] = static_cast<std::uint16_t>(r);
      auto index_of = [&](const io::Located& where, const std::string& name) -> std::uint16_t {
        if (name == "none") return kNoRegime;
        for (std::size_t r = 0; r < m.regimes.size(); ++r) {
          if (m.regimes[r].name == name) return static_cast<std::uint16_t>(r);
        }
        std::string known;
        for (const auto& x : m.regimes) known += (known.empty() ? "" : ", ") + x.name;
        throw InputError(where.origin + ": no regime '" + name + "' (regimes: " + known +
                         ", or none)");
      };
      for (const auto& [from, to] : spec.baseline_regimes) {
        const std::uint16_t f = index_of(from, from.value);
        if (f == kNoRegime)
          throw InputError(from.origin + ": 'none' is not a regime of the project");
        pj.baseline_regime[f] = index_of(from, to);
      }
    }
    out.projects.push_back(std::move(pj));
  }
  // One baseline run serves every project: their baselines must agree.
  const crediting::Project* first_base = nullptr;
  for (const auto& pj : out.projects) {
    if (pj.baseline == crediting::Baseline::none) continue;
    if (!first_base) {
      first_base = &pj;
    } else if (pj.baseline != first_base->baseline ||
               pj.baseline_regime != first_base->baseline_regime) {
      throw InputError(s.file + ": projects '" + first_base->name + "' and '" + pj.name +
                       "' have different baselines; one run holds one baseline");
    }
  }
  return out;
}

}  // namespace shinrin::setup
