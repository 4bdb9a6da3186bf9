#include "shinrin/io/run_setup.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <unordered_map>

#include "management_setup.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/core/sha256.hpp"
#include "shinrin/io/event_list.hpp"
#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/parcel_source.hpp"
#include "shinrin/io/stand_tables.hpp"

namespace shinrin::io {
namespace {

std::string file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "unreadable";
  Sha256 h;
  std::string chunk(1 << 20, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    h.update(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
  }
  return h.hex();
}

sim::OutputSelection output_selection(const Scenario& s) {
  sim::OutputSelection out;
  for (const auto& name : s.parcel_variables) {
    const auto v = sim::parse_parcel_var(name);
    if (!v) {
      std::string known;
      for (std::size_t i = 0; i < sim::kParcelVarCount; ++i) {
        known +=
            (known.empty() ? "" : ", ") + std::string(sim::parcel_var_info(sim::ParcelVar(i)).name);
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

// Tables of the optional sections, kept for provenance after the model is filled.
struct SectionTables {
  std::unique_ptr<growth::RichardsModel> height;  // top-height curves (stand)
  std::optional<DensityDiagramTable> diagrams;    // stand.density_diagram
  std::vector<ParameterRecord> carbon_records;    // decay and HWP values used
  std::vector<ParameterRecord> wood_use_records;
};

std::unique_ptr<growth::GrowthModel> load_growth_model(const Scenario& s) {
  if (s.growth_model == "richards") {
    return std::make_unique<growth::RichardsModel>(
        load_richards_model(s.richards_curves, s.site_classes, s.site_class_scheme));
  }
  return std::make_unique<growth::YieldTableModel>(load_yield_table_model(s.yield_table));
}

// Section `stand`: height curves, density diagrams and the initial-stems rules.
void load_stand(const Scenario& s, const SpeciesTable& species, sim::StandConfig& stand,
                SectionTables& tables) {
  stand.diagram_by_species.assign(species.size(), std::nullopt);
  if (!s.stand) return;
  const StandSection& st = *s.stand;
  stand.enabled = true;
  tables.height = std::make_unique<growth::RichardsModel>(
      load_richards_model(st.height_curves, st.height_site_classes, st.height_site_class_scheme,
                          RichardsQuantity::height));
  if (!st.density_diagram.empty()) {
    tables.diagrams = load_density_diagrams(st.density_diagram, st.density_diagram_region, species);
    stand.diagram_by_species = tables.diagrams->by_species;
  }
  stand.initial_yield_index = st.initial_yield_index.value_or(0.0);
  stand.initial_stems_max = st.initial_stems_max;
  stand.initial_stems_default = st.initial_stems_default;
  stand.critical_stocking = st.critical_stocking;
}

// "N records", "M records after regeneration" or both, for coverage messages.
std::string record_counts(const std::pair<long, long>& n) {
  std::string out;
  if (n.first > 0) out = std::to_string(n.first) + " records";
  if (n.second > 0) {
    out += (out.empty() ? "" : ", ") + std::to_string(n.second) + " records after regeneration";
  }
  return out;
}

// Throws if `model` cannot give a curve of `r.curves`: each reason with the records concerned
// (now, and after a final felling for regeneration curves).
void check_coverage(const RunSetup& r, const growth::GrowthModel& model, const std::string& what,
                    const std::vector<std::pair<long, long>>& records_of_curve) {
  std::map<std::string, std::pair<long, long>> missing;
  for (std::size_t c = 0; c < r.curves.size(); ++c) {
    if (auto why = model.missing(r.curves[c])) {
      missing[*why].first += records_of_curve[c].first;
      missing[*why].second += records_of_curve[c].second;
    }
  }
  if (missing.empty()) return;
  std::string msg = r.scenario.parcels_path + " layer '" + r.layer + "': " + what;
  for (const auto& [why, n] : missing) msg += "\n  " + why + ": " + record_counts(n);
  throw InputError(msg);
}

// One curve per (species, site class) met now or after regeneration; sets the curve and
// regen_curve columns, checks that the growth (and height) models cover every curve. Returns
// the largest age to tabulate.
int assign_curves(RunSetup& r, const growth::GrowthModel* height) {
  const Scenario& s = r.scenario;
  std::map<std::pair<std::uint16_t, std::int32_t>, std::uint32_t> curve_of;
  std::vector<std::pair<long, long>> records;  // per curve: records now, after regeneration
  auto curve = [&](std::uint16_t species, std::int32_t site) {
    auto [it, inserted] =
        curve_of.try_emplace({species, site}, static_cast<std::uint32_t>(r.curves.size()));
    if (inserted) {
      r.curves.push_back({r.species[species].code, site});
      records.emplace_back(0, 0);
    }
    return it->second;
  };
  int max_age = 1;
  for (std::size_t i = 0; i < r.parcels.size(); ++i) {
    r.parcels.curve[i] = curve(r.parcels.species[i], r.parcels.site_class[i]);
    ++records[r.parcels.curve[i]].first;
    r.parcels.regen_curve[i] = curve(r.parcels.regen_species[i], r.parcels.site_class[i]);
    if (r.parcels.regen_curve[i] != r.parcels.curve[i]) ++records[r.parcels.regen_curve[i]].second;
    max_age = std::max(max_age, int(r.parcels.age[i]) + s.years + 1);
  }
  const std::string tables =
      s.growth_model == "richards"
          ? s.richards_curves + ", " + s.site_classes + " scheme '" + s.site_class_scheme + "'"
          : s.yield_table;
  check_coverage(r, *r.growth_model,
                 "growth model '" + std::string(r.growth_model->name()) + "' (" + tables +
                     ") cannot grow these parcels:",
                 records);
  if (height != nullptr) {
    check_coverage(r, *height,
                   "top-height curves (" + s.stand->height_curves + ", " +
                       s.stand->height_site_classes + " scheme '" +
                       s.stand->height_site_class_scheme +
                       "') cannot give the height of these parcels:",
                   records);
  }
  if (max_age > 32000) throw InputError("stand ages plus simulated years exceed 32000 years");
  return max_age;
}

// Growth table of r.curves with heights and density-diagram terms when the stand is simulated.
void build_growth_table(RunSetup& r, int max_age, const SectionTables& tables) {
  r.growth_table =
      growth::GrowthTable::build(*r.growth_model, r.curves, max_age, tables.height.get());
  if (!tables.diagrams) return;
  std::vector<std::optional<growth::DensityDiagram>> diagram_of_curve;
  for (const auto& key : r.curves)
    diagram_of_curve.push_back(tables.diagrams->by_species[*r.species.find(key.species)]);
  r.growth_table.add_density_terms(diagram_of_curve);
}

// Species standing now or after a final felling, in index order.
std::vector<std::size_t> species_used(const ParcelTable& p) {
  std::set<std::size_t> used(p.species.begin(), p.species.end());
  used.insert(p.regen_species.begin(), p.regen_species.end());
  return {used.begin(), used.end()};
}

// Section `carbon`: decay of dead wood, litter and soil; HWP half-lives.
void load_carbon(const Scenario& s, const SpeciesTable& species, std::span<const std::size_t> used,
                 sim::Model& model, SectionTables& tables) {
  if (!s.carbon) return;
  model.carbon_enabled = true;
  DecayTable decay = load_decay_table(s.carbon->decay, species, used, s.carbon->soil);
  HwpTable hwp = load_hwp_table(s.carbon->hwp);
  model.decay = std::move(decay.config);
  model.hwp = hwp.config;
  tables.carbon_records = std::move(decay.records);
  tables.carbon_records.insert(tables.carbon_records.end(), hwp.records.begin(), hwp.records.end());
}

// Section `silviculture`, second part (rows in their final order): wood use and the event CSR.
void load_wood_use_and_events(const Scenario& s, const ParcelTable& parcels,
                              const std::unordered_map<std::string, Handling>& other_keys,
                              sim::Model& model, SectionTables& tables) {
  silviculture::Management& m = model.management;
  m.event_offset.assign(parcels.size() + 1, 0);
  m.events.clear();
  if (!s.silviculture) return;
  WoodUseTable wood = load_wood_use_table(s.silviculture->wood_use);
  m.wood_use = wood.wood_use;
  tables.wood_use_records = std::move(wood.records);
  if (!s.silviculture->events) return;
  EventRules rules;
  rules.first_year = s.start_year;
  rules.last_year = s.start_year + s.years - 1;
  if (tables.diagrams) rules.diagrams = model.stand.diagram_by_species;
  rules.regimes = m.regimes;
  rules.removals = s.silviculture->events->thinning_removals.has_value();
  rules.regeneration = m.event_regeneration.defined;
  EventList events = read_event_list(s.silviculture->events->path, parcels, other_keys, rules);
  m.event_offset = std::move(events.offset);
  m.events = std::move(events.events);
}

// Provenance of the parameters the simulated parcels use (now and after regeneration).
void record_parameters(RunSetup& r, const SectionTables& tables) {
  const std::vector<std::size_t> used = species_used(r.parcels);
  for (std::size_t s : used) {
    const auto& recs = r.species[s].records;
    r.parameters_used.insert(r.parameters_used.end(), recs.begin(), recs.end());
  }
  std::set<std::string> seen;
  auto add = [&](std::vector<ParameterRecord> recs) {
    for (auto& rec : recs) {
      const std::string id = rec.table + "|" + rec.key + "|" + rec.name;
      if (seen.insert(id).second) r.parameters_used.push_back(std::move(rec));
    }
  };
  for (const auto& key : r.curves) add(r.growth_model->provenance(key));
  if (tables.height) {
    for (const auto& key : r.curves) add(tables.height->provenance(key));
  }
  if (tables.diagrams) {
    for (std::size_t s : used) add(tables.diagrams->records[s]);
  }
  add(tables.carbon_records);
  add(tables.wood_use_records);
}

void record_inputs(RunSetup& r) {
  const Scenario& s = r.scenario;
  auto input = [&](const char* role, const std::string& path) {
    r.inputs.push_back({role, path, file_sha256(path)});
  };
  input("scenario", s.file);
  input("parcels", s.parcels_path);
  input("species", s.species_table);
  input("species_aliases", s.alias_table);
  if (!s.forest_type_table.empty()) input("forest_types", s.forest_type_table);
  if (s.growth_model == "richards") {
    input("richards_curves", s.richards_curves);
    input("site_classes", s.site_classes);
  } else {
    input("yield_table", s.yield_table);
  }
  if (s.stand) {
    input("height_curves", s.stand->height_curves);
    input("height_site_classes", s.stand->height_site_classes);
    if (!s.stand->density_diagram.empty()) input("density_diagram", s.stand->density_diagram);
  }
  if (s.carbon) {
    input("decay", s.carbon->decay);
    input("hwp", s.carbon->hwp);
  }
  if (s.silviculture) {
    input("wood_use", s.silviculture->wood_use);
    if (s.silviculture->events) input("events", s.silviculture->events->path);
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
  if (!scenario.forest_type_table.empty())
    forest_types = load_forest_types(scenario.forest_type_table);
  r.growth_model = load_growth_model(scenario);

  ParcelLoad load = read_parcels(scenario, r.species, aliases, forest_types);
  r.parcels = std::move(load.parcels);
  r.handling = load.handling;
  r.layer = load.layer;

  SectionTables tables;
  load_stand(scenario, r.species, r.model.stand, tables);
  if (scenario.silviculture) {
    r.model.management = resolve_management(scenario, r.species, forest_types);
    assign_regimes(r.parcels, r.model.management, forest_types);
    if (tables.diagrams) {
      check_diagram_coverage(r.parcels, r.model.management, r.model.stand, r.species,
                             *scenario.stand);
    }
  }

  // Regeneration curves are tabulated (and checked) with the others.
  const int max_age = assign_curves(r, tables.height.get());
  build_growth_table(r, max_age, tables);
  r.parcels.sort_by_curve();

  load_carbon(scenario, r.species, species_used(r.parcels), r.model, tables);
  load_wood_use_and_events(scenario, r.parcels, load.other_keys, r.model, tables);

  record_parameters(r, tables);
  record_inputs(r);
  return r;
}

}  // namespace shinrin::io
