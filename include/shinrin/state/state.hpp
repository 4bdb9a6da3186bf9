#pragma once
//! What a run changes: the dynamic stand columns, the carbon pools and this year's per-parcel
//! exchange with the atmosphere. Several States can run over one set of Inputs (a baseline and a
//! project, many draws); each starts from the Inputs' initial state.
//!
//! Columns are indexed like the Landscape rows. A final felling may change species and curve
//! (regeneration with another species), so those are dynamic too.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "shinrin/carbon/pools.hpp"
#include "shinrin/crediting/ledger.hpp"
#include "shinrin/fuel/boiler.hpp"

namespace shinrin {

//! since_thinning of a stand with no thinning on record (the register has no history) [years].
inline constexpr std::int16_t kNeverThinned = 32000;

struct State {
  explicit State(std::size_t parcels = 0);

  std::size_t size() const { return age.size(); }

  std::vector<std::int16_t> age;  //!< stand age [years]
  std::vector<float> volume;      //!< stem volume [m3 ha-1]
  std::vector<float> stems;       //!< stems [ha-1] (NaN when stands are not simulated)
  std::vector<float> height;      //!< top height (上層樹高) [m] (NaN likewise)
  std::vector<std::int16_t>
      since_thinning;                  //!< years since the last thinning, capped at kNeverThinned
  std::vector<std::uint16_t> species;  //!< current species (index into the SpeciesTable)
  std::vector<std::uint32_t> curve;    //!< current growth curve
  carbon::PoolTable pools;             //!< carbon pools [t C ha-1] and their balance columns
  //! This year's carbon uptake by growth [t C ha-1 year-1], kept from the growth phase for the
  //! phases after a landscape barrier (outputs of the year).
  std::vector<double> uptake;
  //! Columns of a growth model with its own state (a process model such as 3-PG keeps foliage,
  //! root and stem biomass, soil water, ...), growth_width values per parcel, column-major:
  //! column k of parcel i is growth_state[k * size() + i]. Empty for tabulated curves.
  std::vector<float> growth_state;
  std::size_t growth_width = 0;
  //! The wood in each boiler's shed (fuel/boiler.hpp), indexed like Inputs::fuel.boilers.
  std::vector<fuel::Stock> fuel_stocks;
  //! Each credit project's ledger (crediting/ledger.hpp), indexed like Inputs::credit.projects
  //! (empty for boiler projects): the scheme's own figures, kept apart from the pools.
  std::vector<crediting::ProjectLedger> credit;
};

}  // namespace shinrin
