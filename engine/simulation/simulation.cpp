#include "shinrin/simulation/simulation.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>
#include <string>

#include "phase.hpp"
#include "rank_exchange.hpp"
#include "shinrin/carbon/transfers.hpp"
#include "shinrin/core/error.hpp"

namespace shinrin::sim {
namespace {

constexpr std::size_t kRegularVars =
    static_cast<std::size_t>(AggVar::thinned_area);  // stocks, removal, emission

// The per-parcel parts between two landscape parts, and the landscape part that ends them.
struct Segment {
  std::vector<std::size_t> block_phases;  // indexes into phases()
  const PhaseEntry* landscape = nullptr;
  std::size_t landscape_index = 0;
};

std::vector<Segment> segments_of(const Inputs& in) {
  std::vector<Segment> out(1);
  const auto all = phases();
  for (std::size_t p = 0; p < all.size(); ++p) {
    if (!all[p].enabled(in)) continue;
    if (all[p].block) out.back().block_phases.push_back(p);
    if (all[p].landscape) {
      out.back().landscape = &all[p];
      out.back().landscape_index = p;
      out.emplace_back();
    }
  }
  if (out.back().block_phases.empty() && out.back().landscape == nullptr) out.pop_back();
  return out;
}

// Carbon applies the fluxes of `module` to the block; then the module's channel totals go to the
// block's sums.
void apply(PhaseContext& c, carbon::Module module) {
  BlockWork& w = c.work;
  bool any = false;
  for (std::size_t f = 0; f < carbon::kFluxCount && !any; ++f) {
    any = carbon::flux_info(carbon::Flux(f)).module == module && w.fluxes.active(carbon::Flux(f));
  }
  if (!any) return;  // the module moved nothing this year: pools unchanged
  carbon::apply_fluxes(c.rows, w.fluxes, module, c.st.pools);
  const bool sparse = module == carbon::Module::thinning || module == carbon::Module::felling;
  const double* area = c.in.parcels.area_ha.data() + c.rows.first;
  const std::size_t n = c.rows.size();
  for (std::size_t f = 0; f < carbon::kFluxCount; ++f) {
    const carbon::Flux flux = carbon::Flux(f);
    if (carbon::flux_info(flux).module != module || !w.fluxes.active(flux)) continue;
    // Four interleaved partial sums (a fixed order, so still thread-independent) keep the
    // additions from waiting on each other.
    const double* amount = w.fluxes.channel(flux).data();
    if (sparse) {  // rows in increasing order: the same order of additions as a full pass
      double total = 0.0;
      for (std::uint32_t r : w.fluxes.touched()) total += amount[r] * area[r];
      w.flux_sums[f] += total;
      continue;
    }
    double sum[4] = {0.0, 0.0, 0.0, 0.0};
    std::size_t r = 0;
    for (; r + 4 <= n; r += 4) {
      for (std::size_t k = 0; k < 4; ++k) sum[k] += amount[r + k] * area[r + k];
    }
    for (; r < n; ++r) sum[0] += amount[r] * area[r];
    w.flux_sums[f] += (sum[0] + sum[1]) + (sum[2] + sum[3]);
  }
}

// Every parcel's carbon balance after the block's last pass of the year. Modules only see the pools
// read-only and carbon applies their fluxes in one place, so the balance can break only through a
// value that is not finite or a fault in that place. A failure names the first module of the pass
// whose flux for the parcel is not finite (else every module of the pass); growth, whose pass may
// lie before a barrier, checks its own fluxes.
void check_pass(PhaseContext& c, const Segment& seg) {
  if (c.in.model.stand.enabled) {  // stems and height move no carbon, so the balance misses them
    for (std::size_t i = c.rows.first; i < c.rows.last; ++i) {
      if (!std::isfinite(c.st.stems[i]) || !std::isfinite(c.st.height[i])) {
        fail(c, i,
             "module stand: stems " + std::to_string(c.st.stems[i]) + " ha-1, top height " +
                 std::to_string(c.st.height[i]) + " m: not finite");
      }
    }
  }
  const auto bad = carbon::check_balance(c.rows, c.st.pools);
  if (!bad) return;
  const std::size_t i = *bad, r = i - c.rows.first;
  std::string modules;
  for (std::size_t p : seg.block_phases) {
    for (carbon::Module m : phases()[p].modules) {
      modules += (modules.empty() ? "" : ", ") + std::string(carbon::module_name(m));
      for (std::size_t f = 0; f < carbon::kFluxCount; ++f) {
        const carbon::Flux flux = carbon::Flux(f);
        if (carbon::flux_info(flux).module == m && c.work.fluxes.active(flux) &&
            !std::isfinite(c.work.fluxes.channel(flux)[r])) {
          modules = std::string(carbon::module_name(m));
          goto named;
        }
      }
    }
  }
named:
  const auto& p = c.st.pools;
  fail(c, i,
       "module " + modules + ": carbon balance broken (pools " + std::to_string(p.total(i)) +
           " t C/ha, expected " + std::to_string(p.initial()[i] + p.uptake()[i] - p.emission()[i]) +
           ")");
}

// Whether the run was asked to stop (RunConfig::stop).
bool stop_requested(const RunConfig& config) {
  return config.stop != nullptr && config.stop->load(std::memory_order_relaxed) != 0;
}

// The failure of a parallel pass, if any: the error of the lowest block that failed.
struct BlockFailure {
  std::exception_ptr error;
  std::size_t block = 0;
};

// Ends a step the same way on every rank (parallel/ranks.hpp, Ranks::settle): the error of the
// lowest failing block of all ranks is thrown on every rank; else, when the run was asked to stop
// on any rank, Interrupted. With one rank: the error, else Interrupted if asked to stop.
void settle(const parallel::Ranks& ranks, const RunConfig& config, BlockFailure failure,
            std::size_t blocks, int fiscal_year) {
  if (!failure.error && stop_requested(config)) {
    const int signal = config.stop->load(std::memory_order_relaxed);
    failure.error = std::make_exception_ptr(
        Interrupted(signal, "the run stopped in fiscal year " + std::to_string(fiscal_year)));
    failure.block = blocks;  // after every block's error
  }
  ranks.settle(failure.error, failure.block);
}

// Runs `body(context)` for every block of `own` (a range of block indexes) in parallel. Errors are
// caught per block; the error of the lowest block index is returned after the loop, so the message
// does not depend on threads. When the run is asked to stop, no further block starts (the caller
// then settles).
template <class Body>
BlockFailure for_blocks(std::size_t n, std::size_t block, RowRange own, int threads,
                        const RunConfig& config, std::vector<std::unique_ptr<BlockWork>>& work,
                        Body&& body) {
  std::exception_ptr error;
  std::size_t error_block = own.last;
  bool failed = false;
  // No more threads than blocks: a landscape of one block would otherwise start (and wait for)
  // an idle thread in every pass.
  const int team = static_cast<int>(
      std::min<std::size_t>(std::size_t(threads), std::max<std::size_t>(1, own.size())));
#pragma omp parallel for num_threads(team) schedule(dynamic, 1)
  for (std::size_t b = own.first; b < own.last; ++b) {
    bool stop;
#pragma omp atomic read
    stop = failed;
    if (stop || stop_requested(config)) continue;
    BlockWork& w = *work[static_cast<std::size_t>(omp_get_thread_num())];
    const double t0 = omp_get_wtime();
    try {
      body(b, RowRange{b * block, std::min(n, (b + 1) * block)}, w);
    } catch (...) {
#pragma omp critical(shinrin_block_error)
      if (b < error_block) {
        error_block = b;
        error = std::current_exception();
      }
#pragma omp atomic write
      failed = true;
    }
    w.busy_seconds += omp_get_wtime() - t0;
  }
  return {error, error_block};
}

void mark_initial_fluxes(GroupSeries& s, bool all_flux) {
  for (std::size_t g = 0; g < s.groups(); ++g) {
    for (std::size_t v = 0; v < s.width(); ++v) {
      if (all_flux || agg_var_info(AggVar(v)).is_flux) s.at(g, 0, v) = std::nan("");
    }
  }
}

GroupSeries to_series(const GroupTotals& totals, std::size_t groups, std::size_t times) {
  GroupSeries out(groups, times, totals.width());
  for (std::size_t g = 0; g < groups; ++g) {
    for (std::size_t t = 0; t < times; ++t) {
      for (std::size_t v = 0; v < totals.width(); ++v) out.at(g, t, v) = totals.value(g, t, v);
    }
  }
  return out;
}

// Areas per group (constant over the run), summed per block and added in fixed point.
template <class GroupOf>
std::vector<double> group_areas(const Landscape& p, std::size_t groups, std::size_t block,
                                GroupOf group_of) {
  std::vector<FixedSum> sum(groups);
  std::vector<double> partial(groups);
  for (std::size_t first = 0; first < p.size(); first += block) {
    std::fill(partial.begin(), partial.end(), 0.0);
    for (std::size_t i = first; i < std::min(p.size(), first + block); ++i)
      partial[group_of(i)] += p.area_ha[i];
    for (std::size_t g = 0; g < groups; ++g) sum[g].add(partial[g]);
  }
  std::vector<double> out;
  for (const auto& s : sum) out.push_back(s.value());
  return out;
}

// RunShared::plan_row and target_of_plan_row (empty without a harvest plan).
void index_plan_rows(const Inputs& in, RunShared& shared) {
  const planning::Plan& plan = in.plan;
  if (!plan.enabled() || !in.model.management.enabled) return;
  shared.target_of_plan_row.assign(plan.rows, planning::kNoTarget);
  for (std::size_t g = 0; g < plan.targets.size(); ++g) {
    const std::size_t units = plan.unit_columns[plan.targets[g].unit_column].unit_names.size();
    for (std::size_t u = 0; u < units; ++u)
      shared.target_of_plan_row[plan.first_row[g] + u] = static_cast<std::uint16_t>(g);
  }
  const std::size_t n = in.parcels.size();
  shared.plan_row.assign(n * planning::kOperationCount, planning::kNoTarget);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint16_t rg = in.parcels.regime[i];
    if (rg == kNoRegime) continue;
    for (std::size_t op = 0; op < planning::kOperationCount; ++op) {
      const std::uint16_t g = plan.target_at(rg, planning::Operation(op), i);
      if (g == planning::kNoTarget) continue;
      const planning::Target& tg = plan.targets[g];
      shared.plan_row[i * planning::kOperationCount + op] = static_cast<std::uint16_t>(
          plan.first_row[g] + plan.unit_columns[tg.unit_column].unit_of_row[i]);
    }
  }
}

}  // namespace

BlockWork::BlockWork(const Inputs& in, const RunConfig& config, std::size_t phase_count)
    : dv(config.block_size),
      fluxes(config.block_size),
      operation(config.block_size),
      streams(config.block_size),
      harvest_species(config.block_size),
      harvest_curve(config.block_size),
      harvest_age(config.block_size),
      harvest_cell(config.block_size),
      input_species(config.block_size),
      emission(config.block_size),
      cells(in.cells.size(), kAggVarCount, kRegularVars),
      flux_sums(carbon::kFluxCount, 0.0),
      by_species(in.species.size(), in.times(), kAggVarCount),
      by_municipality(in.parcels.municipality_names.size(), in.times(), kAggVarCount),
      by_regime(in.regime_groups(), in.times(), kAggVarCount),
      by_age_class(kAgeClassCount, in.times(), kAgeClassVarCount),
      flux(1, in.times(), carbon::kFluxCount),
      phase_seconds(phase_count, 0.0) {}

void BlockWork::begin_pass(std::size_t rows) {
  fluxes.clear();
  harvested = false;
  std::fill_n(operation.begin(), rows, silviculture::Operation::none);
}

void BlockWork::end_pass(const Inputs& in, std::size_t t) {
  cells.flush(in.cells, t, by_species, by_municipality, by_regime);
  for (std::size_t k = 0; k < kAgeClassCount; ++k)
    by_age_class.add(k, t, &age_sums[k * kAgeClassVarCount], kAgeClassVarCount);
  age_sums.fill(0.0);
  flux.add(0, t, flux_sums.data(), carbon::kFluxCount);
  std::fill(flux_sums.begin(), flux_sums.end(), 0.0);
}

void fail(const PhaseContext& c, std::size_t i, const std::string& what) {
  throw ModelError(what + " for parcel '" + c.in.parcels.key[i] + "' in fiscal year " +
                   std::to_string(c.fiscal_year));
}

RunResult run(const Inputs& in, State& st, const RunConfig& config, SeriesSink* sink) {
  const double t_start = omp_get_wtime();
  const std::size_t n = in.parcels.size();
  const std::size_t block = config.block_size;
  const std::size_t blocks = (n + block - 1) / block;
  const OutputSelection& out = config.output;
  if (st.size() != n)
    throw Error("simulation: the State has " + std::to_string(st.size()) + " rows, the Inputs " +
                std::to_string(n));
  if (in.cell.size() != n) throw Error("simulation: Inputs not finished (call finish_inputs)");
  const parallel::Ranks one_rank;
  const parallel::Ranks& ranks = config.ranks != nullptr ? *config.ranks : one_rank;
  // Parallel contract across ranks: every rank holds all of Inputs and a State of every row, but
  // runs the per-parcel parts only on its blocks (own) and so owns only their rows; landscape parts
  // run on every rank over data gathered in block order (rank_exchange.hpp).
  const RowRange own = ranks.own_blocks(blocks);
  if (!out.variables.empty() && sink == nullptr && ranks.root())
    throw Error("simulation: series selected but no sink");

  RunShared shared;
  shared.factors = carbon::biomass_factors(in.species);
  shared.regime_groups = in.regime_groups();
  index_plan_rows(in, shared);
  shared.output_of_time.assign(in.times(), -1);
  for (std::size_t j = 0; j < out.time_index.size(); ++j)
    shared.output_of_time[std::size_t(out.time_index[j])] = int(j);
  for (std::size_t c = 0; c < carbon::kFluxCount; ++c) {
    if (carbon::flux_info(carbon::Flux(c)).target == carbon::kAtmosphere)
      shared.to_atmosphere.push_back(carbon::Flux(c));
  }

  const std::vector<Segment> segments = segments_of(in);
  const Segment* last_pass = nullptr;  // the balance is checked at its end
  for (const Segment& seg : segments) {
    if (!seg.block_phases.empty()) last_pass = &seg;
  }
  YearShared year;
  year.plan = planning::PlanResults(in.plan.rows, in.times());
  if (in.plan.enabled() && in.model.management.enabled) {
    year.candidates.resize(blocks);
    year.decision.assign(n, planning::Decision::none);
  }
  st.credit.assign(in.credit.projects.size(), crediting::ProjectLedger{});
  for (std::size_t k = 0; k < in.credit.projects.size(); ++k) {
    const crediting::Project& p = in.credit.projects[k];
    if (p.rules->scope == crediting::Scope::forest)
      st.credit[k].reset(p.rows.size(), p.periods.size());
  }
  st.fuel_stocks.assign(in.fuel.boilers.size(), fuel::Stock{});
  for (std::size_t b = 0; b < in.fuel.boilers.size();
       ++b) {  // seasoned wood in the shed at the start
    const fuel::Boiler& boiler = in.fuel.boilers[b];
    st.fuel_stocks[b].add(in.start_year - 1 - boiler.drying_years, boiler.initial_stock);
  }
  if (in.fuel.enabled()) {
    year.planned_fuel.assign(n, 0.0);
    year.extra.assign(n, 0);
    year.fuel_supply.assign(blocks, std::vector<fuel::Supply>(in.fuel.boilers.size()));
    year.fuel_years.assign(in.fuel.boilers.size(), std::vector<fuel::BoilerYear>(in.times()));
  }
  // Per-parcel series are kept for a group of output times (as many as fit in 256 MiB), so that
  // the writer's chunks hold several years of a parcel, which compress like a time series.
  shared.series_stride = series_time_group(n, out.variables.size(), out.time_index.size());
  year.series.assign(out.variables.size(), std::vector<float>(n * shared.series_stride, 0.0f));

  const int threads = config.threads > 0 ? config.threads : omp_get_max_threads();
  const std::size_t phase_count = phases().size();
  std::vector<std::unique_ptr<BlockWork>> work;
  for (int k = 0; k < threads; ++k)
    work.push_back(std::make_unique<BlockWork>(in, config, phase_count));

  RunResult result;
  Timings& timing = result.timings;
  timing.threads = threads;
  std::vector<double> landscape_seconds(phase_count, 0.0);
  auto context = [&](BlockWork& w, RowRange rows, std::size_t b, std::size_t t) {
    return PhaseContext{in, st, config, shared, year, w, rows, b, t, in.start_year + int(t) - 1};
  };
  auto end_pass = [&](PhaseContext& c) {
    const bool beyond = std::any_of(c.work.flux_sums.begin(), c.work.flux_sums.end(),
                                    [](double v) { return !FixedSum::addable(v); });
    const bool age_beyond = std::any_of(c.work.age_sums.begin(), c.work.age_sums.end(),
                                        [](double v) { return !FixedSum::addable(v); });
    if (beyond || age_beyond || c.work.cells.any_not_addable()) {
      for (std::size_t i = c.rows.first; i < c.rows.last; ++i) {
        if (!std::isfinite(c.st.volume[i]) || !std::isfinite(c.st.pools.total(i)))
          fail(c, i, "non-finite volume or carbon");
      }
      if (c.work.cells.any_non_finite())
        fail(c, c.rows.first, "non-finite totals in the block starting at this parcel");
      fail(c, c.rows.first,
           "totals of the block starting at this parcel beyond 1e15 (t, m3, ha), the range of the "
           "fixed-point totals");
    }
    c.work.end_pass(in, c.t);
  };
  auto emit_series = [&](std::size_t t) {
    const int j = shared.output_of_time[t];
    if (j < 0 || out.variables.empty()) return;
    const std::size_t stride = shared.series_stride;
    const bool last = std::size_t(j) + 1 == out.time_index.size();
    if (std::size_t(j) % stride != stride - 1 && !last) return;  // the group is not full yet
    const double t0 = omp_get_wtime();
    const std::size_t first = std::size_t(j) - std::size_t(j) % stride;
    series_to_root(ranks, year);
    if (ranks.root()) sink->write_times(first, std::size_t(j) - first + 1, stride, year.series);
    if (ranks.size() > 1) {
      clear_series(year);  // the root's buffers now hold other ranks' rows too
    } else {
      for (std::size_t k = 0; k < out.variables.size(); ++k) {
        if (parcel_var_info(out.variables[k]).is_flux)
          std::fill(year.series[k].begin(), year.series[k].end(), 0.0f);
      }
    }
    timing.series_seconds += omp_get_wtime() - t0;
  };
  auto collect_busy = [&](double wall) {
    double busy = 0.0;
    for (auto& w : work) {
      busy += w->busy_seconds;
      w->busy_seconds = 0.0;
    }
    timing.barrier_wait_seconds += std::max(0.0, wall * threads - busy);
    ++timing.segments;
  };

  const auto all = phases();
  // The per-parcel parts of one segment on one block, at time t.
  auto run_parts = [&](const Segment& seg, PhaseContext& c) {
    c.work.begin_pass(c.rows.size());
    for (std::size_t p : seg.block_phases) {
      const double p0 = omp_get_wtime();
      all[p].block(c);
      for (carbon::Module m : all[p].modules) apply(c, m);
      c.work.phase_seconds[p] += omp_get_wtime() - p0;
    }
    if (&seg == last_pass) {
      const double b0 = omp_get_wtime();
      check_pass(c, seg);
      c.work.balance_seconds += omp_get_wtime() - b0;
    }
    end_pass(c);
  };
  auto run_landscape = [&](const Segment& seg, std::size_t t) {
    if (seg.landscape == nullptr) return;
    const double t0 = omp_get_wtime();
    share_for_landscape(*seg.landscape, !seg.block_phases.empty(), ranks, in, st, year);
    LandscapeContext lc{in, st, shared, year, t, in.start_year + int(t) - 1, threads};
    seg.landscape->landscape(lc);
    landscape_seconds[seg.landscape_index] += omp_get_wtime() - t0;
  };

  // Pipelining: when a landscape part splits the year, the per-parcel parts before it (growth,
  // stand, planning's candidates) of year t+1 run on each block right after the block's last
  // parts of year t, in the same parallel pass, so a block comes from memory once a year. The
  // results are those of running them apart: year t's parts finish, are checked and flushed at
  // time t before year t+1's start on the block; nothing in between reads another block; and the
  // series of year t are taken by the outputs phase before growth moves on.
  const bool pipelined = segments.size() > 1 && segments.front().landscape != nullptr;
  const Segment* head = pipelined ? &segments.front() : nullptr;
  auto pass = [&](std::size_t t, const Segment* seg, bool initial) {
    const bool next = head != nullptr && t + 1 < in.times() && (initial || seg == last_pass);
    const double t0 = omp_get_wtime();
    auto block_pass = [&](std::size_t b, RowRange rows, BlockWork& w) {
      PhaseContext c = context(w, rows, b, t);
      if (initial) {
        w.begin_pass(rows.size());
        initial_state_block(c);
        outputs_block(c);
        end_pass(c);
      } else {
        run_parts(*seg, c);
      }
      if (next) {
        PhaseContext following = context(w, rows, b, t + 1);
        run_parts(*head, following);
      }
    };
    const BlockFailure failure = for_blocks(n, block, own, threads, config, work, block_pass);
    settle(ranks, config, failure, blocks, in.start_year + int(t) - 1);
    if (initial) {
      for (auto& w : work) w->busy_seconds = 0.0;
      timing.initial_seconds = omp_get_wtime() - t0;
    } else {
      collect_busy(omp_get_wtime() - t0);
    }
  };

  pass(0, nullptr, true);  // initial state (time index 0)
  emit_series(0);
  for (std::size_t t = 1; t < in.times(); ++t) {
    for (const Segment& seg : segments) {
      const bool done_before = &seg == head;  // ran in the previous year's last pass
      if (!done_before && !seg.block_phases.empty()) pass(t, &seg, false);
      run_landscape(seg, t);
      settle(ranks, config, {}, blocks, in.start_year + int(t) - 1);
    }
    emit_series(t);
    // Between the parallel passes, on this thread: progress reporting costs one call a year.
    if (config.on_year) config.on_year(in.start_year + int(t) - 1, t, in.times() - 1);
  }

  // Totals: thread totals added exactly, then converted.
  for (std::size_t k = 1; k < work.size(); ++k) {
    work[0]->by_species.merge(work[k]->by_species);
    work[0]->by_municipality.merge(work[k]->by_municipality);
    work[0]->by_regime.merge(work[k]->by_regime);
    work[0]->by_age_class.merge(work[k]->by_age_class);
    work[0]->flux.merge(work[k]->flux);
  }
  sum_over_ranks(ranks, *work[0]);  // exact: integer sums (nothing with one rank)
  merge_ledgers(ranks, st);
  const BlockWork& w0 = *work[0];
  const std::size_t times = in.times();
  Aggregates& agg = result.aggregates;
  agg.by_species = to_series(w0.by_species, in.species.size(), times);
  agg.by_municipality = to_series(w0.by_municipality, in.parcels.municipality_names.size(), times);
  agg.by_regime = to_series(w0.by_regime, in.regime_groups(), times);
  agg.by_age_class = to_series(w0.by_age_class, kAgeClassCount, times);
  agg.flux = to_series(w0.flux, 1, times);
  // The total over species: exact, because every species total is a sum of the same fixed-point
  // block sums.
  agg.total = to_series(w0.by_species.summed(), 1, times);
  for (GroupSeries* s : {&agg.total, &agg.by_species, &agg.by_municipality, &agg.by_regime})
    mark_initial_fluxes(*s, false);
  mark_initial_fluxes(agg.flux, true);
  const Landscape& L = in.parcels;
  agg.species_area_ha =
      group_areas(L, in.species.size(), block, [&](std::size_t i) { return L.species[i]; });
  agg.municipality_area_ha = group_areas(L, L.municipality_names.size(), block,
                                         [&](std::size_t i) { return L.municipality[i]; });
  agg.regime_area_ha = group_areas(L, in.regime_groups(), block, [&](std::size_t i) {
    return L.regime[i] == kNoRegime ? in.regime_groups() - 1 : std::size_t(L.regime[i]);
  });
  agg.total_area_ha = group_areas(L, 1, block, [](std::size_t) { return std::size_t{0}; })[0];
  agg.plan = std::move(year.plan);
  agg.fuel = std::move(year.fuel_years);

  for (std::size_t p = 0; p < phase_count; ++p) {
    if (!all[p].enabled(in)) continue;
    double busy = 0.0;
    for (const auto& w : work) busy += w->phase_seconds[p];
    if (all[p].block) timing.phases.push_back({std::string(all[p].name), false, busy});
    if (all[p].landscape)
      timing.phases.push_back({std::string(all[p].name), true, landscape_seconds[p]});
  }
  double balance = 0.0;
  for (const auto& w : work) balance += w->balance_seconds;
  timing.phases.push_back({"carbon balance", false, balance});
  timing.wall_seconds = omp_get_wtime() - t_start;
  return result;
}

}  // namespace shinrin::sim
