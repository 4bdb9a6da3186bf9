#pragma once
//! The run: fiscal years one after another, each a registered list of phases (phases.hpp).
//!
//!   initial state   per parcel: volume, top height and stems; biomass pools; balance baseline
//!   for each fiscal year, the enabled phases in registration order:
//!     per-parcel parts run over blocks of parcels in parallel (OpenMP, dynamic schedule); the
//!     per-parcel parts of consecutive phases run back to back on a block while it is in cache;
//!     a landscape part is a barrier: it runs once, on one thread, after every block has passed
//!     the per-parcel parts before it, sees only what those left (reductions in block order) and
//!     answers with per-parcel decisions for the parts after it.
//!     carbon applies the fluxes of each phase's modules right after that phase on the block; at
//!     the end of the block's pass every parcel's balance is checked (modules see the pools
//!     read-only, so only a value that is not finite can break it; the message names the module
//!     whose flux it is).
//!   per-parcel series of an output year go to the sink, in source-layer order.
//!
//! Determinism: blocks have a fixed size over the canonical row order; each block sums its rows
//! in row order and adds the sums as fixed-point integers (core/fixed_sum.hpp); landscape parts
//! read blocks in block order; randomness is keyed by parcel, never by visit order. Results are
//! therefore bitwise identical for any thread count, any number of MPI ranks (RunConfig::ranks)
//! and any order of records in the input.

#include <atomic>
#include <cstddef>
#include <functional>

#include "shinrin/parallel/ranks.hpp"
#include "shinrin/simulation/inputs.hpp"
#include "shinrin/simulation/outputs.hpp"
#include "shinrin/state/state.hpp"

namespace shinrin::sim {

struct RunConfig {
  int threads = 0;                //!< OpenMP threads, 0 = OpenMP default
  std::size_t block_size = 1024;  //!< parcels per block (fixed: part of the reduction order)
  OutputSelection output;         //!< per-parcel series to hand to the sink
  //! Set to a signal number (non-zero) from outside, e.g. by a signal handler, to stop the run:
  //! no new block starts, and the run throws Interrupted once the running blocks are done (a
  //! block is a fraction of a millisecond of work). Read by every thread, hence an atomic
  //! (lock-free, so a signal handler may set it).
  const std::atomic<int>* stop = nullptr;
  //! Called on the calling thread after each simulated fiscal year (outside the parallel
  //! regions) with the fiscal year and how many of the run's years are done; e.g. a progress
  //! line. Must be cheap; null = nothing is called.
  std::function<void(int fiscal_year, std::size_t done, std::size_t total)> on_year;
  //! The MPI ranks the run is spread over (parallel/ranks.hpp); null = one process. Every rank
  //! calls run() with the same Inputs; each runs the per-parcel parts on its own contiguous range
  //! of blocks, every landscape part sees the blocks of all ranks, the totals are exact sums over
  //! the ranks on every rank, and the per-parcel series go to the root's sink (other ranks may
  //! pass a null sink).
  const parallel::Ranks* ranks = nullptr;
};

//! What a run returns besides the State it advanced.
struct RunResult {
  Aggregates aggregates;
  Timings timings;
};

//! Runs `in` from its initial state through every fiscal year, advancing `state` (which is
//! (re)initialised from `in`; its size must be in.parcels.size()). `sink` may be null when no
//! per-parcel series are selected. Throws ModelError naming module, parcel and fiscal year when a
//! value turns non-finite or a parcel's carbon balance fails (the error of the first block in
//! block order, whatever the thread count); throws Interrupted when `config.stop` is set.
RunResult run(const Inputs& in, State& state, const RunConfig& config, SeriesSink* sink);

}  // namespace shinrin::sim
