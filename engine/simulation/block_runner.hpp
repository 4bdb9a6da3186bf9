#pragma once
// Runs blocks of parcels through the year (see simulation.hpp). One BlockRunner per thread: it
// owns the block's scratch (increments, fluxes, operations, streams, group sums, series) and
// writes only the rows of the block it runs.

#include <cstddef>
#include <vector>

#include "cell_sums.hpp"
#include "group_accumulator.hpp"
#include "shinrin/carbon/biomass.hpp"
#include "shinrin/carbon/flux.hpp"
#include "shinrin/carbon/pools.hpp"
#include "shinrin/simulation/simulation.hpp"
#include "shinrin/silviculture/harvest.hpp"

namespace shinrin::sim {

//! Read-only context shared by all runners.
struct RunContext {
  const SpeciesTable* species = nullptr;
  const growth::GrowthTable* growth = nullptr;
  const Model* model = nullptr;
  const RunConfig* config = nullptr;
  std::vector<carbon::BiomassFactors> factors;
  std::vector<int> selected;  // selected output position per time index, -1 when not written
  std::vector<carbon::Flux> to_atmosphere;  // channels whose carbon leaves to the atmosphere
  std::size_t times = 0;
  std::size_t regime_groups = 0;  // regimes + 1 (no regime)
};

class BlockRunner {
 public:
  BlockRunner(const RunContext& ctx, ParcelTable& parcels, carbon::PoolTable& pools);

  //! Runs rows through every year and, if series are selected, fills series().
  void run_block(RowRange rows);
  //! Adds the current block's sums to this runner's totals.
  void flush();

  BlockSeries& series() { return series_; }
  const GroupAccumulator& by_species() const { return by_species_; }
  const GroupAccumulator& by_municipality() const { return by_municipality_; }
  const GroupAccumulator& by_regime() const { return by_regime_; }
  const GroupAccumulator& flux() const { return flux_; }

 private:
  void initial_state(RowRange rows);
  void step_year(RowRange rows, std::size_t t);
  void apply(RowRange rows, carbon::Module module, std::size_t t);
  void accumulate(RowRange rows, std::size_t t);
  void keep_series(RowRange rows, std::size_t t);
  std::uint16_t regime_group(std::size_t i) const;
  [[noreturn]] void fail(std::size_t row, std::size_t t, const std::string& what) const;

  const RunContext& ctx_;
  ParcelTable& p_;
  carbon::PoolTable& pools_;
  std::vector<float> dv_;
  carbon::FluxBlock fluxes_;
  std::vector<silviculture::Operation> operation_;
  std::vector<silviculture::StreamVolumes> streams_;
  std::vector<std::uint16_t> harvest_species_;
  std::vector<double> uptake_, emission_;  // this year's carbon from / to the atmosphere per row
  std::vector<int> cell_;  // cell of each block row
  CellSums cells_;
  GroupAccumulator by_species_, by_municipality_, by_regime_, flux_;
  BlockSeries series_;
  bool harvested_ = false;  // any operation in the current block-year
};

}  // namespace shinrin::sim
