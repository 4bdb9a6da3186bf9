#pragma once
//! The landscape step of harvest planning: which eligible parcels are treated this year.
//!
//! Per-parcel phases list the parcels that are eligible for a target this year (candidates), each
//! block its own list sorted by (target, unit, priority key); parcels with an event of the event
//! list this year come first as forced candidates (events are applied as given and count towards
//! the target). select() then walks, for every target in plan order and every unit, the blocks'
//! lists merged by priority key:
//!   forced candidates        always treated
//!   achieved < target        the next candidate is treated if it fits (achieved + amount <=
//!                            target); one that does not fit is skipped (LastParcel::skip: a later,
//!                            smaller parcel may still fit) or treated whole, ending the year above
//!                            target (LastParcel::overshoot)
//! Every candidate not treated waits: it stays eligible and is reported as backlog. A target the
//! eligible parcels cannot meet is reported as shortfall = target - achieved (> 0).
//! The merge reads blocks in block order and breaks priority ties on the parcel row (canonical
//! order), so the choice never depends on threads or on the order of records in the input.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "shinrin/planning/plan.hpp"

namespace shinrin::planning {

//! A parcel eligible for a target this year. Amounts are for the whole parcel.
struct Candidate {
  std::uint32_t row = 0;        //!< landscape row
  std::uint16_t target = 0;
  std::uint16_t unit = 0;
  std::uint32_t priority = 0;   //!< smaller first; 0 = forced (an event of the event list)
  bool forced = false;          //!< always treated, counted first
  std::uint8_t removals = 0;    //!< which removal shares the operation uses (for lazy amounts)
  float volume_share = 0.0f;    //!< share of stem volume the operation removes [1]
  double area = 0.0;            //!< [ha]
  double volume_standing = 0.0; //!< stem volume before the operation [m3]
  double volume_removed = 0.0;  //!< stem volume the operation removes [m3]
  double amount = 0.0;          //!< in the target's basis (area, volume removed, fuel dry mass)
};

//! The candidates of one block: the list in row order, and its sort keys
//!   (plan row << 48) | (priority << 16) | index in the list,  plan row = first_row[target] + unit
//! so that sorting the keys orders the block by (target, unit, priority, row).
struct BlockCandidates {
  std::vector<Candidate> list;
  std::vector<std::uint64_t> order;
  //! In sorted order: the candidate's amount, and the smallest amount from there to the end of its
  //! plan row (forced candidates count as 0), so a search for a parcel that still fits can leave
  //! the block as soon as none can.
  std::vector<double> amount, suffix_min;
  //! Eligible totals of each plan row present in the block, in row order.
  struct RowSums {
    std::size_t row = 0;
    double area = 0.0, volume = 0.0, parcels = 0.0;
  };
  std::vector<RowSums> sums;
  void clear() {
    list.clear();
    order.clear();
  }
};

//! Sets and sorts `order`, then fills amount, suffix_min and sums. Needs fewer than 65536 plan rows
//! (setup checks) and candidates per block (blocks are smaller).
void sort_block(const Plan& plan, BlockCandidates& block);

//! Priority from a value: larger values sort first (NaN last); never 0.
std::uint32_t descending(float value);

//! Results of one (target, unit) row in one year.
enum class PlanVar : std::size_t {
  target = 0,          //!< target in the basis' unit
  achieved,            //!< treated, in the basis' unit
  shortfall,           //!< max(0, target - achieved)
  overshoot,           //!< max(0, achieved - target)
  treated_area,        //!< [ha]
  treated_volume,      //!< stem volume removed [m3]
  treated_fuel_dry_mass,  //!< [t]
  treated_parcels,     //!< [1]
  eligible_area,       //!< eligible before treatment, forced included [ha]
  eligible_volume,     //!< standing stem volume of the eligible parcels [m3]
  eligible_parcels,    //!< [1]
  backlog_area,        //!< eligible and not treated [ha]
  backlog_volume,      //!< standing stem volume of the backlog [m3]
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
  double& at(std::size_t row, std::size_t t, PlanVar v) { return data_[(row * times_ + t) * kPlanVarCount + std::size_t(v)]; }
  double at(std::size_t row, std::size_t t, PlanVar v) const { return data_[(row * times_ + t) * kPlanVarCount + std::size_t(v)]; }

 private:
  std::size_t rows_ = 0, times_ = 0;
  std::vector<double> data_;
};

//! Operation decided for a parcel this year.
enum class Decision : std::uint8_t { none = 0, final_felling = 1, thinning = 2 };

//! Fuel dry mass an operation on a candidate sends to fuel [t], computed only for the candidates
//! that are treated (or whose target counts fuel).
using FuelOf = std::function<double(const Candidate&)>;

//! Selects this year's treatments from the blocks' sorted candidates. Sets decision[row] for
//! every treated non-forced candidate (and appends the row to `treated`), and fills the results of
//! time index t.
void select(const Plan& plan, std::size_t t, std::span<const BlockCandidates> blocks, const FuelOf& fuel_of,
            std::span<Decision> decision, std::vector<std::uint32_t>& treated, PlanResults& results);

}  // namespace shinrin::planning
