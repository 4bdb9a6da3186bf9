#pragma once
//! Where the carbon of each removal stream ends up (data/wood_use.csv): shares going into the
//! harvested-wood-product pools (sawnwood, wood panels, paper) and the share burnt in the year
//! (processing losses used as fuel, fuelwood). Each row adds up to 1.

#include <array>
#include <cstddef>

namespace shinrin::silviculture {

//! Stem streams that enter wood products or fuel.
enum class StemStream : std::size_t { sawlog = 0, other_industrial = 1, fuelwood = 2 };
inline constexpr std::size_t kStemStreamCount = 3;

struct WoodUseRow {
  double sawnwood = 0.0, panels = 0.0, paper = 0.0, burnt = 0.0;  //!< shares [1]
};

struct WoodUse {
  std::array<WoodUseRow, kStemStreamCount> rows{};
  const WoodUseRow& operator[](StemStream s) const { return rows[static_cast<std::size_t>(s)]; }
};

}  // namespace shinrin::silviculture
