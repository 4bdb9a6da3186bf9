#pragma once
//! Loaders of the parameter tables of stand structure, dead organic matter and wood use. Each
//! checks every row it uses, names file, line and column in its errors, and returns the
//! provenance of the values it read.
//!
//!   density_diagram.csv  region,species,b1,b2,b3,b4,c,status,source (growth/density_diagram.hpp)
//!   decay.csv            parameter,species,value,unit,status,source        (carbon/decay.hpp)
//!   hwp.csv              category,half_life,unit,status,source             (carbon/decay.hpp)
//!   wood_use.csv         stream,sawnwood,panels,paper,burnt,status,source
//!   (silviculture/wood_use.hpp)
//!
//! The top-height curves (height_curves.csv) are read by load_richards_model with
//! RichardsQuantity::height (parameter_tables.hpp).

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "shinrin/carbon/decay.hpp"
#include "shinrin/core/provenance.hpp"
#include "shinrin/growth/density_diagram.hpp"
#include "shinrin/params/species_params.hpp"
#include "shinrin/silviculture/wood_use.hpp"

namespace shinrin::io {

//! Density diagrams of one region, indexed like the SpeciesTable.
struct DensityDiagramTable {
  std::vector<std::optional<growth::DensityDiagram>>
      by_species;  //!< nullopt: no row for the species
  //! Per species: provenance of b1, b2, b3, b4, c (names diagram_b1 ... diagram_c, key
  //! "<region> <species>"; unit "1": empirical coefficients of V [m3 ha-1], H [m], N [ha-1]).
  std::vector<std::vector<ParameterRecord>> records;
};

//! Rows of `region`. Errors: no rows for the region (lists the regions in the file), a species
//! code not in `species`, a species given twice, b1 or b3 <= 0, an empty c.
DensityDiagramTable load_density_diagrams(const std::string& path, const std::string& region,
                                          const SpeciesTable& species);

//! Decay constants and the provenance of the values the run uses.
struct DecayTable {
  carbon::DecayConfig config;            //!< by_species sized like the SpeciesTable
  std::vector<ParameterRecord> records;  //!< rows used by `species_used`; soil rows only with soil
};

//! Parameters: dead_wood_rate, litter_rate, to_soil and the turnover rates litterfall_rate,
//! ag_mortality_rate, root_turnover_rate per species (a species row overrides the '*' row);
//! soil_rate and residue_to_litter for every species ('*' only). Decay rates [year-1] > 0,
//! turnover rates [year-1] in [0, 1] (root turnover is used only with the soil pool), shares [1]
//! in [0, 1]. Every parameter needs a '*' row or a row for each of `species_used`
//! (indexes into `species`); otherwise one error lists every gap.
DecayTable load_decay_table(const std::string& path, const SpeciesTable& species,
                            std::span<const std::size_t> species_used, bool soil_enabled);

struct HwpTable {
  carbon::HwpConfig config;              //!< k = ln 2 / half-life
  std::vector<ParameterRecord> records;  //!< the three half-lives [year]
};

//! Rows sawnwood, panels and paper, each once, half_life > 0 [year].
HwpTable load_hwp_table(const std::string& path);

struct WoodUseTable {
  silviculture::WoodUse wood_use;
  std::vector<ParameterRecord> records;  //!< four shares per stream [1]
};

//! Rows sawlog, other_industrial and fuelwood, each once; shares in [0, 1] adding up to 1.
WoodUseTable load_wood_use_table(const std::string& path);

}  // namespace shinrin::io
