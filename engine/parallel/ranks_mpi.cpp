// Ranks over MPI_COMM_WORLD (the build with -DSHINRIN_WITH_MPI=ON). Only the thread that started
// MPI calls these (MPI_THREAD_FUNNELED); OpenMP threads never do.
#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

#include "shinrin/core/error.hpp"
#include "shinrin/parallel/failure.hpp"
#include "shinrin/parallel/ranks.hpp"

namespace shinrin::parallel {
namespace {

void check(int code, const char* what) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw Error(std::string("MPI: ") + what + " failed: " + std::string(text, std::size_t(length)));
}

// A count of MPI elements (int) from a size; messages over 2^31 - 1 elements are refused.
int count_of(std::size_t n, const char* what) {
  if (n > std::size_t(std::numeric_limits<int>::max()))
    throw Error(std::string("MPI: ") + what + " of " + std::to_string(n) +
                " elements is beyond the 2^31 - 1 of one message");
  return static_cast<int>(n);
}

// MPI reduction of FixedSum counts: 128-bit integer addition (exact, associative, commutative).
void add_fixed_sums(void* in, void* inout, int* len, MPI_Datatype*) {
  auto* a = static_cast<unsigned char*>(in);
  auto* b = static_cast<unsigned char*>(inout);
  for (int k = 0; k < *len; ++k) {
    FixedSum x, y;  // copied: MPI's buffers need not be 16-byte aligned
    std::memcpy(&x, a + std::size_t(k) * sizeof(FixedSum), sizeof(FixedSum));
    std::memcpy(&y, b + std::size_t(k) * sizeof(FixedSum), sizeof(FixedSum));
    y.add(x);
    std::memcpy(b + std::size_t(k) * sizeof(FixedSum), &y, sizeof(FixedSum));
  }
}

// Rank `from`'s bytes on every rank.
std::vector<std::byte> broadcast(std::vector<std::byte> bytes, int from) {
  unsigned long long n = bytes.size();
  check(MPI_Bcast(&n, 1, MPI_UNSIGNED_LONG_LONG, from, MPI_COMM_WORLD), "MPI_Bcast");
  bytes.resize(std::size_t(n));
  check(MPI_Bcast(bytes.data(), count_of(bytes.size(), "a broadcast"), MPI_BYTE, from,
                  MPI_COMM_WORLD),
        "MPI_Bcast");
  return bytes;
}

}  // namespace

Session::Session(int& argc, char**& argv) {
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  // Errors come back as codes (check() turns them into exceptions) instead of aborting the job.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
}

Session::~Session() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

Ranks Ranks::world() {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (!initialized) return Ranks{};
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return Ranks(rank, size);
}

bool Ranks::distributed_build() {
  return true;
}

std::vector<std::byte> Ranks::gather_all(std::span<const std::byte> mine,
                                         std::vector<std::size_t>& offsets) const {
  offsets.assign(std::size_t(size_) + 1, 0);
  if (size_ == 1) {
    offsets[1] = mine.size();
    return {mine.begin(), mine.end()};
  }
  const unsigned long long n = mine.size();
  std::vector<unsigned long long> sizes(static_cast<std::size_t>(size_));
  check(MPI_Allgather(&n, 1, MPI_UNSIGNED_LONG_LONG, sizes.data(), 1, MPI_UNSIGNED_LONG_LONG,
                      MPI_COMM_WORLD),
        "MPI_Allgather");
  std::vector<int> counts(static_cast<std::size_t>(size_)), displs(counts.size());
  for (std::size_t r = 0; r < sizes.size(); ++r) {
    offsets[r + 1] = offsets[r] + std::size_t(sizes[r]);
    counts[r] = count_of(std::size_t(sizes[r]), "a rank's part of an all-gather");
    displs[r] = count_of(offsets[r], "an all-gather");
  }
  std::vector<std::byte> all(offsets.back());
  (void)count_of(all.size(), "an all-gather");
  check(MPI_Allgatherv(mine.data(), count_of(mine.size(), "an all-gather"), MPI_BYTE, all.data(),
                       counts.data(), displs.data(), MPI_BYTE, MPI_COMM_WORLD),
        "MPI_Allgatherv");
  return all;
}

void Ranks::sum_all(std::span<FixedSum> sums) const {
  if (size_ == 1 || sums.empty()) return;
  static_assert(sizeof(FixedSum) == 16, "a FixedSum is one 128-bit count");
  MPI_Datatype type;
  MPI_Op op;
  check(MPI_Type_contiguous(int(sizeof(FixedSum)), MPI_BYTE, &type), "MPI_Type_contiguous");
  MPI_Type_commit(&type);
  MPI_Op_create(&add_fixed_sums, 1, &op);
  const int code = MPI_Allreduce(MPI_IN_PLACE, sums.data(), count_of(sums.size(), "a reduction"),
                                 type, op, MPI_COMM_WORLD);
  MPI_Op_free(&op);
  MPI_Type_free(&type);
  check(code, "MPI_Allreduce of the fixed-point totals");
}

void Ranks::or_to_root(std::span<std::uint32_t> words) const {
  if (size_ == 1 || words.empty()) return;
  const int n = count_of(words.size(), "a reduction");
  if (root()) {
    check(MPI_Reduce(MPI_IN_PLACE, words.data(), n, MPI_UINT32_T, MPI_BOR, 0, MPI_COMM_WORLD),
          "MPI_Reduce of per-parcel series");
  } else {
    check(MPI_Reduce(words.data(), nullptr, n, MPI_UINT32_T, MPI_BOR, 0, MPI_COMM_WORLD),
          "MPI_Reduce of per-parcel series");
  }
}

void Ranks::or_all(std::span<std::byte> bytes) const {
  if (size_ == 1) return;
  constexpr std::size_t kPiece = std::size_t(1) << 30;  // within the int count of one message
  for (std::size_t at = 0; at < bytes.size(); at += kPiece) {
    const int n = count_of(std::min(kPiece, bytes.size() - at), "a reduction");
    check(MPI_Allreduce(MPI_IN_PLACE, bytes.data() + at, n, MPI_BYTE, MPI_BOR, MPI_COMM_WORLD),
          "MPI_Allreduce of credit ledgers");
  }
}

int Ranks::max_all(int value) const {
  if (size_ == 1) return value;
  int out = value;
  check(MPI_Allreduce(&value, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce");
  return out;
}

void Ranks::settle(std::exception_ptr error, std::uint64_t order) const {
  if (size_ == 1) {
    if (error) std::rethrow_exception(error);
    return;
  }
  constexpr std::uint64_t kNone = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t mine = error ? std::min(order, kNone - 1) : kNone;
  std::uint64_t first = kNone;
  check(MPI_Allreduce(&mine, &first, 1, MPI_UINT64_T, MPI_MIN, MPI_COMM_WORLD), "MPI_Allreduce");
  if (first == kNone) return;
  const int candidate = mine == first ? rank_ : size_;
  int from = size_;
  check(MPI_Allreduce(&candidate, &from, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD), "MPI_Allreduce");
  const std::vector<std::byte> bytes =
      broadcast(from == rank_ ? encode(describe(error)) : std::vector<std::byte>{}, from);
  if (from == rank_) std::rethrow_exception(error);
  throw_failure(decode(bytes));
}

}  // namespace shinrin::parallel
