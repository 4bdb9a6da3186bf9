#pragma once
//! Scenario files (YAML). The format is described in README.md ("Scenario format"); this header
//! is its single definition. Unknown keys are errors; every error names file, line, column and
//! the key path. Input paths inside a scenario are relative to the scenario file's folder; the
//! output path and paths given on the command line are relative to the working directory (an
//! output belongs to the run, not to the scenario).

#include <optional>
#include <string>
#include <vector>

namespace shinrin::io {

//! Scenario format version this engine reads (a different major is rejected).
inline constexpr int kScenarioFormatVersion = 1;

//! Source field names for each engine field; empty = not mapped.
struct FieldMap {
  std::string id;            //!< register key (required)
  std::string species;       //!< species name (required)
  std::string age;           //!< stand age [years] (required)
  std::string area;          //!< area [ha] (required unless area comes from geometry)
  std::string site_class;    //!< site class (地位), integer
  std::string forest_type;   //!< forest type (林種)
  std::string storey;        //!< storey (層区分): 上層木 / 下層木 / empty
  std::string municipality;  //!< municipality name
  std::string volume;        //!< stem volume [m3 ha-1]; when absent, from the growth curve
};

enum class InvalidPolicy { error, skip };

struct Scenario {
  std::string file;         //!< scenario path as given
  std::string description;
  int format_version = kScenarioFormatVersion;

  // simulation
  int start_year = 0;       //!< first simulated fiscal year
  int years = 0;            //!< number of simulated years
  int threads = 0;          //!< 0 = all available

  // parcels
  std::string parcels_path;
  std::string layer;                      //!< empty = the first layer
  std::vector<std::string> open_options;  //!< GDAL open options, e.g. ENCODING=CP932
  FieldMap fields;
  std::optional<int> area_epsg;           //!< area from geometry in this projected CRS
  std::optional<int> age_reference_year;  //!< fiscal year the register's ages refer to
  std::string municipality;               //!< name used when fields.municipality is not mapped
  InvalidPolicy invalid_values = InvalidPolicy::error;
  std::string unknown_species;            //!< empty = error; else fallback species code
  std::string unknown_species_origin;     //!< where it was set ("file:line:col" or the option)

  // parameters
  std::string species_table;
  std::string alias_table;
  std::string forest_type_table;

  // growth
  std::string growth_model;               //!< "richards" or "yield_table"
  std::string richards_curves;
  std::string site_classes;
  std::string site_class_scheme;
  std::string yield_table;

  // output
  std::string output_path;
  std::vector<std::string> parcel_variables;  //!< per-parcel series to write
  int parcel_interval = 1;                    //!< years between per-parcel outputs
};

//! Command-line values that replace scenario values.
struct ScenarioOverrides {
  std::optional<std::string> parcels;
  std::optional<std::string> output;
  std::optional<int> years;
  std::optional<int> threads;
  std::optional<std::string> unknown_species;
};

//! Reads and validates `path`, resolves relative paths, applies `overrides`.
Scenario load_scenario(const std::string& path, const ScenarioOverrides& overrides = {});

//! The fully resolved scenario as YAML text (what a results file stores).
std::string resolved_yaml(const Scenario& s);

}  // namespace shinrin::io
