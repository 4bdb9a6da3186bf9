#pragma once
//! Reads register parcels from any OGR vector source (GeoPackage, FlatGeobuf, Shapefile incl.
//! CP932 attributes via the ENCODING open option, GeoJSON, CSV) into a ParcelTable.
//!
//! Every record is classified (state/handling.hpp) in this order:
//!   1. area must be finite and > 0 (attribute, or polygon area in the scenario's projected CRS)
//!   2. the species name must be in the alias table, unless the scenario names a fallback species;
//!      the alias gives the species code or the land class (non-forest, bamboo, unstocked)
//!   3. a forest type (if mapped) of class bamboo / unstocked / non_forest overrides a species
//!   4. records to simulate need an age >= 0 (and a volume >= 0, stems >= 0 if those fields are
//!      mapped; NULL volume or stems = from the growth curve / the stand rules)
//! Unknown species names stop the load with a list of every name and its record count. Invalid
//! values stop it with a list naming parcel, field and value, or are skipped and counted when
//! the scenario sets invalid_values: skip.

#include <map>
#include <string>
#include <unordered_map>

#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/scenario.hpp"
#include "shinrin/state/handling.hpp"
#include "shinrin/state/parcel_table.hpp"

namespace shinrin::io {

struct ParcelLoad {
  ParcelTable parcels;      //!< records to simulate (curve column not yet set)
  HandlingReport handling;  //!< every record read, by handling class
  std::string layer;        //!< name of the layer read
  //! Register keys of the records that are not simulated, with their handling class (non_forest,
  //! bamboo, unstocked, skipped_invalid; the first class met when a key repeats), so that
  //! references to them (event lists) can say why they are not parcels.
  std::unordered_map<std::string, Handling> other_keys;
};

ParcelLoad read_parcels(const Scenario& scenario, const SpeciesTable& species,
                        const std::map<std::string, AliasEntry>& aliases,
                        const std::map<std::string, LandClass>& forest_types);

}  // namespace shinrin::io
