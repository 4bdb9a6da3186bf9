#include "shinrin/io/scenario.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "scenario_sections.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/input_limits.hpp"
#include "text_file.hpp"
#include "yaml_reader.hpp"

namespace shinrin::io {
namespace fs = std::filesystem;
using yaml::at;
using yaml::MapReader;
using yaml::resolve;

namespace {

// yaml-cpp keeps every pair of a mapping whose key repeats and answers a lookup with the first, so
// a repeated key would silently lose its second value. Every mapping of the document is scanned;
// every repetition is reported, at its place, with the key path and the line of the first.
void find_duplicate_keys(const YAML::Node& n, const std::string& path, const std::string& file,
                         std::vector<std::string>& found) {
  if (n.IsSequence()) {
    std::size_t k = 0;
    for (const auto& item : n)
      find_duplicate_keys(item, path + "[" + std::to_string(k++) + "]", file, found);
    return;
  }
  if (!n.IsMap()) return;
  std::map<std::string, YAML::Mark> first;
  for (const auto& kv : n) {
    if (!kv.first.IsScalar()) continue;  // complex keys: reported by the readers as unknown
    const std::string key = kv.first.Scalar();
    const std::string key_path = path.empty() ? key : path + "." + key;
    const auto [it, inserted] = first.try_emplace(key, kv.first.Mark());
    if (!inserted) {
      found.push_back(at(file, kv.first.Mark()) + ": duplicate key '" + key_path +
                      "' (first on line " + std::to_string(it->second.line + 1) +
                      "; a key may appear once in a mapping)");
    }
    find_duplicate_keys(kv.second, key_path, file, found);
  }
}

void check_duplicate_keys(const YAML::Node& root, const std::string& file) {
  std::vector<std::string> found;
  find_duplicate_keys(root, "", file, found);
  if (found.empty()) return;
  std::string msg = found.front();
  for (std::size_t k = 1; k < found.size(); ++k) msg += "\n" + found[k];
  throw InputError(msg);
}

}  // namespace

Scenario load_scenario(const std::string& path, const ScenarioOverrides& ov) {
  const std::string text = read_bounded(path, kMaxScenarioBytes, "scenario file", "scenario");
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(at(path, e.mark) + ": YAML syntax error: " + e.msg);
  }
  if (!root.IsDefined() || root.IsNull()) throw InputError(path + ": the scenario file is empty");
  check_duplicate_keys(root, path);

  const fs::path base = fs::absolute(fs::path(path)).parent_path();
  Scenario s;
  s.file = path;
  MapReader top(root, path, "");
  s.format_version = top.int_required("format_version", 0, 1000000, "");
  if (s.format_version != kScenarioFormatVersion) {
    top.fail(top.required("format_version"), "format_version " + std::to_string(s.format_version) +
                                                 " is not supported (this engine reads " +
                                                 std::to_string(kScenarioFormatVersion) + ")");
  }
  s.description = top.str("description");

  {
    MapReader sim = top.map("simulation");
    s.start_year = sim.int_required("start_year", 1900, 2500, "(fiscal year)");
    s.years = sim.int_required("years", 1, 1000, "years");
    s.threads = sim.int_optional("threads", 0, 4096, "threads").value_or(0);
    sim.finish();
  }
  {
    MapReader p = top.map("parcels");
    s.parcels_path = resolve(base, p.str("path"));
    s.layer = p.str_or("layer", "");
    s.open_options = p.list("open_options");
    MapReader f = p.map("fields");
    s.fields.id = f.str("id");
    s.fields.species = f.str("species");
    s.fields.age = f.str("age");
    s.fields.area = f.str_or("area", "");
    s.fields.site_class = f.str_or("site_class", "");
    s.fields.forest_type = f.str_or("forest_type", "");
    s.fields.storey = f.str_or("storey", "");
    s.fields.municipality = f.str_or("municipality", "");
    s.fields.volume = f.str_or("volume", "");
    s.fields.stems = f.str_or("stems", "");
    s.fields.as_of = f.str_or("as_of", "");
    f.finish();
    if (auto g = p.optional_map("area_from_geometry")) {
      s.area_epsg = g->int_required("epsg", 1, 999999, "");
      g->finish();
    }
    if (s.fields.area.empty() == !s.area_epsg.has_value()) {
      p.fail(p.required("fields"),
             "give exactly one of 'fields.area' (an area field in ha) and "
             "'area_from_geometry' (area from polygons in a projected CRS)");
    }
    s.age_reference_year = p.int_optional("age_reference_year", 1900, 2500, "(fiscal year)");
    if (auto d = p.get("age_as_of")) {
      const std::string text = p.scalar(*d, "age_as_of");
      const auto date = yaml::parse_date(text);
      if (!date) p.fail_at(*d, "age_as_of", "'" + text + "' is not a date YYYY-MM-DD");
      s.age_as_of = Date{date->year, date->month, date->day};
    }
    const int age_rules = int(s.age_reference_year.has_value()) + int(s.age_as_of.has_value()) +
                          int(!s.fields.as_of.empty());
    if (age_rules > 1) {
      p.fail_here(
          "give at most one of 'age_reference_year', 'age_as_of' and 'fields.as_of' (when register "
          "ages "
          "are as of)");
    }
    s.municipality = p.str_or("municipality", "");
    const std::string inv = p.str_or("invalid_values", "error");
    if (inv == "error") {
      s.invalid_values = InvalidPolicy::error;
    } else if (inv == "skip") {
      s.invalid_values = InvalidPolicy::skip;
    } else {
      p.fail_value("invalid_values", "'" + inv + "' is not one of error, skip");
    }
    const std::string unk = p.str_or("unknown_species", "error");
    s.unknown_species = unk == "error" ? "" : unk;
    if (auto n = p.get("unknown_species")) {
      s.unknown_species_origin = at(path, n->Mark()) + ": 'parcels.unknown_species'";
    }
    if (p.get("allow_empty")) s.allow_empty = p.boolean("allow_empty");
    p.finish();
    if (s.fields.municipality.empty() && s.municipality.empty()) {
      s.municipality = "(unnamed)";
    }
  }
  {
    MapReader par = top.map("parameters");
    s.species_table = resolve(base, par.str("species"));
    s.alias_table = resolve(base, par.str("species_aliases"));
    s.forest_type_table = resolve(base, par.str_or("forest_types", ""));
    par.finish();
    if (!s.fields.forest_type.empty() && s.forest_type_table.empty()) {
      top.fail(top.required("parameters"),
               "'parcels.fields.forest_type' is mapped, so 'parameters.forest_types' is required");
    }
  }
  {
    MapReader g = top.map("growth");
    s.growth_model = g.str("model");
    if (s.growth_model == "richards") {
      MapReader r = g.map("richards");
      s.richards_curves = resolve(base, r.str("curves"));
      s.site_classes = resolve(base, r.str("site_classes"));
      s.site_class_scheme = r.str("site_class_scheme");
      r.finish();
    } else if (s.growth_model == "yield_table") {
      MapReader y = g.map("yield_table");
      s.yield_table = resolve(base, y.str("path"));
      y.finish();
    } else {
      g.fail_value("model",
                   "unknown growth model '" + s.growth_model + "' (known: richards, yield_table)");
    }
    g.finish();
  }
  read_optional_sections(top, base, s);
  if (auto out = top.optional_map("output")) {
    s.output_path = out->str_or("path", "");
    if (out->get("path") && s.output_path.empty()) {
      out->fail_value("path", "the path is empty (leave the key out for '" +
                                  fs::path(path).stem().string() + ".h5')");
    }
    if (auto ps = out->optional_map("parcel_series")) {
      s.parcel_variables = ps->list("variables");
      s.parcel_interval = ps->int_optional("interval", 1, 1000, "years").value_or(1);
      ps->finish();
    }
    out->finish();
  }
  top.finish();

  if (ov.parcels) s.parcels_path = fs::absolute(*ov.parcels).lexically_normal().string();
  if (ov.output) s.output_path = *ov.output;
  if (ov.years) s.years = *ov.years;
  if (ov.threads) s.threads = *ov.threads;
  if (ov.unknown_species) {
    s.unknown_species = *ov.unknown_species;
    s.unknown_species_origin = "option --unknown-species";
  }
  if (s.output_path.empty()) s.output_path = fs::path(path).stem().string() + ".h5";
  if (s.age_reference_year && *s.age_reference_year > s.start_year - 1) {
    throw InputError(path + ": 'parcels.age_reference_year' " +
                     std::to_string(*s.age_reference_year) +
                     " is after the initial state (end of fiscal year " +
                     std::to_string(s.start_year - 1) + ")");
  }
  if (s.age_as_of) {
    const int fy = s.age_as_of->month >= 4 ? s.age_as_of->year : s.age_as_of->year - 1;
    if (fy > s.start_year - 1) {
      throw InputError(path + ": 'parcels.age_as_of' " +
                       yaml::date_text(s.age_as_of->year, s.age_as_of->month, s.age_as_of->day) +
                       " is in fiscal year " + std::to_string(fy) +
                       ", after the initial state (end of fiscal year " +
                       std::to_string(s.start_year - 1) + ")");
    }
  }
  return s;
}

std::string resolved_yaml(const Scenario& s) {
  YAML::Emitter e;
  e << YAML::BeginMap;
  e << YAML::Key << "format_version" << YAML::Value << s.format_version;
  e << YAML::Key << "description" << YAML::Value << s.description;
  e << YAML::Key << "simulation" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "start_year" << YAML::Value << s.start_year;
  e << YAML::Key << "years" << YAML::Value << s.years;
  e << YAML::Key << "threads" << YAML::Value << s.threads;
  e << YAML::EndMap;
  e << YAML::Key << "parcels" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "path" << YAML::Value << s.parcels_path;
  if (!s.layer.empty()) e << YAML::Key << "layer" << YAML::Value << s.layer;
  if (!s.open_options.empty()) e << YAML::Key << "open_options" << YAML::Value << s.open_options;
  e << YAML::Key << "fields" << YAML::Value << YAML::BeginMap;
  const std::pair<const char*, const std::string*> fields[] = {
      {"id", &s.fields.id},
      {"species", &s.fields.species},
      {"age", &s.fields.age},
      {"area", &s.fields.area},
      {"site_class", &s.fields.site_class},
      {"forest_type", &s.fields.forest_type},
      {"storey", &s.fields.storey},
      {"municipality", &s.fields.municipality},
      {"volume", &s.fields.volume},
      {"stems", &s.fields.stems},
      {"as_of", &s.fields.as_of}};
  for (const auto& [k, v] : fields) {
    if (!v->empty()) e << YAML::Key << k << YAML::Value << *v;
  }
  e << YAML::EndMap;
  if (s.area_epsg) {
    e << YAML::Key << "area_from_geometry" << YAML::Value << YAML::BeginMap << YAML::Key << "epsg"
      << YAML::Value << *s.area_epsg << YAML::EndMap;
  }
  if (s.age_reference_year)
    e << YAML::Key << "age_reference_year" << YAML::Value << *s.age_reference_year;
  if (s.age_as_of) {
    e << YAML::Key << "age_as_of" << YAML::Value
      << yaml::date_text(s.age_as_of->year, s.age_as_of->month, s.age_as_of->day);
  }
  if (s.fields.municipality.empty())
    e << YAML::Key << "municipality" << YAML::Value << s.municipality;
  e << YAML::Key << "invalid_values" << YAML::Value
    << (s.invalid_values == InvalidPolicy::error ? "error" : "skip");
  e << YAML::Key << "unknown_species" << YAML::Value
    << (s.unknown_species.empty() ? std::string("error") : s.unknown_species);
  if (s.allow_empty) e << YAML::Key << "allow_empty" << YAML::Value << true;
  e << YAML::EndMap;
  e << YAML::Key << "parameters" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "species" << YAML::Value << s.species_table;
  e << YAML::Key << "species_aliases" << YAML::Value << s.alias_table;
  if (!s.forest_type_table.empty())
    e << YAML::Key << "forest_types" << YAML::Value << s.forest_type_table;
  e << YAML::EndMap;
  e << YAML::Key << "growth" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "model" << YAML::Value << s.growth_model;
  if (s.growth_model == "richards") {
    e << YAML::Key << "richards" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "curves" << YAML::Value << s.richards_curves;
    e << YAML::Key << "site_classes" << YAML::Value << s.site_classes;
    e << YAML::Key << "site_class_scheme" << YAML::Value << s.site_class_scheme;
    e << YAML::EndMap;
  } else {
    e << YAML::Key << "yield_table" << YAML::Value << YAML::BeginMap << YAML::Key << "path"
      << YAML::Value << s.yield_table << YAML::EndMap;
  }
  e << YAML::EndMap;
  emit_optional_sections(e, s);
  e << YAML::Key << "output" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "path" << YAML::Value << s.output_path;
  e << YAML::Key << "parcel_series" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "variables" << YAML::Value << YAML::Flow << s.parcel_variables;
  e << YAML::Key << "interval" << YAML::Value << s.parcel_interval;
  e << YAML::EndMap << YAML::EndMap;
  e << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

}  // namespace shinrin::io
