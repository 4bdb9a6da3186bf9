#pragma once
//! Loading a scenario: reads every input through io (formats) and binds it through setup (the
//! model), once, into immutable sim::Inputs plus what the results file records about them
//! (handling of records, parameters used with their provenance, input files and their SHA-256).
//! Nothing here is read again when several States run over the same Inputs.

#include <memory>
#include <string>
#include <vector>

#include "shinrin/core/provenance.hpp"
#include "shinrin/growth/growth_model.hpp"
#include "shinrin/io/results_writer.hpp"
#include "shinrin/io/scenario.hpp"
#include "shinrin/simulation/inputs.hpp"
#include "shinrin/simulation/outputs.hpp"
#include "shinrin/state/handling.hpp"

namespace shinrin::driver {

struct Loaded {
  io::Scenario scenario;
  io::RunRecord record;                  //!< scenario text, handling, parameters, input files
  sim::Inputs inputs;                    //!< the landscape, tables and plan, immutable from here on
  sim::OutputSelection output;           //!< per-parcel series selection
  std::string growth_model;              //!< name of the growth model
  std::vector<growth::CurveKey> curves;  //!< curve index -> (species, site class)
  std::vector<std::string> warnings;     //!< the first warnings about records (setup/classify.hpp)
  long warning_count = 0;                //!< every warning
};

//! Refuses an output path a run cannot or must not write, before anything is loaded: an empty
//! path, a path in a folder that does not exist, a folder, or any input file of the scenario
//! (scenario, parcels and a shapefile's companions, parameter tables, event list, crediting
//! polygons; the same file on disk or the same path). Throws InputError naming both paths.
void check_output(const io::Scenario& scenario);

//! Loads and checks everything named by `scenario` (check_output first). Throws InputError with
//! file/line or parcel/field context on any problem: every problem of every stage in one message
//! (a stage that needs what an earlier one could not load is not checked: without the species or
//! alias table no record is classified, without the layer nothing after it is checked).
Loaded load(const io::Scenario& scenario);

}  // namespace shinrin::driver
