#include "shinrin/planning/selection.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
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

auto group(const Candidate& c) { return std::make_tuple(c.target, c.unit); }

}  // namespace

const PlanVarInfo& plan_var_info(PlanVar v) { return kPlanVars[static_cast<std::size_t>(v)]; }

double Candidate::amount(Basis b) const {
  switch (b) {
    case Basis::area: return area;
    case Basis::volume: return volume_removed;
    case Basis::fuel_dry_mass: return fuel_dry_mass;
  }
  return 0.0;
}

void sort_block(std::vector<Candidate>& c) {
  std::sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) {
    return std::make_tuple(a.target, a.unit, a.key) < std::make_tuple(b.target, b.unit, b.key);
  });
}

std::uint32_t descending(float value) {
  if (std::isnan(value)) return 0xFFFFFFFFu;
  // Order-preserving map of floats to unsigned integers, then reversed so larger comes first.
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(value == 0.0f ? 0.0f : value);
  const std::uint32_t ordered = (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
  return std::min(~ordered, 0xFFFFFFFEu);
}

PlanResults::PlanResults(std::size_t rows, std::size_t times)
    : rows_(rows), times_(times), data_(rows * times * kPlanVarCount, 0.0) {}

void select(const Plan& plan, std::size_t t, std::span<const std::vector<Candidate>> blocks,
            std::span<Decision> decision, std::vector<std::uint32_t>& treated, PlanResults& results) {
  // Each block's cursor walks its list once: groups are visited in the lists' sort order.
  std::vector<std::size_t> cursor(blocks.size(), 0);
  using Head = std::pair<std::uint64_t, std::size_t>;  // (key, block): the block's next candidate
  std::priority_queue<Head, std::vector<Head>, std::greater<>> heap;

  for (std::uint16_t g = 0; g < plan.targets.size(); ++g) {
    const Target& target = plan.targets[g];
    const std::size_t units = plan.unit_columns[target.unit_column].unit_names.size();
    for (std::uint16_t u = 0; u < units; ++u) {
      const std::size_t row = plan.first_row[g] + u;
      const auto key = std::make_tuple(g, u);
      const double goal = target.at(u, t);
      double achieved = 0.0, area = 0.0, volume = 0.0, fuel = 0.0, n_treated = 0.0;
      double eligible_area = 0.0, eligible_volume = 0.0, n_eligible = 0.0;
      for (std::size_t b = 0; b < blocks.size(); ++b) {
        const auto& list = blocks[b];
        while (cursor[b] < list.size() && group(list[cursor[b]]) < key) ++cursor[b];
        // Eligible totals in block order (deterministic), over the whole group.
        for (std::size_t k = cursor[b]; k < list.size() && group(list[k]) == key; ++k) {
          eligible_area += list[k].area;
          eligible_volume += list[k].volume_standing;
          n_eligible += 1.0;
        }
        if (cursor[b] < list.size() && group(list[cursor[b]]) == key) heap.emplace(list[cursor[b]].key, b);
      }
      double treated_standing = 0.0;
      auto treat = [&](const Candidate& c) {
        achieved += c.amount(target.basis);
        area += c.area;
        volume += c.volume_removed;
        fuel += c.fuel_dry_mass;
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
        const std::size_t b = heap.top().second;
        heap.pop();
        const Candidate& c = blocks[b][cursor[b]];
        if (++cursor[b] < blocks[b].size() && group(blocks[b][cursor[b]]) == key) {
          heap.emplace(blocks[b][cursor[b]].key, b);
        }
        if (c.forced) {
          treat(c);  // forced candidates sort first (priority 0)
          continue;
        }
        if (achieved >= met) break;  // target met: the rest wait
        if (achieved + c.amount(target.basis) <= limit || target.last_parcel == LastParcel::overshoot) treat(c);
      }
      while (!heap.empty()) heap.pop();
      for (std::size_t b = 0; b < blocks.size(); ++b) {
        while (cursor[b] < blocks[b].size() && group(blocks[b][cursor[b]]) == key) ++cursor[b];
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
      set(PlanVar::eligible_area, eligible_area);
      set(PlanVar::eligible_volume, eligible_volume);
      set(PlanVar::eligible_parcels, n_eligible);
      set(PlanVar::backlog_area, std::max(0.0, eligible_area - area));
      set(PlanVar::backlog_volume, std::max(0.0, eligible_volume - treated_standing));
    }
  }
}

}  // namespace shinrin::planning
