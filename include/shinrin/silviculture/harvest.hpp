#pragma once
//! Where the wood of a thinning or final felling goes, for one parcel.
//!
//! The operation removes share s of stem volume, and the same share of the biomass pools:
//!   removed above-ground carbon   C_ag,r = s x C_ag            [t C ha-1]
//!   removed below-ground carbon   C_bg,r = s x C_bg  -> dead wood (roots stay and die)
//!   stem carbon                   C_st   = min(s x V x D x CF, C_ag,r)
//!   residues (branches, foliage)  C_res  = C_ag,r - C_st
//! Stem carbon splits by the removal shares into sawlogs, other industrial wood, fuelwood and
//! stems left on site (切り捨て, -> dead wood); the first three follow the wood-use table into
//! sawnwood, panels, paper or burnt. Residues: the collected share is burnt (fuel), the rest stays:
//! residue_to_litter of it as litter, the remainder as dead wood.
//! Every stream is also reported as wood-equivalent volume [m3 ha-1] = carbon / CF / D, from which
//! dry mass = volume x D [t ha-1] and carbon = dry mass x CF [t C ha-1].

#include <array>
#include <cstddef>
#include <string_view>

#include "shinrin/carbon/flux.hpp"
#include "shinrin/silviculture/regime.hpp"
#include "shinrin/silviculture/wood_use.hpp"

namespace shinrin::silviculture {

enum class Stream : std::size_t {
  sawlog = 0,
  other_industrial = 1,
  fuelwood = 2,
  stems_left = 3,          //!< felled stems left on site
  residues_collected = 4,  //!< branches and foliage collected for fuel
  residues_left = 5,       //!< branches and foliage left on site
};
inline constexpr std::size_t kStreamCount = 6;
std::string_view stream_name(Stream s);

//! Wood-equivalent volume of each stream [m3 ha-1].
using StreamVolumes = std::array<double, kStreamCount>;

struct HarvestInput {
  double volume_share = 0.0;       //!< s [1]
  double volume = 0.0;             //!< stem volume before the operation [m3 ha-1]
  double carbon_ag = 0.0;          //!< above-ground biomass carbon before [t C ha-1]
  double carbon_bg = 0.0;          //!< below-ground biomass carbon before [t C ha-1]
  double D = 0.0;                  //!< basic density [t m-3]
  double CF = 0.0;                 //!< carbon fraction [t C t-1]
  double residue_to_litter = 0.0;  //!< [1]
};

//! Where the carbon of one operation goes [t C ha-1], and its streams [m3 ha-1].
struct HarvestSplit {
  double to_sawnwood = 0.0, to_panels = 0.0, to_paper = 0.0;
  double burnt = 0.0;            //!< burnt in the year: fuel, processing losses, collected residues
  double ag_to_dead_wood = 0.0;  //!< stems left and woody residues left
  double ag_to_litter = 0.0;     //!< fine residues left
  double bg_to_dead_wood = 0.0;  //!< roots of the removed trees
  StreamVolumes streams{};       //!< wood-equivalent volume of each stream [m3 ha-1]
};

//! The split of an operation, computed without touching any flux (planning reads it to size a
//! candidate before anything is decided).
HarvestSplit split_harvest(const HarvestInput& in, const RemovalShares& shares, const WoodUse& use);

//! Dry mass that an operation sends to fuel: fuelwood plus residues collected [t ha-1].
double fuel_dry_mass(const StreamVolumes& streams, double D);

//! Adds the operation's carbon to the channels of `operation` (thinning or felling) of `fluxes`
//! at block row `row`, and returns the stream volumes.
StreamVolumes harvest(const HarvestInput& in, const RemovalShares& shares, const WoodUse& use,
                      carbon::Module operation, std::size_t row, carbon::FluxBlock& fluxes);

}  // namespace shinrin::silviculture
