#include "shinrin/planning/selection.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <queue>
#include <tuple>

namespace shinrin::planning {
namespace {

constexpr auto kPlanVars = std::to_array<PlanVarInfo>({
    {PlanVar::target, "target", "basis", "annual target of the unit"},
    {PlanVar::achieved, "achieved", "basis", "treated in the year, in the target's basis"},
    {PlanVar::shortfall, "shortfall", "basis",
     "target not met by the eligible parcels: max(0, target - achieved)"},
    {PlanVar::overshoot, "overshoot", "basis",
     "treated above target (whole parcels, or events): max(0, achieved - target)"},
    {PlanVar::treated_area, "treated_area", "ha year-1", "area treated"},
    {PlanVar::treated_volume, "treated_volume", "m3 year-1",
     "stem volume removed by the treatments"},
    {PlanVar::treated_fuel_dry_mass, "treated_fuel_dry_mass", "t year-1",
     "fuelwood and residues collected for fuel by the treatments (dry mass)"},
    {PlanVar::treated_parcels, "treated_parcels", "1", "parcels treated"},
    {PlanVar::eligible_area, "eligible_area", "ha", "area eligible in the year (events included)"},
    {PlanVar::eligible_volume, "eligible_volume", "m3",
     "standing stem volume of the eligible parcels"},
    {PlanVar::eligible_parcels, "eligible_parcels", "1", "parcels eligible in the year"},
    {PlanVar::backlog_area, "backlog_area", "ha",
     "eligible area not treated in the year (waits for a later year)"},
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

const PlanVarInfo& plan_var_info(PlanVar v) {
  return kPlanVars[static_cast<std::size_t>(v)];
}

std::uint16_t BlockCandidates::add_group(std::size_t row) {
  groups.emplace_back();
  groups.back().row = row;
  groups.back().min_amount = std::numeric_limits<double>::infinity();
  return static_cast<std::uint16_t>(groups.size() - 1);
}

void prepare_block(BlockCandidates& block) {
  const std::size_t n = block.list.size();
  block.keys.resize(n);
  // Groups in plan-row order (a block holds few); candidates remember their group's old index.
  std::vector<std::uint16_t> new_index(block.groups.size());
  std::vector<std::size_t> order(block.groups.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return block.groups[a].row < block.groups[b].row;
  });
  std::vector<BlockCandidates::Group> sorted;
  std::size_t begin = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    BlockCandidates::Group g = block.groups[order[k]];
    const std::size_t count = g.end;
    g.begin = g.end = begin;
    begin += count;
    new_index[order[k]] = static_cast<std::uint16_t>(k);
    sorted.push_back(g);
  }
  block.groups = std::move(sorted);
  for (std::size_t k = 0; k < n; ++k) {
    Candidate& c = block.list[k];
    c.group = new_index[c.group];
    block.keys[block.groups[c.group].end++] = (std::uint64_t(c.priority) << 16) | std::uint64_t(k);
  }
  for (auto& g : block.groups) {
    std::make_heap(block.keys.begin() + long(g.begin), block.keys.begin() + long(g.end),
                   std::greater<>());
  }
}

PlanResults::PlanResults(std::size_t rows, std::size_t times)
    : rows_(rows), times_(times), data_(rows * times * kPlanVarCount, 0.0) {}

namespace {

// A block's next candidate of one plan row in the merge.
struct Head {
  std::uint64_t key;  // (priority << 16) | index in the block's list
  std::size_t block;
  std::size_t group;
  bool operator>(const Head& o) const {
    const std::uint64_t a = key >> 16, b = o.key >> 16;
    if (a != b) return a > b;
    if (block != o.block) return block > o.block;  // ties: lower block (lower rows) first
    return key > o.key;
  }
};

// Pops the group's smallest key and requests the candidate of the next one (the block's next
// head in the merge, often taken soon), whose list entry lies anywhere in the block's list.
std::uint64_t pop_key(BlockCandidates& bc, BlockCandidates::Group& g) {
  std::pop_heap(bc.keys.begin() + long(g.begin), bc.keys.begin() + long(g.end), std::greater<>());
  const std::uint64_t key = bc.keys[--g.end];
  if (g.end > g.begin) __builtin_prefetch(&bc.list[bc.keys[g.begin] & 0xFFFF]);
  return key;
}

// Requests a group's heap (its keys were written in the per-parcel pass, long before the merge
// walks them, one cold path of the heap per pop otherwise).
void prefetch_heap(const BlockCandidates& bc, const BlockCandidates::Group& g) {
  const char* first = reinterpret_cast<const char*>(bc.keys.data() + g.begin);
  const char* last = reinterpret_cast<const char*>(bc.keys.data() + g.end);
  for (const char* p = first; p < last; p += 64) __builtin_prefetch(p);
}

}  // namespace

void Selector::select(const Plan& plan, std::size_t t, std::span<BlockCandidates> blocks,
                      const RemovedOf& removed_of, std::span<Decision> decision,
                      std::vector<std::uint32_t>& treated, PlanResults& results, int threads,
                      bool dynamic, std::span<const double> goals) {
  // Each plan row: its groups in every block, in block order.
  groups_of_.resize(plan.rows);
  treated_of_.resize(plan.rows);
  for (auto& g : groups_of_) g.clear();
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    for (std::size_t k = 0; k < blocks[b].groups.size(); ++k)
      groups_of_[blocks[b].groups[k].row].emplace_back(b, k);
  }
  std::vector<std::pair<std::size_t, std::size_t>> rows;  // (target, unit) of each plan row
  for (std::size_t g = 0; g < plan.targets.size(); ++g) {
    const std::size_t units = plan.unit_columns[plan.targets[g].unit_column].unit_names.size();
    for (std::size_t u = 0; u < units; ++u) rows.emplace_back(g, u);
  }

  // Parallel contract: row r reads its groups (each group belongs to one row) and writes only
  // their heaps, its results, treated_of_[r] and the decisions of its candidates' parcels.
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::size_t row = 0; row < rows.size(); ++row) {
    const Target& target = plan.targets[rows[row].first];
    auto& mine = treated_of_[row];
    mine.clear();
    if (target.dynamic() != dynamic) continue;  // selected in the other pass
    const double goal = dynamic ? goals[row] : target.at(rows[row].second, t);
    const double limit = goal * (1.0 + kFitSlack);
    const double met = goal * (1.0 - kFitSlack);
    double eligible_area = 0.0, eligible_volume = 0.0, eligible_n = 0.0;
    std::vector<Head> heap;
    for (const auto& [b, k] : groups_of_[row]) prefetch_heap(blocks[b], blocks[b].groups[k]);
    for (const auto& [b, k] : groups_of_[row]) {  // eligible totals added in block order
      auto& g = blocks[b].groups[k];
      eligible_area += g.area;
      eligible_volume += g.volume;
      eligible_n += g.parcels;
      if (g.end > g.begin) heap.push_back({pop_key(blocks[b], g), b, k});
    }
    std::make_heap(heap.begin(), heap.end(), std::greater<>());
    double achieved = 0.0, area = 0.0, volume = 0.0, fuel = 0.0, n_treated = 0.0,
           treated_standing = 0.0;
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), std::greater<>());
      const Head head = heap.back();
      heap.pop_back();
      BlockCandidates& bc = blocks[head.block];
      auto& g = bc.groups[head.group];
      const Candidate& c = bc.list[head.key & 0xFFFF];
      if (!c.forced && achieved >= met) break;  // target met: the rest wait
      std::optional<Removed> r;
      if (c.lazy) r = removed_of(c);
      const double amount = c.lazy ? r->amount : c.amount;
      const bool fits =
          c.forced || achieved + amount <= limit || target.last_parcel == LastParcel::overshoot;
      // stop: the first parcel that does not fit ends the year, unless it alone exceeds the target.
      if (!fits && target.last_parcel == LastParcel::stop && amount <= limit) break;
      if (fits) {
        if (!r) r = removed_of(c);
        achieved += amount;
        area += r->area;
        volume += r->volume;
        fuel += r->fuel_dry_mass;
        treated_standing += r->volume_standing;
        n_treated += 1.0;
        if (!c.forced) {
          decision[c.row] = target.operation == Operation::final_felling ? Decision::final_felling
                                                                         : Decision::thinning;
          mine.push_back(c.row);
        }
      }
      // The block's next candidate of this row, unless none of its candidates could fit any more
      // (forced ones, priority 0 at the heap's root, always come).
      if (g.end > g.begin &&
          ((bc.keys[g.begin] >> 16) == 0 || target.last_parcel != LastParcel::skip ||
           achieved + g.min_amount <= limit)) {
        heap.push_back({pop_key(bc, g), head.block, head.group});
        std::push_heap(heap.begin(), heap.end(), std::greater<>());
      }
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
    set(PlanVar::eligible_parcels, eligible_n);
    set(PlanVar::backlog_area, std::max(0.0, eligible_area - area));
    set(PlanVar::backlog_volume, std::max(0.0, eligible_volume - treated_standing));
  }
  for (const auto& mine : treated_of_) treated.insert(treated.end(), mine.begin(), mine.end());
}

}  // namespace shinrin::planning
