#pragma once
//! Dead wood, litter and soil at the start of a run (scenario carbon.initial_stocks):
//!   table         per hectare from survey tables by species and forest type (data/dom_initial.csv,
//!                 DOMAIN.md 5.1): the stocks a forest of that kind holds on average, so the first
//!                 years' decay and inputs are those of a forest that has a history; where a
//!                 stand's inputs differ from what sustains the table's stocks, the pools drift
//!                 towards their own steady state over decades (soil slowest, half-life 35 years)
//!   steady_state  the steady state of each stand's turnover and the decay rates (turnover.hpp),
//!                 the limit a spin-up converges to: an unmanaged stand starts with no net flux in
//!                 its dead organic matter; a young stand starts with little (the legacy of the
//!                 previous rotation is not kept)
//!   zero          none (only what harvest and turnover add during the run)
//! The soil pool starts at zero when it is switched off (carbon.soil: false).
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "shinrin/carbon/decay.hpp"
#include "shinrin/carbon/pools.hpp"
#include "shinrin/core/row_range.hpp"

namespace shinrin::carbon {

enum class InitialMethod : std::uint8_t { zero, table, steady_state };
//! The methods' names in enum order, as the scenario and the results file spell them.
inline constexpr std::array<std::string_view, 3> kInitialMethodNames = {"zero", "table",
                                                                        "steady_state"};
inline std::string_view initial_method_name(InitialMethod m) {
  return kInitialMethodNames[static_cast<std::size_t>(m)];
}

//! Dead organic matter of one hectare [t C ha-1].
struct DomStocks {
  double dead_wood = 0.0, litter = 0.0, soil = 0.0;
};

struct InitialStocks {
  InitialMethod method = InitialMethod::zero;
  //! Method table: stocks of [species * 2 + natural] (natural 1 for forest types of class
  //! natural_forest).
  std::vector<DomStocks> by_species_type;
  //! Per forest-type index of the landscape (Landscape::forest_type_names): 1 if natural forest.
  std::vector<std::uint8_t> natural_type;
};

//! Sets dead wood, litter and soil of `rows` by `init`'s method (after the biomass pools, which
//! steady_state reads), and each parcel's dead-wood decay rate to its species' rate.
void init_dead_organic_matter(RowRange rows, const InitialStocks& init, const DecayConfig& decay,
                              std::span<const std::uint16_t> species,
                              std::span<const std::uint8_t> forest_type, PoolTable& pools);

}  // namespace shinrin::carbon
