#pragma once
//! Everything a run needs, loaded and validated before year one: scenario, parameter tables,
//! growth model and its tabulated curves, parcels, and the provenance of every parameter used.

#include <memory>
#include <string>
#include <vector>

#include "shinrin/core/provenance.hpp"
#include "shinrin/growth/growth_model.hpp"
#include "shinrin/growth/growth_table.hpp"
#include "shinrin/io/scenario.hpp"
#include "shinrin/params/species_params.hpp"
#include "shinrin/simulation/model.hpp"
#include "shinrin/simulation/outputs.hpp"
#include "shinrin/state/handling.hpp"
#include "shinrin/state/parcel_table.hpp"

namespace shinrin::io {

//! An input file and its SHA-256, recorded in the results for traceability.
struct InputFile {
  std::string role;  //!< e.g. "parcels", "species"
  std::string path;
  std::string sha256;
};

struct RunSetup {
  Scenario scenario;
  std::string scenario_text;    //!< resolved scenario YAML
  std::string scenario_sha256;  //!< SHA-256 of scenario_text
  SpeciesTable species{{}};
  std::unique_ptr<growth::GrowthModel> growth_model;
  std::vector<growth::CurveKey> curves;  //!< curve index -> (species, site class)
  growth::GrowthTable growth_table;
  ParcelTable parcels;          //!< sorted by curve
  HandlingReport handling;
  std::string layer;            //!< layer read
  std::vector<ParameterRecord> parameters_used;  //!< of species and curves that are simulated
  std::vector<InputFile> inputs;
  sim::OutputSelection output;  //!< per-parcel series selection
  sim::Model model;             //!< stand, carbon and management settings of the run
};

//! Loads and checks everything named by `scenario`. Throws InputError with file/line or
//! parcel/field context on any problem.
RunSetup prepare_run(const Scenario& scenario);

}  // namespace shinrin::io
