#pragma once
// The phases of the year and what they see (internal to the simulation module; the year loop is
// described in include/shinrin/simulation/simulation.hpp).
//
// A phase is one registration line in phases.cpp: a name, whether it is enabled for the run's
// Inputs, an optional per-parcel part (called for one block at a time, concurrently for different
// blocks), an optional landscape part (called once a year, on one thread, after every block has
// passed the per-parcel parts before it), and the carbon modules whose fluxes the runner applies
// after its per-parcel part.
//
// Parallel contract of a per-parcel part: it writes only the State rows of its block, its
// BlockWork (private to the thread), and its own entry of per-block shared lists
// (YearShared::candidates[block]) or its rows of per-parcel shared columns; it reads Inputs,
// RunShared and what landscape parts left in YearShared. BlockWork scratch (fluxes, operations)
// does not survive a landscape barrier: what a later part needs goes to State or YearShared.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "accumulators.hpp"
#include "shinrin/carbon/biomass.hpp"
#include "shinrin/carbon/flux.hpp"
#include "shinrin/core/row_range.hpp"
#include "shinrin/planning/selection.hpp"
#include "shinrin/silviculture/harvest.hpp"
#include "shinrin/simulation/simulation.hpp"

namespace shinrin::sim {

//! Read-only values derived once per run.
struct RunShared {
  std::vector<carbon::BiomassFactors> factors;  //!< per species
  std::vector<carbon::Flux> to_atmosphere;      //!< channels whose carbon leaves to the atmosphere
  std::vector<int> output_of_time;              //!< output index of each time index, -1 if none
  std::size_t series_stride = 1;  //!< output times kept per parcel in YearShared::series
  std::size_t regime_groups = 0;
  //! plan_row[2 * row + operation]: the (target, unit) plan row that covers the parcel's final
  //! felling (operation 0) or thinning (1), planning::kNoTarget if none (Plan::target_at, resolved
  //! once per run so the yearly parts read one pair per row).
  std::vector<std::uint16_t> plan_row;
  std::vector<std::uint16_t> target_of_plan_row;  //!< target of each plan row
};

//! Shared by all blocks of a year (one per run).
struct YearShared {
  std::vector<planning::BlockCandidates> candidates;  //!< per block, this year
  std::vector<planning::Decision> decision;           //!< per row: planned operation
  std::vector<std::uint32_t> treated;                 //!< rows with a decision
  planning::Selector selector;                        //!< the landscape part's scratch
  // --- fuel (empty without boilers) ---
  std::vector<double>
      planned_fuel;  //!< per row: fuel its home boiler gets from a planned treatment [t dry]
  std::vector<std::uint8_t> extra;  //!< per row: 1 if treated by a boiler_demand target this year
  std::vector<std::vector<fuel::Supply>> fuel_supply;  //!< per block, per boiler: this year's wood
  std::vector<std::vector<fuel::BoilerYear>> fuel_years;  //!< per boiler, per time index
  planning::PlanResults plan;                             //!< planning outputs of the run
  //! Per selected variable: series[k][s * rows + i] for landscape row i and output time s of the
  //! group being filled (fluxes summed over each output interval): one plane of all rows per
  //! output time, so a year's stores are contiguous; the writer puts them in source order.
  std::vector<std::vector<float>> series;
};

//! Per-thread scratch and totals.
struct BlockWork {
  BlockWork(const Inputs& in, const RunConfig& config, std::size_t phase_count);

  std::vector<float> dv;  //!< this year's stem increment [m3 ha-1]
  carbon::FluxBlock fluxes;
  std::vector<silviculture::Operation> operation;    //!< per block row, this year
  std::vector<silviculture::StreamVolumes> streams;  //!< where operation is not none
  std::vector<std::uint16_t> harvest_species;        //!< species of the removed wood
  std::vector<std::uint32_t> harvest_curve;          //!< curve of the stand before the operation
  std::vector<std::int16_t> harvest_age;             //!< age of the stand before the operation
  std::vector<std::uint32_t> harvest_cell;           //!< cell the removals count for
  std::vector<std::uint16_t> input_species;          //!< species that shed this year's dead matter
  bool harvested = false;                            //!< any operation in this block-year
  std::vector<double> emission;                      //!< per block row [t C ha-1]
  CellSums cells;                                    //!< this block's pass
  std::vector<double> flux_sums;                     //!< this block's pass, per channel [t C]
  //! This block's pass by age class: age_sums[k * kAgeClassVarCount + v] (AgeClassVar v).
  std::array<double, kAgeClassCount * kAgeClassVarCount> age_sums{};
  GroupTotals by_species, by_municipality, by_regime, by_age_class, flux;
  std::vector<double> phase_seconds;  //!< busy time per registered phase
  double busy_seconds = 0.0;          //!< busy time in the current segment
  double balance_seconds = 0.0;       //!< carbon balance checks

  //! Starts a block's pass: fluxes and operations cleared.
  void begin_pass(std::size_t rows);
  //! Ends a block's pass at time t: cell and channel sums into the totals.
  void end_pass(const Inputs& in, std::size_t t);
};

struct PhaseContext {
  const Inputs& in;
  State& st;
  const RunConfig& config;
  const RunShared& run;
  YearShared& year;
  BlockWork& work;
  RowRange rows;
  std::size_t block = 0;
  std::size_t t = 0;  //!< time index (1 = first simulated year)
  int fiscal_year = 0;
  //! Current aggregation cell of row i (the species may have changed at a final felling).
  std::uint32_t cell(std::size_t i) const {
    return st.species[i] == in.parcels.species[i] ? in.cell[i] : in.regen_cell[i];
  }
};

struct LandscapeContext {
  const Inputs& in;
  State& st;
  const RunShared& run;
  YearShared& year;
  std::size_t t = 0;
  int fiscal_year = 0;
  int threads =
      1;  //!< threads a landscape part may use for work that splits without changing results
};

struct PhaseEntry {
  std::string_view name;
  bool (*enabled)(const Inputs&);
  void (*block)(PhaseContext&);             //!< per-parcel part, or nullptr
  void (*landscape)(LandscapeContext&);     //!< landscape part (a barrier), or nullptr
  std::span<const carbon::Module> modules;  //!< carbon applies these after the per-parcel part
};

//! The registered phases, in the order they run each year.
std::span<const PhaseEntry> phases();

// Parts used by the runner outside the yearly list.
void initial_state_block(PhaseContext& c);  //!< sets the State of the block from Inputs
void outputs_block(PhaseContext& c);        //!< aggregates and series of the block at time t

// The phases' parts (one file each).
void growth_block(PhaseContext& c);
void stand_block(PhaseContext& c);
void planning_candidates_block(PhaseContext& c);
void planning_select(LandscapeContext& c);
void operations_block(PhaseContext& c);
void turnover_block(PhaseContext& c);
void decay_block(PhaseContext& c);
void wood_products_block(PhaseContext& c);
void fuel_demand(LandscapeContext& c);
void fuel_collect_block(PhaseContext& c);
void crediting_block(PhaseContext& c);
void fuel_burn(LandscapeContext& c);

//! Fuel that the home boiler `boiler` takes from removals `r` (its sources) [t dry].
double boiler_fuel(const Inputs& in, std::uint16_t boiler, const planning::Removed& r);
//! What the operation on candidate `cand` removes (phase_planning.cpp).
planning::Removed removed_by(const Inputs& in, const State& st, const planning::Candidate& cand,
                             int fiscal_year);

//! Throws ModelError naming parcel row i, the fiscal year and `what`.
[[noreturn]] void fail(const PhaseContext& c, std::size_t i, const std::string& what);

}  // namespace shinrin::sim
