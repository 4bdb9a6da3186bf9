#pragma once
//! Growth curves of the landscape: one per (species, site class) met now or after a final felling
//! (regeneration species), tabulated once (growth/growth_table.hpp).

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "shinrin/growth/density_diagram.hpp"
#include "shinrin/growth/growth_model.hpp"
#include "shinrin/growth/growth_table.hpp"
#include "shinrin/params/species_params.hpp"
#include "shinrin/state/landscape.hpp"

namespace shinrin::setup {

//! A model that must cover every curve, and how to name it in a message.
struct CurveSource {
  const growth::GrowthModel* model = nullptr;
  std::string description;  //!< e.g. "growth model 'richards' (data/richards_curves.csv, ...)"
};

struct Curves {
  std::vector<growth::CurveKey> keys;  //!< curve index -> (species, site class)
  int max_age = 1;                     //!< oldest age any parcel reaches [years]
};

//! Sets the curve and regen_curve columns of `parcels`. Throws InputError, naming `where` (the
//! layer) and each reason with the records concerned (now and after regeneration), if a source
//! cannot give a curve.
Curves assign_curves(Landscape& parcels, const SpeciesTable& species, int years,
                     const std::string& where, std::span<const CurveSource> sources);

//! Volume (and top height, density terms from the species' diagrams when given) of every curve.
growth::GrowthTable tabulate(
    const Curves& curves, const SpeciesTable& species, const growth::GrowthModel& volume,
    const growth::GrowthModel* height,
    std::span<const std::optional<growth::DensityDiagram>> diagram_by_species);

}  // namespace shinrin::setup
