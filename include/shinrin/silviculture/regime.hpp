#pragma once
//! Silvicultural regimes as scenarios define them: thinning by schedule or by the yield index
//! of the density diagram, final felling by rotation age or by fiscal year, regeneration, and
//! where removed wood goes. Plain data, parsed and validated at load (engine/io/
//! scenario_sections.cpp, management_setup.cpp), read by the silviculture step.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace shinrin::silviculture {

//! How a thinning picks trees.
enum class ThinningMethod : std::uint8_t {
  from_below,  //!< 下層間伐: smallest trees first; volume share from the density diagram
  row,         //!< 列状間伐: trees of every size; volume share = stem share
};

//! What an intensity is a share of.
enum class IntensityBasis : std::uint8_t { stems, volume };

//! One scheduled thinning.
struct ScheduledThinning {
  int age = 0;             //!< stand age at which it happens [years]
  double intensity = 0.0;  //!< share removed (0, 1) [1]
  IntensityBasis basis = IntensityBasis::stems;
  ThinningMethod method = ThinningMethod::from_below;
};

//! Thin when the yield index exceeds `above`, down to `to` (DOMAIN.md 6.3).
struct DensityTrigger {
  bool enabled = false;
  double above = 0.0;  //!< Ry threshold [1]
  double to = 0.0;     //!< Ry after thinning [1]
  ThinningMethod method = ThinningMethod::from_below;
  int min_age = 0;       //!< no triggered thinning below this stand age [years]
  int min_interval = 0;  //!< years since the last thinning before another may fire
};

//! Shares of removed stems by destination, and of residues collected for fuel. The four stem
//! shares add up to 1.
struct RemovalShares {
  double sawlog = 0.0;            //!< 製材用材 → wood_use row "sawlog"
  double other_industrial = 0.0;  //!< plywood, chip and other industrial logs → "other_industrial"
  double fuelwood = 0.0;          //!< 薪・燃料材 → "fuelwood"
  double left_on_site = 0.0;      //!< felled stems left in the forest (切り捨て) → dead wood
  double residues_collected = 0.0;  //!< share of branches and foliage collected for fuel [1]
};

enum class RegenerationMethod : std::uint8_t { replant, natural };

//! What grows after a final felling: age resets to 0.
struct Regeneration {
  bool defined = false;
  RegenerationMethod method = RegenerationMethod::replant;
  std::size_t species = 0;    //!< index into the SpeciesTable
  double stems_per_ha = 0.0;  //!< stems at age 0 [ha-1]
};

struct Regime {
  std::string name;
  std::vector<std::size_t> species;          //!< species indexes it applies to (empty: any)
  std::vector<std::string> forest_types;     //!< register forest types it applies to (empty: every
                                             //!< plantation type, not natural forest)
  std::vector<ScheduledThinning> thinnings;  //!< sorted by age
  DensityTrigger trigger;
  int rotation_age = 0;            //!< final felling at this age, 0 = none [years]
  std::vector<int> felling_years;  //!< final felling in these fiscal years
  RemovalShares thinning_removals;
  RemovalShares felling_removals;
  Regeneration regeneration;
};

//! Operations a parcel can undergo in a year (output variable `operation`).
enum class Operation : std::uint8_t {
  none = 0,
  thinning = 1,            //!< scheduled or event thinning
  triggered_thinning = 2,  //!< thinning fired by the density trigger
  final_felling = 3,
};

//! One row of an explicit event list (a planner's plan), bound to a parcel row.
struct Event {
  int year = 0;            //!< fiscal year
  bool felling = false;    //!< final felling (else thinning)
  double intensity = 1.0;  //!< stems share for thinnings [1]
  ThinningMethod method = ThinningMethod::from_below;
  bool leave_on_site = false;  //!< 切り捨て間伐: every felled stem stays in the forest
  int line = 0;                //!< line in the event file, for messages
};

}  // namespace shinrin::silviculture
