#pragma once
//! Deterministic, counter-based randomness: a draw is a pure function of (seed, stream, parcel,
//! year), never of the order in which parcels are visited, so results are bitwise identical for
//! any thread count, rank count or record order.
//!
//! mix64 is the splitmix64 finaliser (Steele, Lea and Flood 2014, "Fast splittable pseudorandom
//! number generators", OOPSLA; the constants of Vigna's reference implementation). It is a
//! bijection on 64-bit integers with good avalanche, which is all a keyed draw needs. Written out
//! here (eight lines) because no Debian C++ library offers a counter-based generator keyed this
//! way.

#include <cstdint>

namespace shinrin {

//! splitmix64 finaliser: a well-mixed bijection of x.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

//! Named streams, so that two uses of randomness never share draws.
enum class RandomStream : std::uint64_t { planning_priority = 1 };

//! 64 random bits for (seed, stream, parcel hash, fiscal year).
constexpr std::uint64_t keyed_bits(std::uint64_t seed, RandomStream stream, std::uint64_t parcel,
                                   int fiscal_year) {
  std::uint64_t h = mix64(seed ^ (static_cast<std::uint64_t>(stream) << 56));
  h = mix64(h ^ parcel);
  return mix64(h ^ static_cast<std::uint64_t>(static_cast<std::uint32_t>(fiscal_year)));
}

}  // namespace shinrin
