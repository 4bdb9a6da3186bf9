// One rank: the default build (no MPI). Every collective step is a copy or nothing.
#include "shinrin/parallel/ranks.hpp"

namespace shinrin::parallel {

Session::Session(int&, char**&) {}
Session::~Session() = default;

Ranks Ranks::world() {
  return Ranks{};
}

bool Ranks::distributed_build() {
  return false;
}

std::vector<std::byte> Ranks::gather_all(std::span<const std::byte> mine,
                                         std::vector<std::size_t>& offsets) const {
  offsets = {0, mine.size()};
  return {mine.begin(), mine.end()};
}

void Ranks::sum_all(std::span<FixedSum>) const {}

void Ranks::or_to_root(std::span<std::uint32_t>) const {}

void Ranks::or_all(std::span<std::byte>) const {}

int Ranks::max_all(int value) const {
  return value;
}

void Ranks::settle(std::exception_ptr error, std::uint64_t) const {
  if (error) std::rethrow_exception(error);
}

}  // namespace shinrin::parallel
