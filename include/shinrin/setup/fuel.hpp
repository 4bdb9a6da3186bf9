#pragma once
//! Binds the scenario's `fuel` section (boilers) to the landscape (fuel/model.hpp): factors from
//! the fuel-factor table at the scenario's vintage, wood constants, heat demand, catchments and
//! each parcel's home boiler. Every problem names its scenario place.

#include <vector>

#include "shinrin/core/provenance.hpp"
#include "shinrin/fuel/model.hpp"
#include "shinrin/io/fuel_tables.hpp"
#include "shinrin/io/scenario.hpp"
#include "shinrin/state/landscape.hpp"

namespace shinrin::setup {

struct BoundFuel {
  fuel::FuelModel model;
  std::vector<ParameterRecord> records;  //!< every factor and constant the boilers use
};

//! The boilers of `s.fuel` (which must be present) over `parcels` in their final order.
BoundFuel bind_fuel(const io::Scenario& s, const Landscape& parcels,
                    const io::FossilFactorTable& factors, const io::WoodFuelTable& wood);

}  // namespace shinrin::setup
