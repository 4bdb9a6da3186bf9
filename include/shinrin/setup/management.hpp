#pragma once
//! Turns the scenario's silviculture section into silviculture::Management and binds it to the
//! landscape.
//!
//! Regime matching, per simulated parcel: the first regime in file order whose species list
//! contains the parcel's species (no list: any species) and whose forest-type list contains the
//! parcel's register forest type. A regime without a forest-type list matches forest types of
//! class `forest` and parcels without a forest type, never `natural_forest`: natural forest stays
//! unmanaged unless a regime names its forest type.
//!
//! Regeneration after a final felling: the regime's, else the event list's, else none (the
//! parcel's own species and 0 stems; a final felling then is an error of the event list).

#include <map>
#include <string>
#include <vector>

#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/scenario.hpp"
#include "shinrin/params/species_params.hpp"
#include "shinrin/silviculture/management.hpp"
#include "shinrin/simulation/model.hpp"
#include "shinrin/state/landscape.hpp"

namespace shinrin::setup {

//! Regimes and event settings of `s.silviculture` (which must be present) with species codes
//! resolved against `species` and forest types checked against `forest_types`. Wood use and the
//! event CSR are left empty. Throws InputError at the scenario place of an unknown code.
silviculture::Management resolve_management(
    const io::Scenario& s, const SpeciesTable& species,
    const std::map<std::string, io::LandClass>& forest_types);

//! Sets the regime, regen_species and regen_stems columns of every row of `parcels`.
void assign_regimes(Landscape& parcels, const silviculture::Management& management,
                    const std::map<std::string, io::LandClass>& forest_types);

//! True if `r` needs the density diagram: a density trigger, a from-below or a volume-based
//! thinning.
bool uses_density_diagram(const silviculture::Regime& r);

//! Every parcel under a regime that uses the density diagram must have a diagram for its species
//! and its regeneration species; throws InputError listing regime, species and record counts.
void check_diagram_coverage(const Landscape& parcels, const silviculture::Management& management,
                            const sim::StandConfig& stand, const SpeciesTable& species,
                            const io::StandSection& section);

}  // namespace shinrin::setup
