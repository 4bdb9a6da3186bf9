#include "shinrin/planning/selection.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <queue>
#include <tuple>

namespace shinrin::planning {
namespace {

constexpr auto kPlanVars = std::to_array<PlanVarInfo>({
    {PlanVar::target, "target", "basis", "annual target of the unit"},
    {PlanVar::achieved, "achieved", "basis", "treated in the year, in the target's basis"},
    {PlanVar::shortfall, "shortfall", "basis", "target not met by the eligible parcels: max(0, target - achieved)"},
    {PlanVar::overshoot, "overshoot", "basis", "treated above target (whole parcels, or events): max(0, achieved - target)"},
    {PlanVar::treated_area, "treated_area", "ha year-1", "area treated"},
    {PlanVar::treated_volume, "treated_volume", "m3 year-1", "stem volume removed by the treatments"},
    {PlanVar::treated_fuel_dry_mass, "treated_fuel_dry_mass", "t year-1", "fuelwood and residues collected for fuel by the treatments (dry mass)"},
    {PlanVar::treated_parcels, "treated_parcels", "1", "parcels treated"},
    {PlanVar::eligible_area, "eligible_area", "ha", "area eligible in the year (events included)"},
    {PlanVar::eligible_volume, "eligible_volume", "m3", "standing stem volume of the eligible parcels"},
    {PlanVar::eligible_parcels, "eligible_parcels", "1", "parcels eligible in the year"},
    {PlanVar::backlog_area, "backlog_area", "ha", "eligible area not treated in the year (waits for a later year)"},
    {PlanVar::backlog_volume, "backlog_volume", "m3", "standing stem volume of the backlog"},
});
static_assert(kPlanVars.size() == kPlanVarCount, "one row per PlanVar");
constexpr bool rows_in_order() {
  for (std::size_t i = 0; i < kPlanVars.size(); ++i) {
    if (std::size_t(kPlanVars[i].var) != i) return false;
  }
  return true;
}
static_assert(rows_in_order(), "PlanVar rows in enum order");

// Relative slack when comparing running totals with a target: a parcel that fills the target
// exactly must fit despite rounding of the sum.
constexpr double kFitSlack = 1e-12;


}  // namespace

const PlanVarInfo& plan_var_info(PlanVar v) { return kPlanVars[static_cast<std::size_t>(v)]; }

void sort_block(const Plan& plan, BlockCandidates& block) {
  block.order.resize(block.list.size());
  for (std::size_t k = 0; k < block.list.size(); ++k) {
    const Candidate& c = block.list[k];
    const std::uint64_t row = plan.first_row[c.target] + c.unit;
    block.order[k] = (row << 48) | (std::uint64_t(c.priority) << 16) | std::uint64_t(k);
  }
  std::sort(block.order.begin(), block.order.end());
  const std::size_t n = block.order.size();
  block.amount.resize(n);
  block.suffix_min.resize(n);
  block.sums.clear();
  for (std::size_t k = 0; k < n; ++k) {
    const Candidate& c = block.list[block.order[k] & 0xFFFF];
    block.amount[k] = c.forced ? 0.0 : c.amount;
    const std::size_t row = block.order[k] >> 48;
    if (block.sums.empty() || block.sums.back().row != row) block.sums.push_back({row});
    auto& sum = block.sums.back();
    sum.area += c.area;
    sum.volume += c.volume_standing;
    sum.parcels += 1.0;
  }
  for (std::size_t k = n; k-- > 0;) {
    const bool last_of_row = k + 1 == n || (block.order[k + 1] >> 48) != (block.order[k] >> 48);
    block.suffix_min[k] = last_of_row ? block.amount[k] : std::min(block.amount[k], block.suffix_min[k + 1]);
  }
}

std::uint32_t descending(float value) {
  if (std::isnan(value)) return 0xFFFFFFFFu;
  // Order-preserving map of floats to unsigned integers, then reversed so larger comes first.
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(value == 0.0f ? 0.0f : value);
  const std::uint32_t ordered = (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
  return std::clamp<std::uint32_t>(~ordered, 1u, 0xFFFFFFFEu);
}

PlanResults::PlanResults(std::size_t rows, std::size_t times)
    : rows_(rows), times_(times), data_(rows * times * kPlanVarCount, 0.0) {}

void select(const Plan& plan, std::size_t t, std::span<const BlockCandidates> blocks, const FuelOf& fuel_of,
            std::span<Decision> decision, std::vector<std::uint32_t>& treated, PlanResults& results) {
  // Eligible totals per plan row, over every candidate in block order (deterministic).
  // Eligible totals per plan row: block sums added in block order (deterministic).
  std::vector<double> eligible_area(plan.rows, 0.0), eligible_volume(plan.rows, 0.0), eligible_n(plan.rows, 0.0);
  for (const BlockCandidates& b : blocks) {
    for (const auto& sum : b.sums) {
      eligible_area[sum.row] += sum.area;
      eligible_volume[sum.row] += sum.volume;
      eligible_n[sum.row] += sum.parcels;
    }
  }
  // Each block's cursor walks its sorted keys once: plan rows are visited in key order.
  std::vector<std::size_t> cursor(blocks.size(), 0);
  struct Head {
    std::uint64_t priority_index;  // (priority << 16) | index: the block's next candidate
    std::size_t block;
    bool operator>(const Head& o) const {
      const std::uint64_t a = priority_index >> 16, b = o.priority_index >> 16;
      if (a != b) return a > b;
      if (block != o.block) return block > o.block;  // ties: lower block (lower rows) first
      return priority_index > o.priority_index;
    }
  };
  std::priority_queue<Head, std::vector<Head>, std::greater<>> heap;
  auto row_of_key = [](std::uint64_t key) { return key >> 48; };
  constexpr std::uint64_t kLow48 = (std::uint64_t(1) << 48) - 1;

  for (std::uint16_t g = 0; g < plan.targets.size(); ++g) {
    const Target& target = plan.targets[g];
    const std::size_t units = plan.unit_columns[target.unit_column].unit_names.size();
    for (std::size_t u = 0; u < units; ++u) {
      const std::size_t row = plan.first_row[g] + u;
      const double goal = target.at(u, t);
      for (std::size_t b = 0; b < blocks.size(); ++b) {
        const auto& order = blocks[b].order;
        while (cursor[b] < order.size() && row_of_key(order[cursor[b]]) < row) ++cursor[b];
        if (cursor[b] < order.size() && row_of_key(order[cursor[b]]) == row) heap.push({order[cursor[b]] & kLow48, b});
      }
      double achieved = 0.0, area = 0.0, volume = 0.0, fuel = 0.0, n_treated = 0.0, treated_standing = 0.0;
      auto treat = [&](const Candidate& c) {
        achieved += c.amount;
        area += c.area;
        volume += c.volume_removed;
        fuel += target.basis == Basis::fuel_dry_mass ? c.amount : fuel_of(c);
        treated_standing += c.volume_standing;
        n_treated += 1.0;
        if (!c.forced) {
          decision[c.row] = target.operation == Operation::final_felling ? Decision::final_felling : Decision::thinning;
          treated.push_back(c.row);
        }
      };
      const double limit = goal * (1.0 + kFitSlack);
      const double met = goal * (1.0 - kFitSlack);
      while (!heap.empty()) {
        const Head head = heap.top();
        heap.pop();
        const std::size_t b = head.block;
        const BlockCandidates& bc = blocks[b];
        // The heap holds each block's candidate at its cursor: read the sorted arrays, touch the
        // candidate itself only to treat it.
        const std::size_t at = cursor[b];
        const bool forced = (head.priority_index >> 16) == 0;
        if (!forced && achieved >= met) break;  // target met: the rest wait
        if (forced || achieved + bc.amount[at] <= limit || target.last_parcel == LastParcel::overshoot) {
          treat(bc.list[head.priority_index & 0xFFFF]);
        }
        // The block's next candidate, unless none of its remaining ones can fit any more.
        const std::size_t next = ++cursor[b];
        if (next < bc.order.size() && row_of_key(bc.order[next]) == row &&
            (target.last_parcel == LastParcel::overshoot || achieved + bc.suffix_min[next] <= limit)) {
          heap.push({bc.order[next] & kLow48, b});
        }
      }
      while (!heap.empty()) heap.pop();
      for (std::size_t b = 0; b < blocks.size(); ++b) {
        const auto& order = blocks[b].order;
        while (cursor[b] < order.size() && row_of_key(order[cursor[b]]) == row) ++cursor[b];
      }
      auto set = [&](PlanVar v, double x) { results.at(row, t, v) = x; };
      set(PlanVar::target, goal);
      set(PlanVar::achieved, achieved);
      set(PlanVar::shortfall, std::max(0.0, goal - achieved));
      set(PlanVar::overshoot, std::max(0.0, achieved - goal));
      set(PlanVar::treated_area, area);
      set(PlanVar::treated_volume, volume);
      set(PlanVar::treated_fuel_dry_mass, fuel);
      set(PlanVar::treated_parcels, n_treated);
      set(PlanVar::eligible_area, eligible_area[row]);
      set(PlanVar::eligible_volume, eligible_volume[row]);
      set(PlanVar::eligible_parcels, eligible_n[row]);
      set(PlanVar::backlog_area, std::max(0.0, eligible_area[row] - area));
      set(PlanVar::backlog_volume, std::max(0.0, eligible_volume[row] - treated_standing));
    }
  }
}

}  // namespace shinrin::planning
