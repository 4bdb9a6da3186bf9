#include "shinrin/io/run_setup.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "shinrin/core/error.hpp"
#include "shinrin/core/sha256.hpp"
#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/parcel_source.hpp"

namespace shinrin::io {
namespace {

std::string file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "unreadable";
  std::ostringstream buf;
  buf << in.rdbuf();
  return sha256_hex(buf.str());
}

sim::OutputSelection output_selection(const Scenario& s) {
  sim::OutputSelection out;
  for (const auto& name : s.parcel_variables) {
    const auto v = sim::parse_parcel_var(name);
    if (!v) {
      std::string known;
      for (std::size_t i = 0; i < sim::kParcelVarCount; ++i) {
        known += (known.empty() ? "" : ", ") + std::string(sim::parcel_var_info(sim::ParcelVar(i)).name);
      }
      throw InputError(s.file + ": output.parcel_series.variables: unknown variable '" + name +
                       "' (known: " + known + ")");
    }
    if (std::find(out.variables.begin(), out.variables.end(), *v) != out.variables.end()) {
      throw InputError(s.file + ": output.parcel_series.variables: '" + name + "' is listed twice");
    }
    out.variables.push_back(*v);
  }
  if (!out.variables.empty()) {
    for (int t = 0; t <= s.years; t += s.parcel_interval) out.time_index.push_back(t);
    if (out.time_index.back() != s.years) out.time_index.push_back(s.years);
  }
  return out;
}

// A results file in a folder that does not exist would only fail after loading and simulating.
void check_output_folder(const Scenario& s) {
  const std::filesystem::path folder = std::filesystem::path(s.output_path).parent_path();
  std::error_code ec;
  if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) {
    throw InputError("output path '" + s.output_path + "': folder '" + folder.string() +
                     "' does not exist");
  }
}

}  // namespace

RunSetup prepare_run(const Scenario& scenario) {
  check_output_folder(scenario);
  RunSetup r;
  r.scenario = scenario;
  r.scenario_text = resolved_yaml(scenario);
  r.scenario_sha256 = sha256_hex(r.scenario_text);
  r.output = output_selection(scenario);

  r.species = load_species_table(scenario.species_table);
  const auto aliases = load_alias_table(scenario.alias_table, r.species);
  std::map<std::string, LandClass> forest_types;
  if (!scenario.forest_type_table.empty()) forest_types = load_forest_types(scenario.forest_type_table);
  if (scenario.growth_model == "richards") {
    r.growth_model = std::make_unique<growth::RichardsModel>(load_richards_model(
        scenario.richards_curves, scenario.site_classes, scenario.site_class_scheme));
  } else {
    r.growth_model = std::make_unique<growth::YieldTableModel>(load_yield_table_model(scenario.yield_table));
  }

  ParcelLoad load = read_parcels(scenario, r.species, aliases, forest_types);
  r.parcels = std::move(load.parcels);
  r.handling = load.handling;
  r.layer = load.layer;

  // One curve per (species, site class) met; list every combination the model cannot cover.
  std::map<std::pair<std::uint16_t, std::int32_t>, std::uint32_t> curve_of;
  std::map<std::string, long> missing;
  std::vector<long> curve_records;
  int max_age = 1;
  for (std::size_t i = 0; i < r.parcels.size(); ++i) {
    const auto key = std::make_pair(r.parcels.species[i], r.parcels.site_class[i]);
    auto [it, inserted] = curve_of.try_emplace(key, static_cast<std::uint32_t>(r.curves.size()));
    if (inserted) {
      r.curves.push_back({r.species[key.first].code, key.second});
      curve_records.push_back(0);
    }
    ++curve_records[it->second];
    r.parcels.curve[i] = it->second;
    max_age = std::max(max_age, int(r.parcels.age[i]) + scenario.years + 1);
  }
  for (std::size_t c = 0; c < r.curves.size(); ++c) {
    if (auto why = r.growth_model->missing(r.curves[c])) {
      missing[*why] += curve_records[c];
    }
  }
  if (!missing.empty()) {
    const std::string tables = scenario.growth_model == "richards"
                                   ? scenario.richards_curves + ", " + scenario.site_classes +
                                         " scheme '" + scenario.site_class_scheme + "'"
                                   : scenario.yield_table;
    std::string msg = scenario.parcels_path + " layer '" + r.layer + "': growth model '" +
                      std::string(r.growth_model->name()) + "' (" + tables +
                      ") cannot grow these parcels:";
    for (const auto& [why, n] : missing) msg += "\n  " + why + ": " + std::to_string(n) + " records";
    throw InputError(msg);
  }
  if (max_age > 32000) throw InputError("stand ages plus simulated years exceed 32000 years");
  r.growth_table = growth::GrowthTable::build(*r.growth_model, r.curves, max_age);
  r.parcels.sort_by_curve();

  // Provenance of the parameters the simulated parcels use.
  std::set<std::uint16_t> species_used(r.parcels.species.begin(), r.parcels.species.end());
  for (std::uint16_t s : species_used) {
    const auto& recs = r.species[s].records;
    r.parameters_used.insert(r.parameters_used.end(), recs.begin(), recs.end());
  }
  std::set<std::string> seen;
  for (const auto& key : r.curves) {
    for (auto& rec : r.growth_model->provenance(key)) {
      const std::string id = rec.table + "|" + rec.key + "|" + rec.name;
      if (seen.insert(id).second) r.parameters_used.push_back(std::move(rec));
    }
  }

  r.inputs.push_back({"scenario", scenario.file, file_sha256(scenario.file)});
  r.inputs.push_back({"parcels", scenario.parcels_path, file_sha256(scenario.parcels_path)});
  r.inputs.push_back({"species", scenario.species_table, file_sha256(scenario.species_table)});
  r.inputs.push_back({"species_aliases", scenario.alias_table, file_sha256(scenario.alias_table)});
  if (!scenario.forest_type_table.empty()) {
    r.inputs.push_back({"forest_types", scenario.forest_type_table, file_sha256(scenario.forest_type_table)});
  }
  if (scenario.growth_model == "richards") {
    r.inputs.push_back({"richards_curves", scenario.richards_curves, file_sha256(scenario.richards_curves)});
    r.inputs.push_back({"site_classes", scenario.site_classes, file_sha256(scenario.site_classes)});
  } else {
    r.inputs.push_back({"yield_table", scenario.yield_table, file_sha256(scenario.yield_table)});
  }
  return r;
}

}  // namespace shinrin::io
