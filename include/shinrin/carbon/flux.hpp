#pragma once
//! Flux channels: every change of a carbon pool is an amount [t C ha-1] on one of these channels,
//! each with a fixed source, destination and the module that causes it (moja FLINT's idea:
//! attribution by construction). Modules fill a FluxBlock; carbon applies it (transfers.hpp).
//!
//! Thinning and final felling have the same seven channels each:
//!   stem -> sawnwood / panels / paper     carbon of stems turned into wood products
//!   ag -> atmosphere (burnt)              fuelwood, residues collected for fuel, and the part of
//!                                         logs burnt in processing: oxidised in the year
//!   ag -> dead wood                       stems left on site (切り捨て) and woody residues left
//!   ag -> litter                          foliage and fine residues left
//!   bg -> dead wood                       roots of the removed trees

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "shinrin/carbon/pools.hpp"

namespace shinrin::carbon {

//! Who caused a flux.
enum class Module : std::uint8_t { growth, thinning, felling, decay, hwp, turnover, count_ };
inline constexpr std::size_t kModuleCount = static_cast<std::size_t>(Module::count_);
std::string_view module_name(Module m);

enum class Flux : std::size_t {
  growth_ag = 0,  //!< the stand's increment (turnover_regrowth adds what turnover took)
  growth_bg,
  factor_step_ag,  //!< signed: biomass change where the expansion factor steps (BEF at 20/21)
  factor_step_bg,
  turnover_litterfall,    //!< carbon_ag -> carbon_litter
  turnover_ag_mortality,  //!< carbon_ag -> carbon_dead_wood
  turnover_roots,         //!< carbon_bg -> carbon_soil (with the soil pool)
  turnover_regrowth_ag,   //!< atmosphere -> carbon_ag: growth replacing what turnover took
  turnover_regrowth_bg,   //!< atmosphere -> carbon_bg
  thinning_to_sawnwood,
  thinning_to_panels,
  thinning_to_paper,
  thinning_burnt,
  thinning_ag_to_dead_wood,
  thinning_ag_to_litter,
  thinning_bg_to_dead_wood,
  felling_to_sawnwood,
  felling_to_panels,
  felling_to_paper,
  felling_burnt,
  felling_ag_to_dead_wood,
  felling_ag_to_litter,
  felling_bg_to_dead_wood,
  dead_wood_to_atmosphere,
  dead_wood_to_soil,
  litter_to_atmosphere,
  litter_to_soil,
  soil_to_atmosphere,
  sawnwood_to_atmosphere,
  panels_to_atmosphere,
  paper_to_atmosphere,
  count_,
};
inline constexpr std::size_t kFluxCount = static_cast<std::size_t>(Flux::count_);

struct FluxInfo {
  Flux flux;              //!< the channel this row describes (rows are in enum order)
  std::string_view name;  //!< e.g. "thinning: carbon_ag -> carbon_dead_wood"
  Module module;
  std::uint8_t source;  //!< Pool index or kAtmosphere
  std::uint8_t target;  //!< Pool index or kAtmosphere
};
const FluxInfo& flux_info(Flux f);

//! The seven harvest channels of thinning or felling, in the order listed above.
struct HarvestChannels {
  Flux to_sawnwood, to_panels, to_paper, burnt, ag_to_dead_wood, ag_to_litter, bg_to_dead_wood;
};
HarvestChannels harvest_channels(Module operation);

//! Flux amounts of one block of parcels for one year: amount(f, row) [t C ha-1], row counted
//! from the block's first parcel. Only channels used this year are active; the others read as 0
//! and are skipped when the block is applied.
//! Channels are dense or sparse by kind: growth, decay and HWP channels are written for every
//! row (dense()); thinning and felling channels only for the rows with an operation (at()). A
//! sparse channel is zero outside the rows written since the last clear(), which zeroes just
//! those rows, so a year without operations costs nothing.
class FluxBlock {
 public:
  explicit FluxBlock(std::size_t rows = 0)
      : rows_(rows), stride_(padded(rows)), amount_(stride_ * kFluxCount, 0.0) {}
  std::size_t rows() const { return rows_; }
  //! Amount of one row of a sparse channel.
  double& at(Flux f, std::size_t row);
  //! The whole of a dense channel, for a module that writes every row.
  std::span<double> dense(Flux f);
  double get(Flux f, std::size_t row) const {
    return active(f) ? amount_[static_cast<std::size_t>(f) * stride_ + row] : 0.0;
  }
  //! The channel's amounts; only meaningful when active(f).
  std::span<const double> channel(Flux f) const {
    return {amount_.data() + static_cast<std::size_t>(f) * stride_, rows_};
  }
  bool active(Flux f) const { return active_[static_cast<std::size_t>(f)]; }
  //! Block rows written in sparse channels since the last clear(), in the order first written
  //! (operations write rows in increasing order, so each row appears once).
  std::span<const std::uint32_t> touched() const { return touched_; }
  //! Starts a new year: every channel inactive, sparse channels zero again.
  void clear();

 private:
  //! Channels lie `stride_` doubles apart: the rows plus a cache line, so that row r of two
  //! channels never shares the low 12 address bits (blocks of 1,024 rows would put every channel
  //! 8 KiB apart, and the processor then takes a store to one channel for a store to the other
  //! when loading: "4K aliasing").
  static std::size_t padded(std::size_t rows) { return rows + 8 * (rows % 512 == 0 ? 1 : 0); }
  std::size_t rows_, stride_;
  std::vector<double> amount_;
  std::array<bool, kFluxCount> active_{};
  std::vector<std::uint32_t> touched_;  // rows written in sparse channels since clear()
};

//! True for the channels written only for rows with an operation (thinning, felling).
bool is_sparse(Flux f);

}  // namespace shinrin::carbon
