#pragma once
// What crosses between MPI ranks during a run (internal to the simulation module; the ranks and
// their collective steps: parallel/ranks.hpp).
//
// Each rank runs the per-parcel parts on the blocks it owns (Ranks::own_blocks). A landscape part
// runs on every rank, on the same data: before it, the per-block results it reads are gathered
// from the ranks that made them, in block order, so every rank takes the same decisions and then
// applies those of its own rows. At the end of the run the fixed-point totals are added over the
// ranks (exactly) and the credit ledgers merged, and per-parcel series go to the root, which
// writes them.

#include "phase.hpp"
#include "shinrin/parallel/ranks.hpp"

namespace shinrin::sim {

//! Before the landscape part of `entry`: gathers what it reads from the blocks of other ranks.
//! `after_pass`: per-parcel parts ran on the blocks since the previous landscape part. Throws
//! InputError for a landscape part that cannot run on several ranks yet. Collective; nothing
//! with one rank.
void share_for_landscape(const PhaseEntry& entry, bool after_pass, const parallel::Ranks& ranks,
                         const Inputs& in, State& st, YearShared& year);

//! The per-block candidate lists of planning (and, for every candidate, the State values the
//! harvest arithmetic of the selection reads) of every rank's blocks, on every rank.
void share_candidates(const parallel::Ranks& ranks, State& st, YearShared& year);

//! Every block's fuel supply of the year, on every rank.
void share_fuel_supply(const parallel::Ranks& ranks, YearShared& year);

//! The thread-merged totals of `w` replaced by their exact sums over all ranks.
void sum_over_ranks(const parallel::Ranks& ranks, BlockWork& w);

//! The per-parcel series buffers of every rank combined on the root (each parcel's values come
//! from the rank that owns it; the others hold zeros there). With more than one rank every
//! buffer is cleared after the sink took it (clear_series), so the next output group starts from
//! zeros again.
void series_to_root(const parallel::Ranks& ranks, YearShared& year);
void clear_series(YearShared& year);

//! The forest credit projects' ledgers (State::credit) of every rank, on every rank: each rank
//! filled the rows of its own parcels and left the others zero, so a bitwise OR over the ranks
//! gives every row's bits.
void merge_ledgers(const parallel::Ranks& ranks, State& st);

}  // namespace shinrin::sim
