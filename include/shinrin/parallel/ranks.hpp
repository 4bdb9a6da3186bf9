#pragma once
//! The processes of one run (MPI ranks) and the few collective steps the engine needs.
//!
//! The build with -DSHINRIN_WITH_MPI=ON implements this over MPI_COMM_WORLD
//! (engine/parallel/ranks_mpi.cpp); the default build has one rank and every step is a copy or
//! nothing (engine/parallel/ranks_serial.cpp). Code that runs on several ranks calls these steps
//! on every rank in the same order (they are collective); only the thread that called
//! Session's constructor calls them (MPI_THREAD_FUNNELED), never from inside an OpenMP region.
//!
//! Exactness: nothing here adds floating-point numbers. Fixed-point totals are added as 128-bit
//! integers (exact and associative, so the order in which MPI combines ranks cannot matter),
//! per-parcel values are combined by bitwise OR with zero words (each value comes from exactly
//! one rank), and everything else is copied. A run on K ranks therefore gives the bits of one
//! process.

#include <cstddef>
#include <cstdint>
#include <exception>
#include <span>
#include <vector>

#include "shinrin/core/fixed_sum.hpp"
#include "shinrin/core/row_range.hpp"

namespace shinrin::parallel {

//! The blocks [first, last) of `blocks` that rank `rank` of `ranks` owns: contiguous, in rank
//! order, covering every block once, sizes differing by at most one (more ranks than blocks leave
//! some ranks none). The blocks themselves never change with the rank count.
inline RowRange blocks_of_rank(int rank, int ranks, std::size_t blocks) {
  const std::size_t k = std::size_t(ranks), r = std::size_t(rank);
  return {blocks * r / k, blocks * (r + 1) / k};
}

//! Starts MPI for the life of the program (MPI_Init_thread, MPI_THREAD_FUNNELED) and ends it
//! (MPI_Finalize); nothing in the serial build. One per process, made first thing in main.
class Session {
 public:
  Session(int& argc, char**& argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
};

class Ranks {
 public:
  //! One rank (rank 0 of 1): the serial case, and what a run without a Ranks uses.
  Ranks() = default;
  //! The ranks of this job: every process mpirun started (MPI_COMM_WORLD; one rank in the serial
  //! build or before Session).
  static Ranks world();

  int rank() const { return rank_; }
  int size() const { return size_; }
  //! Rank 0: writes the results file and prints.
  bool root() const { return rank_ == 0; }

  //! The blocks [first, last) of `blocks` that this rank owns (blocks_of_rank).
  RowRange own_blocks(std::size_t blocks) const { return blocks_of_rank(rank_, size_, blocks); }
  //! The blocks [first, last) of `blocks` that rank `r` of these owns.
  RowRange blocks_of(int r, std::size_t blocks) const { return blocks_of_rank(r, size_, blocks); }
  //! Every rank's `mine`, concatenated in rank order, on every rank; rank r's bytes are
  //! [offsets[r], offsets[r + 1]) (offsets has size() + 1 entries).
  std::vector<std::byte> gather_all(std::span<const std::byte> mine,
                                    std::vector<std::size_t>& offsets) const;
  //! Replaces each of `sums` by its exact sum over all ranks, on every rank.
  void sum_all(std::span<FixedSum> sums) const;
  //! On the root, each word becomes the bitwise OR of that word over all ranks; other ranks'
  //! words are left as they were. For values that exactly one rank holds and the others hold as
  //! zero bits: the root then holds every value, bit for bit.
  void or_to_root(std::span<std::uint32_t> words) const;
  //! Each byte becomes the bitwise OR of that byte over all ranks, on every rank: for values that
  //! exactly one rank holds and the others hold as zero bytes, every rank then holds every value.
  void or_all(std::span<std::byte> bytes) const;
  //! The largest `value` over all ranks, on every rank.
  int max_all(int value) const;

  //! Makes a step that each rank ran on its own part end the same way on every rank. `error` is
  //! this rank's failure (null if none) and `order` its place among failures (e.g. the first
  //! failing block; the lowest wins, then the lowest rank). If any rank failed, every rank throws
  //! the winning failure (the same type, message and signal: parallel/failure.hpp); the rank it
  //! came from rethrows the original. Collective.
  void settle(std::exception_ptr error, std::uint64_t order) const;

  //! Runs `step` on the root only (writing the results file, taking the output lock) and ends
  //! the same way on every rank: the root's exception is thrown on each. Collective.
  template <class Step>
  void on_root(Step&& step) const {
    std::exception_ptr error;
    if (root()) {
      try {
        step();
      } catch (...) {
        error = std::current_exception();
      }
    }
    settle(error, 0);
  }

  //! Whether this build can run on more than one rank (SHINRIN_WITH_MPI).
  static bool distributed_build();

 private:
  Ranks(int rank, int size) : rank_(rank), size_(size) {}
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace shinrin::parallel
