#pragma once
//! Everything the annual loop reads besides the parcel table: parameter tables, tabulated growth,
//! stand-density settings, carbon decay constants and management. Built once by io::prepare_run,
//! read-only during the run.

#include <cstdint>
#include <optional>
#include <vector>

#include "shinrin/carbon/decay.hpp"
#include "shinrin/carbon/initial_stocks.hpp"
#include "shinrin/growth/density_diagram.hpp"
#include "shinrin/silviculture/management.hpp"

namespace shinrin::sim {

//! Stand structure: stems and top height (scenario section `stand`).
struct StandConfig {
  bool enabled = false;  //!< stems, height and Ry are simulated
  //! Density diagram per species (indexed like the SpeciesTable); nullopt where none is loaded.
  //! The kernel reads the diagrams through the growth table's tabulated terms; this is the source
  //! they were tabulated from.
  std::vector<std::optional<growth::DensityDiagram>> diagram_by_species;
  double initial_yield_index = 0.0;    //!< initial stems put the stand at this Ry (diagram species)
  double initial_stems_max = 0.0;      //!< upper bound of initial stems [ha-1] (planting density)
  double initial_stems_default = 0.0;  //!< initial stems without a diagram or below 2 m [ha-1]
  //! Growth after thinning: the yield-curve increment is scaled by min(1, rho / critical) with
  //! rho = V / V_curve(age); 0 switches the scaling off.
  double critical_stocking = 0.0;
};

using Management = silviculture::Management;

//! Read-only inputs of a run other than the species table and growth table (passed separately).
struct Model {
  StandConfig stand;
  bool carbon_enabled = false;  //!< dead wood, litter, soil and HWP decay configured
  carbon::DecayConfig decay;
  carbon::InitialStocks initial_stocks;  //!< dead wood, litter and soil at the start
  carbon::HwpConfig hwp;
  Management management;
};

}  // namespace shinrin::sim
