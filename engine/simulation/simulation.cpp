#include "shinrin/simulation/simulation.hpp"

#include <omp.h>

#include <cmath>
#include <exception>
#include <memory>

#include "block_runner.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/core/fixed_sum.hpp"

namespace shinrin::sim {
namespace {

// Exact sum of the runners' fixed-point totals of one kind of group, converted to doubles.
template <class Member>
GroupSeries combine(const std::vector<std::unique_ptr<BlockRunner>>& runners, Member member,
                    std::size_t groups, std::size_t times, std::size_t width) {
  std::vector<FixedSum> sum(groups * times * width);
  for (const auto& r : runners) {
    if (!r) continue;
    const auto& t = ((*r).*member)().totals();
    for (std::size_t k = 0; k < sum.size(); ++k) sum[k].add(t[k]);
  }
  GroupSeries out(groups, times, width);
  for (std::size_t g = 0; g < groups; ++g) {
    for (std::size_t t = 0; t < times; ++t) {
      for (std::size_t v = 0; v < width; ++v) out.at(g, t, v) = sum[(g * times + t) * width + v].value();
    }
  }
  return out;
}

// The total over all groups of `by` (exact in fixed point, so equal to the sum of the groups).
GroupSeries total_of(const std::vector<std::unique_ptr<BlockRunner>>& runners, std::size_t groups,
                     std::size_t times) {
  std::vector<FixedSum> sum(times * kAggVarCount);
  for (const auto& r : runners) {
    if (!r) continue;
    const auto& t = r->by_species().totals();
    for (std::size_t g = 0; g < groups; ++g) {
      for (std::size_t k = 0; k < times * kAggVarCount; ++k) sum[k].add(t[g * times * kAggVarCount + k]);
    }
  }
  GroupSeries out(1, times, kAggVarCount);
  for (std::size_t t = 0; t < times; ++t) {
    for (std::size_t v = 0; v < kAggVarCount; ++v) out.at(0, t, v) = sum[t * kAggVarCount + v].value();
  }
  return out;
}

void mark_initial_fluxes(GroupSeries& s, bool all_flux) {
  for (std::size_t g = 0; g < s.groups(); ++g) {
    for (std::size_t v = 0; v < s.width(); ++v) {
      if (all_flux || agg_var_info(AggVar(v)).is_flux) s.at(g, 0, v) = std::nan("");
    }
  }
}

// Areas per group (constant over the run), summed in fixed point per block for the same reason.
std::vector<double> group_areas(const ParcelTable& p, std::size_t groups, std::size_t block,
                                auto group_of) {
  std::vector<FixedSum> sum(groups);
  std::vector<double> partial(groups);
  for (std::size_t first = 0; first < p.size(); first += block) {
    std::fill(partial.begin(), partial.end(), 0.0);
    for (std::size_t i = first; i < std::min(p.size(), first + block); ++i) partial[group_of(i)] += p.area_ha[i];
    for (std::size_t g = 0; g < groups; ++g) sum[g].add(partial[g]);
  }
  std::vector<double> out;
  for (const auto& s : sum) out.push_back(s.value());
  return out;
}

}  // namespace

Aggregates run(ParcelTable& parcels, const SpeciesTable& species, const growth::GrowthTable& growth,
               const Model& model, const RunConfig& config, SeriesSink* sink) {
  const std::size_t n = parcels.size();
  const std::size_t block = config.block_size;
  const std::size_t blocks = (n + block - 1) / block;
  const OutputSelection& out = config.output;
  if (!out.variables.empty() && sink == nullptr) throw Error("simulation: series selected but no sink");

  RunContext ctx;
  ctx.species = &species;
  ctx.growth = &growth;
  ctx.model = &model;
  ctx.config = &config;
  ctx.factors = carbon::biomass_factors(species);
  ctx.times = static_cast<std::size_t>(config.years) + 1;
  ctx.selected.assign(ctx.times, -1);
  for (std::size_t j = 0; j < out.time_index.size(); ++j) ctx.selected[out.time_index[j]] = int(j);
  ctx.regime_groups = model.management.regimes.size() + 1;
  for (std::size_t c = 0; c < carbon::kFluxCount; ++c) {
    if (carbon::flux_info(carbon::Flux(c)).target == carbon::kAtmosphere) ctx.to_atmosphere.push_back(carbon::Flux(c));
  }

  carbon::PoolTable pools(n);
  const int threads = config.threads > 0 ? config.threads : omp_get_max_threads();
  std::vector<std::unique_ptr<BlockRunner>> runners(static_cast<std::size_t>(threads));
  std::exception_ptr first_error;
  bool failed = false;

  // Parallel contract: each block's rows of parcels and pools are written only by the thread
  // that runs the block; ctx, growth table, species and model are read-only; a BlockRunner is
  // private to its thread; the sink prepares (compresses) a block on the worker and writes it
  // inside a critical section. Exceptions are caught per block and the first is rethrown after
  // the loop.
#pragma omp parallel num_threads(threads)
  {
    const std::size_t tid = static_cast<std::size_t>(omp_get_thread_num());
    runners[tid] = std::make_unique<BlockRunner>(ctx, parcels, pools);
    BlockRunner& runner = *runners[tid];
#pragma omp for schedule(dynamic, 1)
    for (std::size_t b = 0; b < blocks; ++b) {
      bool stop;
#pragma omp atomic read
      stop = failed;
      if (stop) continue;
      try {
        runner.run_block({b * block, std::min(n, (b + 1) * block)});
        runner.flush();
        if (!out.variables.empty()) {
          sink->prepare_block(runner.series());
#pragma omp critical(shinrin_series_sink)
          sink->write_block(runner.series());
        }
      } catch (...) {
#pragma omp critical(shinrin_first_error)
        if (!first_error) first_error = std::current_exception();
#pragma omp atomic write
        failed = true;
      }
    }
  }
  if (first_error) std::rethrow_exception(first_error);

  Aggregates agg;
  const std::size_t t = ctx.times;
  agg.by_species = combine(runners, &BlockRunner::by_species, species.size(), t, kAggVarCount);
  agg.by_municipality = combine(runners, &BlockRunner::by_municipality, parcels.municipality_names.size(), t, kAggVarCount);
  agg.by_regime = combine(runners, &BlockRunner::by_regime, ctx.regime_groups, t, kAggVarCount);
  agg.total = total_of(runners, species.size(), t);
  agg.flux = combine(runners, &BlockRunner::flux, 1, t, carbon::kFluxCount);
  for (GroupSeries* s : {&agg.total, &agg.by_species, &agg.by_municipality, &agg.by_regime}) mark_initial_fluxes(*s, false);
  mark_initial_fluxes(agg.flux, true);

  agg.species_area_ha = group_areas(parcels, species.size(), block, [&](std::size_t i) { return parcels.species[i]; });
  agg.municipality_area_ha = group_areas(parcels, parcels.municipality_names.size(), block,
                                         [&](std::size_t i) { return parcels.municipality[i]; });
  agg.regime_area_ha = group_areas(parcels, ctx.regime_groups, block, [&](std::size_t i) {
    return parcels.regime[i] == silviculture::kNoRegime ? ctx.regime_groups - 1 : std::size_t(parcels.regime[i]);
  });
  agg.total_area_ha = group_areas(parcels, 1, block, [](std::size_t) { return std::size_t{0}; })[0];
  return agg;
}

}  // namespace shinrin::sim
