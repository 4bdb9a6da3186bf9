#pragma once
//! Harvest planning: annual targets per planning unit and operation, resolved against the
//! landscape (scenario section `planning`).
//!
//! A planning unit is a set of parcels: the whole landscape, a municipality, or the parcels
//! sharing a value of a register field the scenario names (forest planning district, owner
//! class, ...). A target says, for each unit and fiscal year, how much final felling or thinning
//! to do, as
//!   area           [ha year-1]   parcel area treated
//!   volume         [m3 year-1]   stem volume removed (a felling removes the whole stand)
//!   fuel_dry_mass  [t year-1]    dry mass of fuelwood plus residues collected for fuel
//! The amount is a constant (for every unit, or per unit), a schedule by fiscal year (piecewise
//! constant from each listed year), or a rule:
//!   normal_forest  for every parcel under a covered regime, area / rotation age, summed over the
//!                  unit [ha year-1] (a normal forest fells its area once per rotation)
//!   area_share     share x the area of the unit's parcels under covered regimes [ha year-1]
//!                  (e.g. 0.1: each stand thinned once in ten years on average)
//!
//! A regime whose operation is covered by a target no longer acts when due: being due makes its
//! parcels eligible, and the target decides how many are treated this year (priority order, ties
//! broken by the canonical parcel order, i.e. by register key). See selection.hpp.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shinrin::planning {

enum class Operation : std::uint8_t { final_felling = 0, thinning = 1 };
inline constexpr std::size_t kOperationCount = 2;
std::string_view operation_name(Operation o);

enum class Basis : std::uint8_t { area = 0, volume = 1, fuel_dry_mass = 2 };
inline constexpr std::size_t kBasisCount = 3;
std::string_view basis_name(Basis b);
//! Unit of a basis per year, e.g. "ha year-1".
std::string_view basis_units(Basis b);

//! Order in which eligible parcels are treated.
enum class Priority : std::uint8_t {
  oldest_first = 0,        //!< highest stand age
  largest_volume_first,    //!< highest stem volume per hectare [m3 ha-1]
  highest_ry_first,        //!< highest yield index Ry (parcels without a diagram last)
  longest_since_thinning,  //!< most years since the last thinning (never thinned first)
  random,                  //!< a keyed random draw per (seed, parcel, fiscal year)
  nearest_first,           //!< closest to the parcel's home boiler (boiler_demand targets)
};
inline constexpr std::size_t kPriorityCount = 6;
std::string_view priority_name(Priority p);

//! What happens with the parcel that would take the year past its target (parcels are always
//! treated whole).
enum class LastParcel : std::uint8_t {
  stop,       //!< it waits and the year ends below target (reported as shortfall); a parcel
              //!< larger than the whole annual target is passed over instead (it could never be
              //!< treated whole under this target) and stays in the backlog
  skip,       //!< it waits; later parcels in the order that still fit are treated (first fit:
              //!< fills the target closest, but ends the year on small parcels)
  overshoot,  //!< it is treated whole and the year ends above target (reported as overshoot)
};
std::string_view last_parcel_name(LastParcel l);

//! unit_of_row of a parcel that no unit of the column holds (a boiler's catchment leaves it out):
//! targets on that column do not cover it, and its regime acts when due.
inline constexpr std::uint16_t kOutsideUnit = 0xFFFF;

//! Parcels grouped into units by one criterion.
struct UnitColumn {
  std::string name;                        //!< "landscape", "municipality" or the register field
  std::vector<std::string> unit_names;     //!< sorted by name
  std::vector<std::uint16_t> unit_of_row;  //!< per landscape row
};

struct Target {
  std::string name;
  Operation operation = Operation::final_felling;
  Basis basis = Basis::area;
  Priority priority = Priority::oldest_first;
  std::uint64_t seed = 0;  //!< for Priority::random
  LastParcel last_parcel = LastParcel::stop;
  std::size_t unit_column = 0;  //!< index into Plan::unit_columns
  std::string source;           //!< where the figure comes from (scenario text)
  std::string rule;  //!< "constant", "schedule", "normal_forest", "area_share", "boiler_demand"
  //! boiler_demand: the boilers it feeds (indexes into Inputs::fuel.boilers), one unit each; the
  //! amount of each year is set during the run by the fuel phase (amount holds 0).
  std::vector<std::uint16_t> boilers;
  bool dynamic() const { return !boilers.empty(); }
  //! amount[u * times + t]: target of unit u in time index t (t >= 1) in the basis' unit.
  std::vector<double> amount;
  std::size_t times = 0;
  double at(std::size_t unit, std::size_t t) const { return amount[unit * times + t]; }
};

//! Index of "no target".
inline constexpr std::uint16_t kNoTarget = 0xFFFF;

struct Plan {
  std::vector<UnitColumn> unit_columns;
  std::vector<Target> targets;  //!< final-felling targets first, then thinning, each in file order
  //! target_of[regime * kOperationCount + operation]: the target covering the regime's operation.
  std::vector<std::uint16_t> target_of;

  bool enabled() const { return !targets.empty(); }
  std::uint16_t target(std::uint16_t regime, Operation op) const {
    const std::size_t k = std::size_t(regime) * kOperationCount + std::size_t(op);
    return k < target_of.size() ? target_of[k] : kNoTarget;
  }
  //! The target covering operation `op` of parcel `row` under `regime` (kNoTarget when none, or
  //! when the parcel lies outside every unit of the target's column).
  std::uint16_t target_at(std::uint16_t regime, Operation op, std::size_t row) const {
    const std::uint16_t t = target(regime, op);
    if (t == kNoTarget || unit_columns[targets[t].unit_column].unit_of_row[row] == kOutsideUnit)
      return kNoTarget;
    return t;
  }
  //! Number of (target, unit) rows of the outputs; row of (target, unit) = first_row[target] +
  //! unit.
  std::vector<std::size_t> first_row;
  std::size_t rows = 0;
};

}  // namespace shinrin::planning
