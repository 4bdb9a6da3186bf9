#include "shinrin/driver/load.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <set>

#include "shinrin/core/error.hpp"
#include "shinrin/core/sha256.hpp"
#include "shinrin/io/crediting_table.hpp"
#include "shinrin/io/dom_initial_table.hpp"
#include "shinrin/io/event_list.hpp"
#include "shinrin/io/fuel_tables.hpp"
#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/parcel_source.hpp"
#include "shinrin/io/stand_tables.hpp"
#include "shinrin/setup/classify.hpp"
#include "shinrin/setup/crediting.hpp"
#include "shinrin/setup/curves.hpp"
#include "shinrin/setup/events.hpp"
#include "shinrin/setup/fuel.hpp"
#include "shinrin/setup/management.hpp"
#include "shinrin/setup/plan.hpp"

namespace shinrin::driver {
namespace {

sim::OutputSelection output_selection(const io::Scenario& s) {
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

std::unique_ptr<growth::GrowthModel> load_growth_model(const io::Scenario& s) {
  if (s.growth_model == "richards") {
    return std::make_unique<growth::RichardsModel>(
        io::load_richards_model(s.richards_curves, s.site_classes, s.site_class_scheme));
  }
  return std::make_unique<growth::YieldTableModel>(io::load_yield_table_model(s.yield_table));
}

// Tables of the optional sections, kept for provenance after the model is filled.
struct SectionTables {
  std::unique_ptr<growth::RichardsModel> height;  // top-height curves (stand)
  std::optional<io::DensityDiagramTable> diagrams;
  std::vector<ParameterRecord> carbon_records;
  std::vector<ParameterRecord> wood_use_records;
  std::vector<ParameterRecord> fuel_records;
  std::vector<ParameterRecord> crediting_records;
};

// Section `stand`: height curves, density diagrams and the initial-stems rules.
void load_stand(const io::Scenario& s, const SpeciesTable& species, sim::StandConfig& stand,
                SectionTables& tables) {
  stand.diagram_by_species.assign(species.size(), std::nullopt);
  if (!s.stand) return;
  const io::StandSection& st = *s.stand;
  stand.enabled = true;
  tables.height = std::make_unique<growth::RichardsModel>(
      io::load_richards_model(st.height_curves, st.height_site_classes, st.height_site_class_scheme,
                              io::RichardsQuantity::height));
  if (!st.density_diagram.empty()) {
    tables.diagrams =
        io::load_density_diagrams(st.density_diagram, st.density_diagram_region, species);
    stand.diagram_by_species = tables.diagrams->by_species;
  }
  stand.initial_yield_index = st.initial_yield_index.value_or(0.0);
  stand.initial_stems_max = st.initial_stems_max;
  stand.initial_stems_default = st.initial_stems_default;
  stand.critical_stocking = st.critical_stocking;
}

// How far the parcels go past the data of their curves during the run (growth/past_data.hpp).
growth::PastData past_data(const growth::GrowthModel& model,
                           const std::vector<growth::CurveKey>& keys, const Landscape& p,
                           int years) {
  std::vector<growth::DataRange> ranges;
  std::vector<double> last_age;
  for (const auto& key : keys) {
    ranges.push_back(model.data_range(key));
    last_age.push_back(ranges.back().last_age);
  }
  growth::PastData out = growth::count_past_data(p.age, p.curve, p.area_ha, last_age, years);
  out.growth_model = std::string(model.name());
  out.rule = std::string(model.extension_rule());
  for (std::size_t c = 0; c < keys.size(); ++c) {
    out.curves[c].species = keys[c].species;
    out.curves[c].site_class = keys[c].site_class;
    out.curves[c].continuation = std::move(ranges[c].continuation);
    out.curves[c].fallback = ranges[c].fallback;
  }
  return out;
}

// Species standing now or after a final felling, in index order.
std::vector<std::size_t> species_used(const Landscape& p) {
  std::vector<bool> seen;  // per species index (a set of 10^6 repeated indexes cost 2 % of a load)
  for (const auto* column : {&p.species, &p.regen_species}) {
    for (std::uint16_t s : *column) {
      if (s >= seen.size()) seen.resize(std::size_t(s) + 1, false);
      seen[s] = true;
    }
  }
  std::vector<std::size_t> used;
  for (std::size_t s = 0; s < seen.size(); ++s) {
    if (seen[s]) used.push_back(s);
  }
  return used;
}

void record_parameters(Loaded& l, const growth::GrowthModel& model, const SectionTables& tables) {
  auto& out = l.record.parameters_used;
  const std::vector<std::size_t> used = species_used(l.inputs.parcels);
  for (std::size_t s : used) {
    const auto& recs = l.inputs.species[s].records;
    out.insert(out.end(), recs.begin(), recs.end());
  }
  std::set<std::string> seen;
  auto add = [&](std::vector<ParameterRecord> recs) {
    for (auto& rec : recs) {
      const std::string id = rec.table + "|" + rec.key + "|" + rec.name;
      if (seen.insert(id).second) out.push_back(std::move(rec));
    }
  };
  for (const auto& key : l.curves) add(model.provenance(key));
  // The continuation's parameters, for the curves that parcels go past.
  for (std::size_t c = 0; c < l.curves.size(); ++c) {
    if (l.record.past_data.curves[c].parcels > 0) add(model.data_range(l.curves[c]).records);
  }
  if (tables.height) {
    for (const auto& key : l.curves) add(tables.height->provenance(key));
  }
  if (tables.diagrams) {
    for (std::size_t s : used) add(tables.diagrams->records[s]);
  }
  add(tables.carbon_records);
  add(tables.wood_use_records);
  add(tables.fuel_records);
  add(tables.crediting_records);
}

// The input files of a run (role, path), hashed later.
std::vector<io::InputFile> input_files(const io::Scenario& s) {
  std::vector<io::InputFile> files;
  auto input = [&](const char* role, const std::string& path) {
    files.push_back({role, path, ""});
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
    if (!s.carbon->initial_table.empty()) input("initial_stocks", s.carbon->initial_table);
  }
  if (s.silviculture) {
    input("wood_use", s.silviculture->wood_use);
    if (s.silviculture->events) input("events", s.silviculture->events->path);
  }
  if (s.fuel) {
    input("fuel_factors", s.fuel->factors);
    input("wood_fuel", s.fuel->wood);
  }
  if (s.crediting) input("crediting", s.crediting->parameters);
  return files;
}

// Problems of every stage of loading, reported together in one InputError.
class Problems {
 public:
  //! Runs `f`; keeps the message of an InputError it throws. Whether `f` succeeded.
  template <class F>
  bool attempt(F&& f) {
    try {
      f();
      return true;
    } catch (const InputError& e) {
      add(e.what());
      return false;
    }
  }
  void add(std::string message) {
    if (!message.empty()) messages_.push_back(std::move(message));
  }
  bool empty() const { return messages_.empty(); }
  //! Throws every problem in one InputError, if there is any: one alone as it is, several
  //! numbered (the first kMaxListed in full, the rest counted).
  void throw_all() const {
    if (messages_.empty()) return;
    if (messages_.size() == 1) throw InputError(messages_.front());
    std::string msg =
        std::to_string(messages_.size()) + " problems found (every stage of loading was checked):";
    for (std::size_t k = 0; k < messages_.size() && k < kMaxListed; ++k)
      msg += "\n[" + std::to_string(k + 1) + "] " + messages_[k];
    if (messages_.size() > kMaxListed)
      msg += "\n... and " + std::to_string(messages_.size() - kMaxListed) + " more";
    throw InputError(msg);
  }

 private:
  static constexpr std::size_t kMaxListed = 50;
  std::vector<std::string> messages_;
};

// Whether paths `a` and `b` name the same file: the same file on disk when both exist (hard and
// symbolic links included), else the same path once made absolute and its existing part resolved.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::equivalent(a, b, ec) && !ec) return true;
  std::error_code ea, eb;
  const fs::path ca = fs::weakly_canonical(fs::absolute(a, ea), ea);
  const fs::path cb = fs::weakly_canonical(fs::absolute(b, eb), eb);
  return !ea && !eb && ca == cb;
}

}  // namespace

void check_output(const io::Scenario& s) {
  namespace fs = std::filesystem;
  const std::string& out = s.output_path;
  if (out.empty()) throw InputError("the output path is empty");
  const fs::path path(out);
  const fs::path folder = path.parent_path();
  std::error_code ec;
  if (!folder.empty() && !fs::is_directory(folder, ec)) {
    throw InputError("output path '" + out + "': folder '" + folder.string() + "' does not exist");
  }
  if (fs::is_directory(path, ec) || !path.has_filename()) {
    throw InputError("output path '" + out + "' is a folder; name the results file, e.g. '" +
                     (path / "results.h5").lexically_normal().string() + "'");
  }
  // Every file the run reads, a shapefile's companions included (they share its name).
  std::vector<io::InputFile> inputs = input_files(s);
  if (s.crediting) {
    for (const auto& p : s.crediting->projects) {
      if (!p.polygons.empty()) inputs.push_back({"crediting polygons", p.polygons, ""});
    }
  }
  for (std::size_t k = 0, n = inputs.size(); k < n; ++k) {
    fs::path p(inputs[k].path);
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (ext != ".shp") continue;
    for (const char* companion : {".shx", ".dbf", ".prj", ".cpg", ".SHX", ".DBF", ".PRJ", ".CPG"})
      inputs.push_back({inputs[k].role, fs::path(p).replace_extension(companion).string(), ""});
  }
  for (const auto& in : inputs) {
    if (!in.path.empty() && same_file(path, in.path)) {
      throw InputError("output path '" + out + "' is the " + in.role + " input file '" + in.path +
                       "': the run would overwrite it; choose another output path");
    }
  }
}

Loaded load(const io::Scenario& scenario) {
  check_output(scenario);
  // The SHA-256 of every input file (recorded in the results) is computed on a second thread
  // while the parcel layer is read on this one.
  auto hashes = std::async(std::launch::async, [files = input_files(scenario)]() mutable {
    for (auto& f : files) f.sha256 = io::file_sha256(f.path);
    return files;
  });
  Loaded l;
  l.scenario = scenario;
  l.record.scenario_file = scenario.file;
  l.record.description = scenario.description;
  l.record.scenario_text = io::resolved_yaml(scenario);
  l.record.scenario_sha256 = sha256_hex(l.record.scenario_text);
  l.output = output_selection(scenario);
  sim::Inputs& in = l.inputs;
  in.start_year = scenario.start_year;
  in.years = scenario.years;
  // Every stage is checked even when an earlier one found problems, as far as it does not need
  // what failed; all problems are reported together at the end (or as soon as nothing further
  // can be checked).
  Problems problems;

  // Tables (io); parcels read (io) and classified (setup).
  std::map<std::string, io::AliasEntry> aliases;
  bool tables_ok =
      problems.attempt([&] { in.species = io::load_species_table(scenario.species_table); });
  tables_ok = tables_ok && problems.attempt([&] {
    aliases = io::load_alias_table(scenario.alias_table, in.species);
  });
  std::map<std::string, io::LandClass> forest_types;
  if (!scenario.forest_type_table.empty()) {
    tables_ok = problems.attempt([&] {
      forest_types = io::load_forest_types(scenario.forest_type_table);
    }) && tables_ok;
  }
  std::unique_ptr<growth::GrowthModel> model;
  const bool model_ok = problems.attempt([&] { model = load_growth_model(scenario); });
  if (model_ok) l.growth_model = std::string(model->name());
  if (!tables_ok) problems.throw_all();  // records cannot be classified without them

  // Register fields kept per row: planning units and what credit projects read.
  std::vector<std::string> extra_fields = setup::planning_unit_fields(scenario);
  for (const auto& f : setup::crediting_fields(scenario)) {
    if (std::find(extra_fields.begin(), extra_fields.end(), f) == extra_fields.end())
      extra_fields.push_back(f);
  }
  std::optional<setup::Classifier> classifier;
  std::string layer;
  const bool read_ok = problems.attempt([&] {
    classifier.emplace(scenario, in.species, aliases, forest_types, extra_fields);
    layer = io::read_parcel_records(scenario, extra_fields, *classifier).layer;
  });
  if (!read_ok) problems.throw_all();  // nothing further can be checked without the records
  setup::Classified classified = classifier->finish(layer);
  problems.add(classified.problems);
  l.record.layer = classified.layer;
  l.record.handling = classified.handling;
  l.warnings = std::move(classified.warnings);
  l.warning_count = classified.warning_count;
  in.parcels = std::move(classified.parcels);
  Landscape& p = in.parcels;
  const std::string where = scenario.parcels_path + " layer '" + classified.layer + "'";
  // No parcel to simulate: most often a wrong layer, filter or field mapping, so it stops the
  // run unless the scenario says an empty landscape is expected (parcels.allow_empty).
  if (p.size() == 0 && !scenario.allow_empty && problems.empty()) {
    std::int64_t records = 0;
    for (const std::int64_t r : classified.handling.records) records += r;
    problems.add(where + ": no parcel to simulate (" + std::to_string(records) +
                 " records read, none of them simulated; the handling table says why); set "
                 "'parcels.allow_empty: true' in the scenario to run without parcels");
    problems.throw_all();  // nothing further can be checked without parcels
  }

  // Stand and management bound to the rows.
  SectionTables tables;
  const bool stand_ok =
      problems.attempt([&] { load_stand(scenario, in.species, in.model.stand, tables); });
  silviculture::Management& m = in.model.management;
  bool management_ok = true;
  if (scenario.silviculture) {
    management_ok = problems.attempt([&] {
      m = setup::resolve_management(scenario, in.species, forest_types);
      setup::assign_regimes(p, m, forest_types);
    });
    if (management_ok && stand_ok && tables.diagrams) {
      problems.attempt([&] {
        setup::check_diagram_coverage(p, m, in.model.stand, in.species, *scenario.stand);
      });
    }
  }

  // Curves (regeneration curves are tabulated and checked with the others).
  bool tabulated = false;
  if (model_ok) {
    const std::string tables_text = scenario.growth_model == "richards"
                                        ? scenario.richards_curves + ", " + scenario.site_classes +
                                              " scheme '" + scenario.site_class_scheme + "'"
                                        : scenario.yield_table;
    std::vector<setup::CurveSource> sources = {
        {model.get(),
         "growth model '" + l.growth_model + "' (" + tables_text + ") cannot grow these parcels:"}};
    if (tables.height) {
      sources.push_back(
          {tables.height.get(), "top-height curves (" + scenario.stand->height_curves + ", " +
                                    scenario.stand->height_site_classes + " scheme '" +
                                    scenario.stand->height_site_class_scheme +
                                    "') cannot give the height of these parcels:"});
    }
    problems.attempt([&] {
      const setup::Curves curves =
          setup::assign_curves(p, in.species, scenario.years, where, sources);
      l.curves = curves.keys;
      if (stand_ok) {
        in.growth = setup::tabulate(curves, in.species, *model, tables.height.get(),
                                    tables.diagrams
                                        ? std::span(tables.diagrams->by_species)
                                        : std::span<const std::optional<growth::DensityDiagram>>{});
        tabulated = true;
      }
    });
  }

  // Canonical row order; columns kept outside the landscape follow.
  const std::vector<std::size_t> order = p.sort_canonical();
  for (auto& f : classified.extra) {
    std::vector<std::uint16_t> v(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) v[i] = f.of_row[order[i]];
    f.of_row = std::move(v);
  }

  // Parcels that go past the data of their curve (in canonical order: sums do not depend on the
  // order of records).
  if (tabulated) l.record.past_data = past_data(*model, l.curves, p, scenario.years);

  // Carbon, wood use and events.
  if (scenario.carbon) {
    in.model.carbon_enabled = true;
    problems.attempt([&] {
      io::DecayTable decay = io::load_decay_table(scenario.carbon->decay, in.species,
                                                  species_used(p), scenario.carbon->soil);
      io::HwpTable hwp = io::load_hwp_table(scenario.carbon->hwp);
      in.model.decay = std::move(decay.config);
      in.model.hwp = hwp.config;
      tables.carbon_records = std::move(decay.records);
      tables.carbon_records.insert(tables.carbon_records.end(), hwp.records.begin(),
                                   hwp.records.end());
    });
    carbon::InitialStocks& init = in.model.initial_stocks;
    init.method = scenario.carbon->initial;
    init.natural_type = setup::natural_forest_types(p, forest_types);
    if (init.method == carbon::InitialMethod::table) {
      problems.attempt([&] {
        io::DomInitialTable dom = io::load_dom_initial_table(
            scenario.carbon->initial_table, in.species, species_used(p), scenario.carbon->soil);
        init.by_species_type = std::move(dom.by_species_type);
        tables.carbon_records.insert(tables.carbon_records.end(), dom.records.begin(),
                                     dom.records.end());
      });
    }
  }
  m.event_offset.assign(p.size() + 1, 0);
  m.events.clear();
  if (scenario.silviculture) {
    problems.attempt([&] {
      io::WoodUseTable wood = io::load_wood_use_table(scenario.silviculture->wood_use);
      m.wood_use = wood.wood_use;
      tables.wood_use_records = std::move(wood.records);
    });
    if (scenario.silviculture->events && management_ok && stand_ok) {
      problems.attempt([&] {
        setup::EventRules rules;
        rules.first_year = scenario.start_year;
        rules.last_year = scenario.start_year + scenario.years - 1;
        if (tables.diagrams) rules.diagrams = in.model.stand.diagram_by_species;
        rules.regimes = m.regimes;
        rules.removals = scenario.silviculture->events->thinning_removals.has_value();
        rules.regeneration = m.event_regeneration.defined;
        setup::EventList events =
            setup::bind_events(io::read_event_rows(scenario.silviculture->events->path), p,
                               classified.other_keys, rules);
        m.event_offset = std::move(events.offset);
        m.events = std::move(events.events);
      });
    }
  }

  // Boilers, then the plan (a boiler_demand target's units are the boilers' catchments).
  bool fuel_ok = true;
  if (scenario.fuel) {
    fuel_ok = problems.attempt([&] {
      for (const auto& b : scenario.fuel->boilers) {
        if (!b.location) continue;
        const std::string why =
            io::location_problem(*scenario.fuel->epsg, b.location->first, b.location->second);
        if (!why.empty()) throw InputError(b.location_origin + ": boiler '" + b.name + "': " + why);
      }
      const io::FossilFactorTable factors = io::load_fossil_factor_table(scenario.fuel->factors);
      const io::WoodFuelTable wood = io::load_wood_fuel_table(scenario.fuel->wood);
      setup::BoundFuel fuel = setup::bind_fuel(scenario, p, factors, wood);
      in.fuel = std::move(fuel.model);
      tables.fuel_records = std::move(fuel.records);
    });
  }
  if (management_ok && fuel_ok) {
    problems.attempt(
        [&] { in.plan = setup::bind_plan(scenario, p, m, classified.extra, in.fuel); });
  }

  // Credit projects (they read the tabulated curves).
  if (scenario.crediting && tabulated && management_ok && fuel_ok) {
    problems.attempt([&] {
      const io::CreditingTable table = io::load_crediting_table(scenario.crediting->parameters);
      in.credit = setup::bind_crediting(scenario, p, in.species, in.model, in.fuel, forest_types,
                                        classified.extra, table);
      for (const auto& pj : in.credit.projects) {
        tables.crediting_records.insert(tables.crediting_records.end(), pj.records.begin(),
                                        pj.records.end());
      }
    });
  }
  problems.throw_all();

  sim::finish_inputs(in);
  record_parameters(l, *model, tables);
  l.record.inputs = hashes.get();
  return l;
}

}  // namespace shinrin::driver
