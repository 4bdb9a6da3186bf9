#pragma once
//! Carbon pools per parcel [t C ha-1], pool-major: each pool is one contiguous column over
//! parcels. Only the carbon module changes pool values.

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace shinrin::carbon {

enum class Pool : std::size_t {
  ag_biomass = 0,  //!< above-ground live biomass (stem, branches, leaves)
  bg_biomass = 1,  //!< below-ground live biomass (roots)
};
inline constexpr std::size_t kPoolCount = 2;

//! Output name of a pool, e.g. "carbon_ag".
std::string_view pool_name(Pool p);

class PoolTable {
 public:
  PoolTable() = default;
  explicit PoolTable(std::size_t parcels) : parcels_(parcels), data_(parcels * kPoolCount, 0.0) {}
  std::size_t parcels() const { return parcels_; }
  std::span<double> pool(Pool p) {
    return {data_.data() + static_cast<std::size_t>(p) * parcels_, parcels_};
  }
  std::span<const double> pool(Pool p) const {
    return {data_.data() + static_cast<std::size_t>(p) * parcels_, parcels_};
  }

 private:
  std::size_t parcels_ = 0;
  std::vector<double> data_;
};

}  // namespace shinrin::carbon
