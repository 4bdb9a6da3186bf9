#pragma once
//! The landscape step of harvest planning: which eligible parcels are treated this year.
//!
//! Per-parcel phases list the parcels that are eligible for a target this year (candidates), each
//! block its own list grouped by (target, unit) and heap-ordered by priority key; parcels with an
//! event of the event list this year come first as forced candidates (events are applied as given
//! and count towards the target). select() then walks, for every target in plan order and every
//! unit, the blocks' lists merged by priority key:
//!   forced candidates        always treated
//!   achieved < target        the next candidate is treated if it fits (achieved + amount <=
//!                            target); for the first one that does not fit, LastParcel decides:
//!                            stop (the year ends; a parcel larger than the whole target is passed
//!                            over), skip (later parcels that fit are still treated) or overshoot
//!                            (it is treated whole, ending the year above target)
//! Every candidate not treated waits: it stays eligible and is reported as backlog. A target the
//! eligible parcels cannot meet is reported as shortfall = target - achieved (> 0).
//! The merge reads blocks in block order and breaks priority ties on the parcel row (canonical
//! order), so the choice never depends on threads or on the order of records in the input.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "shinrin/planning/plan.hpp"

namespace shinrin::planning {

//! A parcel eligible for a target this year (24 bytes: a year may list half of all parcels).
struct Candidate {
  std::uint32_t row = 0;  //!< landscape row
  std::uint16_t target = 0;
  std::uint16_t group = 0;     //!< index of its plan row in the block's groups (set by add())
  std::uint32_t priority = 0;  //!< smaller first; 0 = forced (an event of the event list)
  bool forced = false;         //!< always treated, counted first
  std::uint8_t removals = 0;   //!< which removal shares the operation uses
  //! The amount is Removed::amount, computed when selection reaches the candidate (volume and
  //! fuel bases need the harvest arithmetic, and most candidates are never reached).
  bool lazy = false;
  //! Unless lazy: in the target's basis for the whole parcel (area [ha]).
  double amount = 0.0;
};

//! What an operation on a candidate treats and removes [whole parcel]: computed only for the
//! candidates that are treated.
struct Removed {
  double area = 0.0;             //!< [ha]
  double volume_standing = 0.0;  //!< stem volume before the operation [m3]
  double volume = 0.0;           //!< stem volume removed [m3]
  double fuel_dry_mass = 0.0;    //!< fuelwood and residues collected for fuel [t]
  double fuelwood = 0.0;         //!< of which fuelwood [t dry]
  double residues = 0.0;         //!< of which residues collected [t dry]
  //! What counts towards the candidate's target, in its basis: area [ha], stem volume removed
  //! [m3], or fuel dry mass [t] (for a boiler_demand target, what the parcel's home boiler takes).
  double amount = 0.0;
};
using RemovedOf = std::function<Removed(const Candidate&)>;

//! The candidates of one block, grouped by plan row (first_row[target] + unit). Within a group
//! the keys (priority << 16) | index in list form a binary min-heap: selection pops the block's
//! candidates in priority order (ties: list index, i.e. row order) as far as it needs them, so a
//! year with many eligible parcels and few treatments costs a heap build, not a sort.
struct BlockCandidates {
  std::vector<Candidate> list;  //!< in row order
  struct Group {
    std::size_t row = 0;                             //!< plan row
    std::size_t begin = 0, end = 0;                  //!< range of `keys`; shrinks as selection pops
    double area = 0.0, volume = 0.0, parcels = 0.0;  //!< eligible totals [ha, m3 standing, 1]
    double min_amount = 0.0;  //!< smallest amount of a non-forced candidate (0 if any is lazy)
  };
  std::vector<Group> groups;  //!< in order of first appearance, then sorted by prepare()
  std::vector<std::uint64_t> keys;
  void clear() {
    for (const Group& g : groups) group_of_row_[g.row] = kNoGroup;
    list.clear();
    groups.clear();
    keys.clear();
  }
  //! Appends `c` (eligible for plan row `row`) and adds it to the row's eligible totals (inline:
  //! a year lists about half of all parcels).
  void add(const Candidate& c, std::size_t row, double area_ha, double volume_standing_m3) {
    if (row >= group_of_row_.size()) group_of_row_.resize(row + 1, kNoGroup);
    std::uint16_t& index = group_of_row_[row];
    if (index == kNoGroup) index = add_group(row);
    Group& group = groups[index];
    group.area += area_ha;
    group.volume += volume_standing_m3;
    group.parcels += 1.0;
    ++group.end;  // a count until prepare_block()
    if (!c.forced) group.min_amount = std::min(group.min_amount, c.lazy ? 0.0 : c.amount);
    Candidate& added = list.emplace_back(c);
    added.group = index;
  }

 private:
  static constexpr std::uint16_t kNoGroup = 0xFFFF;
  //! Per plan row, the index of its group until prepare_block() (kNoGroup: none yet).
  std::vector<std::uint16_t> group_of_row_;
  //! Adds an empty group for plan row `row`; its index.
  std::uint16_t add_group(std::size_t row);
};

//! Builds each group's heap of `block` (groups in plan-row order). Needs fewer than 65536 plan
//! rows (setup checks) and candidates per block (blocks are smaller).
void prepare_block(BlockCandidates& block);

//! Priority from a value: larger values sort first (NaN last); never 0.
inline std::uint32_t descending(float value) {
  if (std::isnan(value)) return 0xFFFFFFFFu;
  // Order-preserving map of floats to unsigned integers, then reversed so larger comes first.
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(value == 0.0f ? 0.0f : value);
  const std::uint32_t ordered = (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
  return std::clamp<std::uint32_t>(~ordered, 1u, 0xFFFFFFFEu);
}

//! Results of one (target, unit) row in one year.
enum class PlanVar : std::size_t {
  target = 0,             //!< target in the basis' unit
  achieved,               //!< treated, in the basis' unit
  shortfall,              //!< max(0, target - achieved)
  overshoot,              //!< max(0, achieved - target)
  treated_area,           //!< [ha]
  treated_volume,         //!< stem volume removed [m3]
  treated_fuel_dry_mass,  //!< [t]
  treated_parcels,        //!< [1]
  eligible_area,          //!< eligible before treatment, forced included [ha]
  eligible_volume,        //!< standing stem volume of the eligible parcels [m3]
  eligible_parcels,       //!< [1]
  backlog_area,           //!< eligible and not treated [ha]
  backlog_volume,         //!< standing stem volume of the backlog [m3]
  count_,
};
inline constexpr std::size_t kPlanVarCount = static_cast<std::size_t>(PlanVar::count_);

struct PlanVarInfo {
  PlanVar var;
  std::string_view name;   //!< output suffix, e.g. "eligible_area"
  std::string_view units;  //!< "basis" for the target's unit, else a UDUNITS string
  std::string_view long_name;
};
const PlanVarInfo& plan_var_info(PlanVar v);

//! Results of every (target, unit) row and time index: at(row, t, var).
class PlanResults {
 public:
  PlanResults() = default;
  PlanResults(std::size_t rows, std::size_t times);
  std::size_t rows() const { return rows_; }
  std::size_t times() const { return times_; }
  double& at(std::size_t row, std::size_t t, PlanVar v) {
    return data_[(row * times_ + t) * kPlanVarCount + std::size_t(v)];
  }
  double at(std::size_t row, std::size_t t, PlanVar v) const {
    return data_[(row * times_ + t) * kPlanVarCount + std::size_t(v)];
  }

 private:
  std::size_t rows_ = 0, times_ = 0;
  std::vector<double> data_;
};

//! Operation decided for a parcel this year.
enum class Decision : std::uint8_t { none = 0, final_felling = 1, thinning = 2 };

//! Selects the year's treatments. Plan rows are independent (a parcel is a candidate of one row a
//! year), so they are selected in parallel, each on its own; the result does not depend on threads.
//! Keeps its scratch from year to year.
class Selector {
 public:
  //! Selects this year's treatments from the blocks' candidates. Sets decision[row] for every
  //! treated non-forced candidate (and appends the rows to `treated`, in plan-row order), and fills
  //! the results of time index t. `removed_of` is called concurrently for different candidates.
  //! Targets whose amount the run sets (Target::dynamic(), boiler demand) are selected in a pass
  //! of their own (`dynamic` true), with the amount of each of their rows in `goals`.
  void select(const Plan& plan, std::size_t t, std::span<BlockCandidates> blocks,
              const RemovedOf& removed_of, std::span<Decision> decision,
              std::vector<std::uint32_t>& treated, PlanResults& results, int threads,
              bool dynamic = false, std::span<const double> goals = {});

 private:
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>>
      groups_of_;                                       // per plan row: (block, group)
  std::vector<std::vector<std::uint32_t>> treated_of_;  // per plan row
};

}  // namespace shinrin::planning
