#pragma once
//! The annual loop.
//!
//!   for each block of parcels (parallel, OpenMP dynamic schedule over fixed-size blocks):
//!     initial state: volume, top height and stems; biomass pools; carbon balance baseline
//!     for each year:
//!       growth        -> increments, age + 1, volume, height, self-thinning    (growth)
//!       carbon        <- growth uptake fluxes; balance check                   (carbon)
//!       silviculture  -> thinning / felling fluxes, stand changes, regeneration (silviculture)
//!       carbon        <- thinning and felling fluxes; balance checks
//!       carbon        <- decay of dead wood, litter, soil; of wood products; balance checks
//!       accumulate block sums; keep selected per-parcel values
//!     hand the block's series to the sink (compressed on the worker, written one at a time)
//!
//! Nothing couples parcels yet, so each block runs through all years while its columns are in
//! cache. A phase that couples parcels (the fuel market) will need the year-major order
//! (for each year: for each block); BlockRunner::step_year works in either order.
//!
//! Determinism: blocks have a fixed size, each block is summed in row order and its sums are
//! added as fixed-point integers (core/fixed_sum.hpp), so results are bitwise identical for any
//! thread count.

#include <cstddef>

#include "shinrin/growth/growth_table.hpp"
#include "shinrin/params/species_params.hpp"
#include "shinrin/simulation/model.hpp"
#include "shinrin/simulation/outputs.hpp"
#include "shinrin/state/parcel_table.hpp"

namespace shinrin::sim {

struct RunConfig {
  int start_year = 2025;       //!< first simulated fiscal year
  int years = 30;              //!< number of simulated years
  int threads = 0;             //!< OpenMP threads, 0 = OpenMP default
  std::size_t block_size = 1024;  //!< parcels per block (fixed: part of the reduction order)
  OutputSelection output;      //!< per-parcel series to hand to the sink
};

//! Runs the simulation over all rows of `parcels` (whose dynamic columns it advances; species and
//! curve change where a final felling regenerates another species). `sink` may be null when no
//! per-parcel series are selected. Throws ModelError naming module, parcel and fiscal year when
//! a value turns non-finite or a parcel's carbon balance fails.
Aggregates run(ParcelTable& parcels, const SpeciesTable& species, const growth::GrowthTable& growth,
               const Model& model, const RunConfig& config, SeriesSink* sink);

}  // namespace shinrin::sim
