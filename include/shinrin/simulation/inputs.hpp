#pragma once
//! Inputs: everything a run reads and never changes, built once by setup (or by hand in tests and
//! benchmarks) and shared by every State that runs over it: the landscape's static columns, the
//! parameter tables, the tabulated growth curves, stand, carbon and management settings, and the
//! harvest plan. A run advances a State (state/state.hpp); Inputs stay as they were, so a baseline
//! and a project, or many draws, run over one Inputs without reading any file twice.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "shinrin/crediting/project.hpp"
#include "shinrin/fuel/model.hpp"
#include "shinrin/growth/growth_table.hpp"
#include "shinrin/params/species_params.hpp"
#include "shinrin/planning/plan.hpp"
#include "shinrin/simulation/model.hpp"
#include "shinrin/state/landscape.hpp"

namespace shinrin::sim {

//! A group of parcels that aggregates share: (species, municipality, regime group). The regime
//! group of a parcel without a regime is the number of regimes.
struct Cell {
  std::uint16_t species = 0, municipality = 0, regime = 0;
};

struct Inputs {
  Landscape parcels;  //!< canonical row order (Landscape::sort_canonical)
  SpeciesTable species{{}};
  growth::GrowthTable growth;  //!< curves indexed by Landscape::curve / regen_curve
  Model model;                 //!< stand, carbon and management settings
  planning::Plan plan;         //!< harvest planning targets (empty: none)
  fuel::FuelModel fuel;        //!< wood boilers and each parcel's home boiler (empty: none)
  crediting::Projects credit;  //!< credit projects (empty: none); forest ones accumulate in State
  int start_year = 2025;       //!< first simulated fiscal year
  int years = 30;              //!< simulated fiscal years

  // Derived by finish_inputs(): the aggregation cell of every row now and after a final felling.
  std::vector<Cell> cells;
  std::vector<std::uint32_t> cell;        //!< per row, with the initial species
  std::vector<std::uint32_t> regen_cell;  //!< per row, with the regeneration species

  std::size_t regime_groups() const { return model.management.regimes.size() + 1; }
  std::size_t times() const { return static_cast<std::size_t>(years) + 1; }
};

//! Computes the derived columns of `in` (cells). Call after the landscape is complete and in its
//! final order; setup does, and so must code that builds Inputs by hand.
void finish_inputs(Inputs& in);

}  // namespace shinrin::sim
