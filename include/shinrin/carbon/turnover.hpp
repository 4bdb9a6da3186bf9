#pragma once
//! Turnover of live biomass into dead organic matter, every year, per species (data/decay.csv):
//!   litterfall     carbon_ag -> carbon_litter     = litterfall_rate    x C_ag      [t C ha-1]
//!   mortality      carbon_ag -> carbon_dead_wood  = ag_mortality_rate  x C_ag
//!   fine roots     carbon_bg -> carbon_soil       = root_turnover_rate x C_bg   (with soil)
//! from the biomass after growth and operations (so a stand felled this year sheds nothing more:
//! its biomass left through the felling channels). Live biomass follows the stand (biomass.hpp),
//! so what turnover takes is taken up again the same year on the regrowth channels
//! (atmosphere -> carbon_ag / carbon_bg, same amounts). The inputs enter dead wood, litter and
//! soil during the year and decay for part of it (first_order.hpp), so an unmanaged mature stand
//! holds its dead organic matter near the steady state I / k of these inputs and decay rates.
#include <cstdint>
#include <span>

#include "shinrin/carbon/decay.hpp"
#include "shinrin/carbon/flux.hpp"
#include "shinrin/carbon/pools.hpp"
#include "shinrin/core/row_range.hpp"

namespace shinrin::carbon {

//! Turnover of `rows` this year into the turnover channels of `fluxes`, with the regrowth that
//! replaces it.
void turnover_fluxes(RowRange rows, const DecayConfig& config,
                     std::span<const std::uint16_t> species, const PoolTable& pools,
                     FluxBlock& fluxes);

//! Dead wood, litter and soil at the steady state of the turnover of the current biomass of each
//! row and the decay rates [t C ha-1]: for a constant inflow I and the one-year step of
//! first_order.hpp the stock settles at I / k, so
//!   dead wood = ag_mortality x C_ag / k_dw,  litter = litterfall x C_ag / k_litter,
//!   soil = (to_soil x (inputs of dead wood and litter) + root_turnover x C_bg) / k_soil
//! (soil only with the soil pool). Sets the three pools of `rows`.
void steady_state_stocks(RowRange rows, const DecayConfig& config,
                         std::span<const std::uint16_t> species, PoolTable& pools);

}  // namespace shinrin::carbon
