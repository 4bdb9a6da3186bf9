#pragma once
//! Carbon pools per parcel [t C ha-1], pool-major: each pool is one contiguous column over
//! parcels. Only the carbon module changes pool values, and after initialisation only through
//! fluxes (flux.hpp) applied in one place (transfers.hpp), so each parcel's carbon balance
//!   sum(pools) = initial + cumulative uptake - cumulative emission
//! can be checked every year.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace shinrin::carbon {

enum class Pool : std::uint8_t {
  ag_biomass = 0,    //!< above-ground live biomass (stem, branches, leaves)
  bg_biomass = 1,    //!< below-ground live biomass (roots)
  dead_wood = 2,     //!< dead wood on site: felled stems left, woody residues, stumps and roots
  litter = 3,        //!< litter: foliage and fine residues
  soil = 4,          //!< soil organic carbon received from decaying dead wood and litter
  hwp_sawnwood = 5,  //!< harvested wood products in use: sawnwood
  hwp_panels = 6,    //!< harvested wood products in use: wood panels
  hwp_paper = 7,     //!< harvested wood products in use: paper and paperboard
};
inline constexpr std::size_t kPoolCount = 8;
//! Source or destination of a flux that is not a pool.
inline constexpr std::uint8_t kAtmosphere = 255;

//! Output name of a pool, e.g. "carbon_dead_wood".
std::string_view pool_name(Pool p);
//! Long name for output attributes, e.g. "carbon in dead wood".
std::string_view pool_long_name(Pool p);

class PoolTable {
 public:
  PoolTable() = default;
  explicit PoolTable(std::size_t parcels)
      : parcels_(parcels),
        data_(parcels * kPoolCount, 0.0),
        initial_(parcels, 0.0),
        uptake_(parcels, 0.0),
        emission_(parcels, 0.0),
        dead_wood_rate_(parcels, 0.0f) {}
  std::size_t parcels() const { return parcels_; }
  std::span<double> pool(Pool p) {
    return {data_.data() + static_cast<std::size_t>(p) * parcels_, parcels_};
  }
  std::span<const double> pool(Pool p) const {
    return {data_.data() + static_cast<std::size_t>(p) * parcels_, parcels_};
  }
  //! Sum of all pools of parcel i [t C ha-1].
  double total(std::size_t i) const {
    double s = 0.0;
    for (std::size_t p = 0; p < kPoolCount; ++p) s += data_[p * parcels_ + i];
    return s;
  }
  //! Carbon balance columns [t C ha-1]: total at initialisation, cumulative uptake from and
  //! cumulative emission to the atmosphere since then.
  std::span<double> initial() { return initial_; }
  std::span<double> uptake() { return uptake_; }
  std::span<double> emission() { return emission_; }
  std::span<const double> initial() const { return initial_; }
  std::span<const double> uptake() const { return uptake_; }
  std::span<const double> emission() const { return emission_; }
  //! Decay rate of each parcel's dead wood [year-1]: the rate of the species it came from
  //! (carbon/decay.hpp), so it outlives a replanting with another species.
  std::span<float> dead_wood_rate() { return dead_wood_rate_; }
  std::span<const float> dead_wood_rate() const { return dead_wood_rate_; }

 private:
  std::size_t parcels_ = 0;
  std::vector<double> data_;
  std::vector<double> initial_, uptake_, emission_;
  std::vector<float> dead_wood_rate_;
};

}  // namespace shinrin::carbon
