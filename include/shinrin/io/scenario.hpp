#pragma once
//! Scenario files (YAML). The format is described in README.md ("Scenario format"); this header
//! is its single definition. Unknown keys are errors; every error names file, line, column and
//! the key path. Input paths inside a scenario are relative to the scenario file's folder; the
//! output path and paths given on the command line are relative to the working directory (an
//! output belongs to the run, not to the scenario).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shinrin/carbon/initial_stocks.hpp"
#include "shinrin/planning/plan.hpp"
#include "shinrin/silviculture/regime.hpp"

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
  std::string stems;         //!< stems [ha-1] (本数); when absent, from the stand rules
  std::string as_of;         //!< date of the record's register snapshot; ages are as of that date
};

//! A calendar date written in a scenario (YYYY-MM-DD).
struct Date {
  int year = 0, month = 0, day = 0;
};

enum class InvalidPolicy { error, skip };

//! A scenario value that is checked later against a parameter table (e.g. a species code), with
//! where it was written, "file:line:column: 'key.path'", for that later message.
struct Located {
  std::string value;
  std::string origin;
};

//! Section `stand`: stems, top height and yield index.
struct StandSection {
  std::string height_curves;             //!< top-height Richards curves (A in m)
  std::string height_site_classes;       //!< site-class schemes (height_factor column)
  std::string height_site_class_scheme;  //!< scheme name in height_site_classes
  std::string density_diagram;           //!< density-diagram table; empty = none
  std::string density_diagram_region;    //!< region of the diagram rows to use
  //! Initial stems put the stand at this yield index Ry where a diagram exists, (0, 1) [1];
  //! required with a density diagram.
  std::optional<double> initial_yield_index;
  double initial_stems_max = 0.0;      //!< upper bound of initial stems (planting density) [ha-1]
  double initial_stems_default = 0.0;  //!< initial stems without a diagram or below 2 m [ha-1]
  double critical_stocking = 0.0;      //!< [0, 1]; 0 switches growth scaling off [1]
};

//! Section `carbon`: dead wood, litter, soil and harvested wood products.
struct CarbonSection {
  std::string decay;  //!< decay and turnover table (data/decay.csv)
  std::string hwp;    //!< HWP half-life table (data/hwp.csv)
  bool soil = false;  //!< simulate the soil pool
  //! carbon.initial_stocks.method: dead wood, litter and soil at the start (absent: zero).
  carbon::InitialMethod initial = carbon::InitialMethod::zero;
  std::string initial_table;  //!< carbon.initial_stocks.table (method table; data/dom_initial.csv)
};

//! `regeneration` of a regime or of the event list: what grows after a final felling.
struct RegenerationSpec {
  silviculture::RegenerationMethod method = silviculture::RegenerationMethod::replant;
  Located species;            //!< species code, resolved against the species table at load
  double stems_per_ha = 0.0;  //!< stems at age 0 [ha-1]
};

//! One item of `silviculture.regimes`, as written (species codes not yet resolved).
struct RegimeSpec {
  std::string name;
  std::string origin;            //!< where the item starts, "file:line:column: 'key.path'"
  std::vector<Located> species;  //!< species codes; empty = any species
  //! Register forest-type names; nullopt = every forest type of class `forest` and parcels
  //! without a forest type (natural forest only when named).
  std::optional<std::vector<Located>> forest_types;
  std::vector<silviculture::ScheduledThinning> thinnings;  //!< sorted by age
  silviculture::DensityTrigger trigger;                    //!< enabled = density_trigger given
  int rotation_age = 0;            //!< final felling at this age [years], 0 = none
  std::vector<int> felling_years;  //!< final felling in these fiscal years (sorted)
  silviculture::RemovalShares thinning_removals;
  silviculture::RemovalShares felling_removals;
  std::optional<RegenerationSpec> regeneration;  //!< required with final_felling
};

//! `silviculture.events`: an explicit event list (CSV parcel,year,operation,intensity).
struct EventsSection {
  std::string path;
  //! Removal shares of events on parcels without a regime (both or neither).
  std::optional<silviculture::RemovalShares> thinning_removals;
  std::optional<silviculture::RemovalShares> felling_removals;
  //! Regeneration after final-felling events on parcels whose regime has none (or no regime).
  std::optional<RegenerationSpec> regeneration;
};

//! How a target's amount is given.
enum class AmountKind { constant, per_unit, schedule, normal_forest, area_share, boiler_demand };

//! One item of `planning.targets`, as written (regime and unit names not yet resolved).
struct TargetSpec {
  std::string name;
  std::string origin;  //!< "file:line:column: 'key.path'"
  planning::Operation operation = planning::Operation::final_felling;
  std::optional<std::vector<Located>> regimes;  //!< nullopt: every regime with the operation
  std::string unit = "landscape";               //!< landscape, municipality or field
  std::string unit_field;                       //!< register field when unit == "field"
  planning::Basis basis = planning::Basis::area;
  AmountKind kind = AmountKind::constant;
  double amount = 0.0;                               //!< constant [basis unit per year]
  std::vector<std::pair<Located, double>> per_unit;  //!< unit name -> amount
  std::vector<std::pair<int, double>> schedule;      //!< fiscal year -> amount, sorted
  double share = 0.0;         //!< area_share: fraction of the covered area [year-1]
  std::string amount_origin;  //!< where the amount is written
  planning::Priority priority = planning::Priority::oldest_first;
  std::uint64_t seed = 0;
  planning::LastParcel last_parcel = planning::LastParcel::stop;  //!< README: stop is the default
  std::string source;            //!< where the figure comes from (required)
  std::vector<Located> boilers;  //!< boiler_demand: the boilers it feeds
};

//! Section `planning`: annual harvest targets (planning/plan.hpp).
struct PlanningSection {
  std::vector<TargetSpec> targets;
};

//! A fuel used a year, by name in the fuel-factor table.
struct FuelUseSpec {
  Located fuel;
  double quantity = 0.0;  //!< [the fuel's unit] a year
};

//! One item of `fuel.boilers`, as written.
struct BoilerSpec {
  std::string name;
  std::string origin;                                 //!< "file:line:column: 'key.path'"
  std::string form = "firewood";                      //!< firewood | chips
  std::optional<std::pair<double, double>> location;  //!< x, y in fuel.epsg [m]
  std::string location_origin;
  std::string catchment_kind;  //!< municipality | radius | parcels
  std::string catchment_municipality;
  double catchment_radius_km = 0.0;
  std::vector<std::string> catchment_parcels;
  std::string catchment_origin;
  std::vector<std::string> sources;     //!< residues, fuelwood, extra_operations
  std::optional<double> heat_demand;    //!< useful heat [GJ year-1], or
  std::optional<FuelUseSpec> replaces;  //!< fossil fuel replaced a year
  std::vector<double> profile;  //!< monthly shares of the demand, April..March (empty: none)
  std::string demand_origin;
  double project_efficiency = 0.0, baseline_efficiency = 0.0;
  std::string efficiency_basis = "HHV";  //!< HHV | LHV
  std::string efficiency_origin;
  Located baseline_fuel, backup_fuel;
  int first_year = 0, last_year = 0;
  std::optional<double> max_intake;  //!< [t dry year-1]
  double moisture = 0.0;             //!< wet basis [%]
  Located heating_value;             //!< formula name
  int drying_years = 0;
  double stock_loss = 0.0;          //!< [year-1]
  std::optional<double> max_stock;  //!< shed capacity [t dry]
  double initial_stock = 0.0;       //!< seasoned wood at the start [t dry]
  std::vector<FuelUseSpec> auxiliary;
  std::optional<double> electricity_kwh;  //!< [kWh year-1]
  double transport_tkm = 0.0, transport_factor = 0.0;
};

//! Section `fuel`: wood boilers fed from the simulated forest.
struct FuelSection {
  std::string factors;          //!< fossil-fuel factor table (data/fuel_factors.csv)
  std::string wood;             //!< wood-fuel table (data/wood_fuel.csv)
  Located vintage;              //!< factor list, e.g. jcredit_revised
  Located electricity_vintage;  //!< factor list of grid electricity (when any boiler uses power)
  std::optional<int> epsg;      //!< projected CRS of boiler locations and radius catchments
  std::vector<BoilerSpec> boilers;
};

//! Section `silviculture`: regimes, wood use and events.
struct SilvicultureSection {
  std::string wood_use;             //!< wood-use table (data/wood_use.csv)
  std::vector<RegimeSpec> regimes;  //!< in file order: the first that matches a parcel applies
  std::optional<EventsSection> events;
};

//! The extra register field name under which the parcel reader reports whether a record's
//! centroid lies in a polygon layer ("1") or not (""): "@polygons:<path>#<layer>".
std::string polygon_field(const std::string& path, const std::string& layer);

//! A register field and the values that mean "yes" (empty: any non-empty value).
struct FieldTest {
  std::string field;
  std::vector<std::string> values;
  std::string origin;
};

//! A number a project gives in place of the crediting table's.
struct ParameterOverride {
  std::string name;  //!< e.g. "buffer_share", "standard_rotation_age"
  std::string key;   //!< species code for per-species values, "-" otherwise
  double value = 0.0;
  std::string origin;  //!< scenario place
};

//! One item of `crediting.projects`, as written.
struct ProjectSpec {
  std::string name;
  std::string origin;
  Located methodology;
  // Parcels (forest methodologies): all filters that are given must hold.
  std::vector<Located> municipalities, species, forest_types, keys;
  std::optional<FieldTest> field;
  std::string polygons;  //!< a polygon layer: parcels whose centroid lies inside (empty: none)
  std::string polygons_layer;  //!< its layer (empty: the first)
  std::string parcels_origin;
  // Boilers (boiler methodologies).
  std::vector<Located> boilers;
  // Periods: explicit list, or first year + credit period + monitoring interval.
  std::vector<std::pair<int, int>> periods;
  std::string periods_origin;
  std::string growth = "yield_curve";                 //!< yield_curve | age_class_table
  std::optional<std::string> treatment_record_field;  //!< register year of the last treatment
  std::optional<FieldTest> protected_forest;          //!< natural forest that counts
  std::optional<FieldTest> afforested;                //!< R003: planted on non-forest land
  bool replanting = false;
  bool hwp = false;
  std::string baseline = "none";  //!< none | unmanaged | regimes
  std::vector<std::pair<Located, std::string>>
      baseline_regimes;                //!< regime -> baseline regime or "none"
  std::optional<double> plan_area_ha;  //!< area of the forest management plan (FO-001 partial rule)
  std::vector<ParameterOverride> parameters;
};

//! Section `crediting`: credit projects over the simulated landscape.
struct CreditingSection {
  std::string parameters;  //!< crediting table (data/crediting.csv)
  std::vector<ProjectSpec> projects;
};

struct Scenario {
  std::string file;  //!< scenario path as given
  std::string description;
  int format_version = kScenarioFormatVersion;

  // simulation
  int start_year = 0;  //!< first simulated fiscal year
  int years = 0;       //!< number of simulated years
  int threads = 0;     //!< 0 = all available

  // parcels
  std::string parcels_path;
  std::string layer;                      //!< empty = the first layer
  std::vector<std::string> open_options;  //!< GDAL open options, e.g. ENCODING=CP932
  FieldMap fields;
  std::optional<int> area_epsg;           //!< area from geometry in this projected CRS
  std::optional<int> age_reference_year;  //!< fiscal year the register's ages refer to
  std::optional<Date> age_as_of;          //!< one snapshot date for every record
  std::string municipality;               //!< name used when fields.municipality is not mapped
  InvalidPolicy invalid_values = InvalidPolicy::error;
  std::string unknown_species;         //!< empty = error; else fallback species code
  std::string unknown_species_origin;  //!< where it was set ("file:line:col" or the option)
  //! parcels.allow_empty: a run with no simulated parcel goes on (writes an empty result)
  //! instead of stopping with an input error.
  bool allow_empty = false;

  // parameters
  std::string species_table;
  std::string alias_table;
  std::string forest_type_table;

  // growth
  std::string growth_model;  //!< "richards" or "yield_table"
  std::string richards_curves;
  std::string site_classes;
  std::string site_class_scheme;
  std::string yield_table;

  // optional sections
  std::optional<StandSection> stand;                //!< absent: no stems, height or yield index
  std::optional<CarbonSection> carbon;              //!< absent: biomass pools only
  std::optional<SilvicultureSection> silviculture;  //!< absent: no management (needs carbon)
  std::optional<PlanningSection> planning;          //!< absent: regimes act when due
  std::optional<FuelSection> fuel;                  //!< absent: no boilers
  std::optional<CreditingSection> crediting;        //!< absent: no credit projects

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
