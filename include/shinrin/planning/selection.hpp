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
#include <span>
#include <string_view>
#include <vector>

#include "shinrin/planning/plan.hpp"

namespace shinrin::planning {

//! A parcel eligible for a target this year. Amounts are for the whole parcel.
struct Candidate {
  std::uint64_t key = 0;        //!< priority key: smaller first; (priority << 32) | row
  std::uint32_t row = 0;        //!< landscape row
  std::uint16_t target = 0;
  std::uint16_t unit = 0;
  bool forced = false;          //!< an event of the event list: always treated, counted first
  double area = 0.0;            //!< [ha]
  double volume_standing = 0.0; //!< stem volume before the operation [m3]
  double volume_removed = 0.0;  //!< stem volume the operation removes [m3]
  double fuel_dry_mass = 0.0;   //!< fuelwood + residues collected for fuel [t dry mass]
  double amount(Basis b) const;
};

//! Orders a block's candidates by (target, unit, key).
void sort_block(std::vector<Candidate>& candidates);

//! Priority part of a key: maps `value` so that larger values sort first (NaN last).
std::uint32_t descending(float value);
//! The key of a candidate from its 32-bit priority and its row.
inline std::uint64_t make_key(std::uint32_t priority, std::uint32_t row) {
  return (std::uint64_t(priority) << 32) | row;
}

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

//! Selects this year's treatments from the blocks' sorted candidate lists. Sets decision[row] for
//! every treated non-forced candidate (and appends the row to `treated`), and fills the results of
//! time index t.
void select(const Plan& plan, std::size_t t, std::span<const std::vector<Candidate>> blocks,
            std::span<Decision> decision, std::vector<std::uint32_t>& treated, PlanResults& results);

}  // namespace shinrin::planning
