#pragma once
//! Loader of the initial dead-organic-matter table (data/dom_initial.csv):
//!   pool,species,forest_type,value,unit,status,source
//! pool dead_wood, litter or soil; species a code of the species table or '*'; forest_type
//! plantation, natural or '*'; value >= 0 [t C ha-1]. A (species, forest type) takes the most
//! specific row of each pool: species and type, species and '*', '*' and type, '*' and '*'.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "shinrin/carbon/initial_stocks.hpp"
#include "shinrin/core/provenance.hpp"
#include "shinrin/params/species_params.hpp"

namespace shinrin::io {

struct DomInitialTable {
  std::vector<carbon::DomStocks> by_species_type;  //!< [species * 2 + natural] [t C ha-1]
  std::vector<ParameterRecord> records;            //!< rows used by `species_used`
};

//! Errors (one message for all gaps): a pool with no row for a species of `species_used` and a
//! forest type; a row given twice; unknown pool, species or forest type; a negative value; a unit
//! other than "t C ha-1". Soil rows are required and recorded only with `soil_enabled`.
DomInitialTable load_dom_initial_table(const std::string& path, const SpeciesTable& species,
                                       std::span<const std::size_t> species_used,
                                       bool soil_enabled);

}  // namespace shinrin::io
