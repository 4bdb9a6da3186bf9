#pragma once
//! Loaders of the CSV parameter tables in data/. Each checks every row and names file, line and
//! column in its errors.
//!
//!   species.csv          species,parameter,value,unit,status,source   (D, BEF_young, BEF_old, R,
//!   CF) species_aliases.csv  name,class,species,note                       (register name ->
//!   code/class) forest_types.csv     name,class,note                               (register
//!   forest type -> class) height_curves.csv    species,A,k,c,status,source                   (top
//!   height, A in m) richards_curves.csv  species,A,k,c,status,source site_classes.csv
//!   scheme,site_class,asymptote_factor,height_factor,status,source yield table
//!   species,site_class,age,volume,status,source  (site_class * = every class)

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "shinrin/growth/richards_model.hpp"
#include "shinrin/growth/yield_table_model.hpp"
#include "shinrin/params/species_params.hpp"

namespace shinrin::io {

//! How a register name or forest type is handled.
enum class LandClass { forest, natural_forest, bamboo, unstocked, non_forest };

struct AliasEntry {
  LandClass land_class = LandClass::forest;
  std::size_t species = 0;  //!< index into the SpeciesTable (forest only)
};

SpeciesTable load_species_table(const std::string& path);
std::map<std::string, AliasEntry> load_alias_table(const std::string& path,
                                                   const SpeciesTable& species);
std::map<std::string, LandClass> load_forest_types(const std::string& path);
//! What a Richards table describes: stem volume (richards_curves.csv, A in m3 ha-1, site classes
//! scale by asymptote_factor) or top height (height_curves.csv, A in m, by height_factor).
enum class RichardsQuantity { volume, height };
growth::RichardsModel load_richards_model(const std::string& curves_path,
                                          const std::string& site_classes_path,
                                          const std::string& scheme,
                                          RichardsQuantity quantity = RichardsQuantity::volume);
//! Yield-table curves keyed by (species, site class), each with the provenance of its volumes.
std::map<growth::YieldTableModel::Key, growth::YieldTableCurve> read_yield_tables(
    const std::string& path);
growth::YieldTableModel load_yield_table_model(const std::string& path);

}  // namespace shinrin::io
