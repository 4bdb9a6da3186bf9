// parallel: what the default build's one rank does, and how a failure crosses between ranks
// (the MPI build's own tests run mpirun: tests/mpi/).
#include <algorithm>
#include <catch2/catch.hpp>
#include <exception>
#include <string>
#include <vector>

#include "shinrin/core/error.hpp"
#include "shinrin/parallel/failure.hpp"
#include "shinrin/parallel/ranks.hpp"

using namespace shinrin;
using parallel::Failure;

namespace {

// The failure `thrown` becomes after describe, encode and decode, thrown again and described.
Failure round_trip(std::exception_ptr thrown) {
  const Failure sent = parallel::describe(thrown);
  try {
    parallel::throw_failure(parallel::decode(parallel::encode(sent)));
  } catch (...) {
    return parallel::describe(std::current_exception());
  }
  FAIL("throw_failure returned");
  return {};
}

}  // namespace

TEST_CASE("a failure crosses between ranks with its type and message and signal", "[parallel]") {
  const std::string where = "module growth: volume not finite for parcel 'k' in fiscal year 2031";
  const Failure model = round_trip(std::make_exception_ptr(ModelError(where)));
  CHECK(model.kind == Failure::Kind::model);
  CHECK(model.message == where);
  CHECK(round_trip(std::make_exception_ptr(InputError("bad"))).kind == Failure::Kind::input);
  // The most derived type survives: an incomplete results file is an input error too, but the
  // program exits 3 for it, not 1.
  CHECK(round_trip(std::make_exception_ptr(IncompleteResultsError("x"))).kind ==
        Failure::Kind::incomplete_results);
  CHECK(round_trip(std::make_exception_ptr(OutputError("disk full"))).kind ==
        Failure::Kind::output);
  CHECK(round_trip(std::make_exception_ptr(Error("plain"))).kind == Failure::Kind::error);
  CHECK(round_trip(std::make_exception_ptr(std::logic_error("bug"))).kind ==
        Failure::Kind::internal);
  const Failure stop = round_trip(std::make_exception_ptr(Interrupted(15, "stopped in 2030")));
  CHECK(stop.kind == Failure::Kind::interrupted);
  CHECK(stop.signal == 15);
  CHECK(stop.message == "stopped in 2030");
  // Text as it was: UTF-8 names, line breaks.
  const std::string text = "久山町: 2 lines\nsecond";
  CHECK(round_trip(std::make_exception_ptr(InputError(text))).message == text);
  // A message cut short is read as an internal failure that says so, never as garbage.
  CHECK(parallel::decode({std::byte{1}}).kind == Failure::Kind::internal);
}

TEST_CASE("ranks split blocks into contiguous ranges that cover them once", "[parallel]") {
  // 5 blocks on 3 ranks: 1, 2 and 2 blocks, in order.
  CHECK(parallel::blocks_of_rank(0, 3, 5).first == 0);
  CHECK(parallel::blocks_of_rank(0, 3, 5).last == 1);
  CHECK(parallel::blocks_of_rank(1, 3, 5).first == 1);
  CHECK(parallel::blocks_of_rank(1, 3, 5).last == 3);
  CHECK(parallel::blocks_of_rank(2, 3, 5).first == 3);
  CHECK(parallel::blocks_of_rank(2, 3, 5).last == 5);
  for (int ranks : {1, 2, 3, 7, 64}) {
    for (std::size_t blocks : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{977}}) {
      std::size_t next = 0, smallest = blocks, largest = 0;
      for (int r = 0; r < ranks; ++r) {
        const RowRange own = parallel::blocks_of_rank(r, ranks, blocks);
        CHECK(own.first == next);  // contiguous, in rank order, each block once
        next = own.last;
        smallest = std::min(smallest, own.size());
        largest = std::max(largest, own.size());
      }
      CHECK(next == blocks);
      CHECK(largest - smallest <= 1);
    }
  }
}

TEST_CASE("one rank: every collective step is a copy or nothing", "[parallel]") {
  const parallel::Ranks one;
  CHECK(one.size() == 1);
  CHECK(one.root());
  CHECK(one.own_blocks(5).last == 5);
  std::vector<std::size_t> offsets;
  const std::byte bytes[3] = {std::byte{1}, std::byte{2}, std::byte{3}};
  CHECK(one.gather_all(bytes, offsets) == std::vector<std::byte>(bytes, bytes + 3));
  CHECK(offsets == std::vector<std::size_t>{0, 3});
  CHECK(one.max_all(7) == 7);
  FixedSum s;
  s.add(1.5);
  FixedSum sums[1] = {s};
  one.sum_all(sums);
  CHECK(sums[0].value() == 1.5);
  // A failure is rethrown as it was; no failure, nothing.
  CHECK_THROWS_AS(one.settle(std::make_exception_ptr(ModelError("m")), 0), ModelError);
  CHECK_NOTHROW(one.settle(nullptr, 0));
  bool ran = false;
  CHECK_THROWS_AS(one.on_root([&] {
    ran = true;
    throw OutputError("cannot create");
  }),
                  OutputError);
  CHECK(ran);
}
