#pragma once
// Internal (io module): the optional scenario sections `stand`, `carbon` and `silviculture`
// (format in README.md, "Scenario format"; structures in include/shinrin/io/scenario.hpp).

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "shinrin/io/scenario.hpp"
#include "yaml_reader.hpp"

namespace shinrin::io {

//! Shortest text that reads back as `v` ("0.7", not yaml-cpp's 0.69999999999999996), for the
//! resolved scenario and messages.
std::string num(double v);

//! Reads the optional sections of the top-level mapping `top` into `s` (paths resolved against
//! `base`, the scenario's folder) and checks the rules between sections: silviculture needs
//! carbon; a density trigger, a from-below or a volume-based thinning needs
//! stand.density_diagram. `s.fields` must already be read. Throws InputError naming
//! file:line:column and key path.
void read_optional_sections(yaml::MapReader& top, const std::filesystem::path& base, Scenario& s);

//! Section `planning` (scenario_planning.cpp).
PlanningSection read_planning(yaml::MapReader m);
void emit_planning(YAML::Emitter& e, const PlanningSection& p);

//! Section `fuel` (scenario_fuel.cpp).
FuelSection read_fuel(yaml::MapReader m, const std::filesystem::path& base);
void emit_fuel(YAML::Emitter& e, const FuelSection& f);

//! Section `crediting` (scenario_crediting.cpp).
CreditingSection read_crediting(yaml::MapReader m, const std::filesystem::path& base,
                                const Scenario& s);
void emit_crediting(YAML::Emitter& e, const CreditingSection& c);

//! Emits the sections that are present, as resolved (absolute paths, every value explicit).
void emit_optional_sections(YAML::Emitter& e, const Scenario& s);

}  // namespace shinrin::io
