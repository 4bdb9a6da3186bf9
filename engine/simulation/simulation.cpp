#include "shinrin/simulation/simulation.hpp"

#include <omp.h>

#include <cmath>
#include <exception>
#include <string>

#include "shinrin/carbon/biomass.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/core/fixed_sum.hpp"
#include "shinrin/growth/grow.hpp"

namespace shinrin::sim {
namespace {

// Sums of one block per group, then added to a thread's fixed-point totals. Groups met in the
// block get a slot; only those slots are zeroed and flushed, so a block costs the same whether
// there are 10 or 2000 municipalities.
class GroupAccumulator {
 public:
  GroupAccumulator(std::size_t groups, std::size_t times)
      : times_(times), slot_of_(groups, -1), totals_(groups * times * kAggVarCount) {}

  // Slot of group g in the current block.
  int slot(std::size_t g) {
    if (slot_of_[g] < 0) {
      slot_of_[g] = static_cast<int>(touched_.size());
      touched_.push_back(g);
      partial_.resize(touched_.size() * times_ * kAggVarCount, 0.0);
    }
    return slot_of_[g];
  }
  double* row(int slot, std::size_t t) {
    return partial_.data() + (std::size_t(slot) * times_ + t) * kAggVarCount;
  }
  // First group/time whose block sum is not finite, or false.
  bool find_non_finite(std::size_t t, std::size_t& group) const {
    for (std::size_t s = 0; s < touched_.size(); ++s) {
      const double* r = partial_.data() + (s * times_ + t) * kAggVarCount;
      for (std::size_t v = 0; v < kAggVarCount; ++v) {
        if (!std::isfinite(r[v])) {
          group = touched_[s];
          return true;
        }
      }
    }
    return false;
  }
  // Adds the block sums to this thread's totals and clears the block.
  void flush() {
    for (std::size_t s = 0; s < touched_.size(); ++s) {
      const std::size_t g = touched_[s];
      for (std::size_t k = 0; k < times_ * kAggVarCount; ++k) {
        totals_[g * times_ * kAggVarCount + k].add(partial_[s * times_ * kAggVarCount + k]);
      }
      slot_of_[g] = -1;
    }
    touched_.clear();
    partial_.clear();
  }
  const std::vector<FixedSum>& totals() const { return totals_; }

 private:
  std::size_t times_;
  std::vector<int> slot_of_;
  std::vector<std::size_t> touched_;
  std::vector<double> partial_;
  std::vector<FixedSum> totals_;
};

// Everything one thread owns while it runs blocks.
struct ThreadWork {
  ThreadWork(std::size_t block, std::size_t species, std::size_t municipalities, std::size_t times)
      : dv(block), co2(block), species_slot(block), muni_slot(block),
        by_species(species, times), by_municipality(municipalities, times) {}
  std::vector<float> dv;        // growth increments of the block [m3 ha-1]
  std::vector<double> co2;      // CO2 removal of the block [t CO2 ha-1]
  std::vector<int> species_slot, muni_slot;
  GroupAccumulator by_species, by_municipality;
  BlockSeries series;
};

void add_to_groups(ThreadWork& w, std::size_t row, std::size_t t, double area, double volume,
                   double ag, double bg, double co2) {
  const double v[kAggVarCount] = {volume * area, ag * area, bg * area, co2 * area};
  double* s = w.by_species.row(w.species_slot[row], t);
  double* m = w.by_municipality.row(w.muni_slot[row], t);
  for (std::size_t k = 0; k < kAggVarCount; ++k) {
    s[k] += v[k];
    m[k] += v[k];
  }
}

void keep_series(ThreadWork& w, const OutputSelection& out, std::size_t row, std::size_t sel,
                 const float (&values)[kParcelVarCount]) {
  const std::size_t nt = out.time_index.size();
  for (std::size_t k = 0; k < out.variables.size(); ++k) {
    w.series.values[k][row * nt + sel] = values[static_cast<std::size_t>(out.variables[k])];
  }
}

}  // namespace

Aggregates run(ParcelTable& parcels, const SpeciesTable& species, const growth::GrowthTable& growth,
               const RunConfig& config, SeriesSink* sink) {
  const std::size_t n = parcels.size();
  const std::size_t times = static_cast<std::size_t>(config.years) + 1;
  const std::size_t block = config.block_size;
  const std::size_t blocks = (n + block - 1) / block;
  const std::size_t n_species = species.size();
  const std::size_t n_muni = parcels.municipality_names.size();
  const OutputSelection& out = config.output;
  if (!out.variables.empty() && sink == nullptr) throw Error("simulation: series selected but no sink");

  // Selected output position of each time index, -1 when not selected.
  std::vector<int> selected(times, -1);
  for (std::size_t j = 0; j < out.time_index.size(); ++j) selected[out.time_index[j]] = int(j);

  const std::vector<carbon::BiomassFactors> factors = carbon::biomass_factors(species);
  carbon::PoolTable pools(n);
  const float kNaN = std::nanf("");

  std::exception_ptr first_error;
  bool failed = false;
  std::vector<ThreadWork*> work_of_thread;
  const int threads = config.threads > 0 ? config.threads : omp_get_max_threads();
  work_of_thread.assign(static_cast<std::size_t>(threads), nullptr);
  std::vector<std::unique_ptr<ThreadWork>> owned(static_cast<std::size_t>(threads));

  // Parallel contract: each block's rows of parcels and pools are written by the one thread that
  // runs the block; the growth table, factors and selection are read-only; the sink prepares
  // (compresses) a block on its own thread and writes it inside a critical section; ThreadWork is
  // private to its thread.
#pragma omp parallel num_threads(threads)
  {
    const std::size_t tid = static_cast<std::size_t>(omp_get_thread_num());
    owned[tid] = std::make_unique<ThreadWork>(block, n_species, n_muni, times);
    ThreadWork& w = *owned[tid];
    w.series.values.assign(out.variables.size(), std::vector<float>(block * out.time_index.size()));

#pragma omp for schedule(dynamic, 1)
    for (std::size_t b = 0; b < blocks; ++b) {
      bool stop;
#pragma omp atomic read
      stop = failed;
      if (stop) continue;
      try {
        const RowRange rows{b * block, std::min(n, (b + 1) * block)};
        for (std::size_t i = rows.first; i < rows.last; ++i) {
          w.species_slot[i - rows.first] = w.by_species.slot(parcels.species[i]);
          w.muni_slot[i - rows.first] = w.by_municipality.slot(parcels.municipality[i]);
          parcels.volume[i] = parcels.volume_initial[i] >= 0.0f
                                  ? parcels.volume_initial[i]
                                  : growth.volume(parcels.curve[i], parcels.age[i]);
        }
        carbon::init_biomass(rows, factors, parcels.species, parcels.age, parcels.volume, pools);

        const auto ag = pools.pool(carbon::Pool::ag_biomass);
        const auto bg = pools.pool(carbon::Pool::bg_biomass);
        for (std::size_t t = 0; t < times; ++t) {
          if (t > 0) {
            growth::grow(rows, growth, parcels.curve, parcels.age, parcels.volume, w.dv);
            carbon::apply_growth(rows, factors, parcels.species, parcels.age, w.dv, pools, w.co2);
          }
          const int sel = selected[t];
          for (std::size_t i = rows.first; i < rows.last; ++i) {
            const std::size_t r = i - rows.first;
            const double co2 = t > 0 ? w.co2[r] : 0.0;
            add_to_groups(w, r, t, parcels.area_ha[i], parcels.volume[i], ag[i], bg[i], co2);
            if (sel >= 0) {
              const float values[kParcelVarCount] = {
                  float(parcels.age[i]), parcels.volume[i], float(ag[i]), float(bg[i]),
                  t > 0 ? float(co2) : kNaN};
              keep_series(w, out, r, std::size_t(sel), values);
            }
          }
          std::size_t group = 0;
          if (w.by_species.find_non_finite(t, group)) {
            for (std::size_t i = rows.first; i < rows.last; ++i) {
              if (!std::isfinite(parcels.volume[i]) || !std::isfinite(ag[i]) ||
                  !std::isfinite(bg[i])) {
                throw ModelError("module " + std::string(t > 0 ? "carbon" : "initial state") +
                                 ": non-finite value for parcel '" + parcels.key[i] +
                                 "' in fiscal year " +
                                 std::to_string(config.start_year + int(t) - 1));
              }
            }
            throw ModelError("simulation: non-finite total for species index " +
                             std::to_string(group));
          }
        }
        w.by_species.flush();
        w.by_municipality.flush();
        if (!out.variables.empty()) {
          w.series.first = rows.first;
          w.series.rows = rows.size();
          sink->prepare_block(w.series);
#pragma omp critical(shinrin_series_sink)
          sink->write_block(w.series);
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

  // Fixed-point totals of all threads, added exactly, then converted.
  Aggregates agg;
  agg.total = GroupSeries(1, times);
  agg.by_species = GroupSeries(n_species, times);
  agg.by_municipality = GroupSeries(n_muni, times);
  auto combine = [&](GroupSeries& dest, auto member, std::vector<FixedSum>& grand_total) {
    std::vector<FixedSum> sum(dest.groups() * times * kAggVarCount);
    for (const auto& w : owned) {
      if (!w) continue;
      const auto& t = (w.get()->*member).totals();
      for (std::size_t k = 0; k < sum.size(); ++k) sum[k].add(t[k]);
    }
    for (std::size_t g = 0; g < dest.groups(); ++g) {
      for (std::size_t t = 0; t < times; ++t) {
        for (std::size_t v = 0; v < kAggVarCount; ++v) {
          const FixedSum& s = sum[(g * times + t) * kAggVarCount + v];
          dest.at(g, t, AggVar(v)) = s.value();
          if (!grand_total.empty()) grand_total[t * kAggVarCount + v].add(s);
        }
      }
    }
  };
  std::vector<FixedSum> grand(times * kAggVarCount);
  std::vector<FixedSum> none;
  combine(agg.by_species, &ThreadWork::by_species, grand);
  combine(agg.by_municipality, &ThreadWork::by_municipality, none);
  for (std::size_t t = 0; t < times; ++t) {
    for (std::size_t v = 0; v < kAggVarCount; ++v) {
      agg.total.at(0, t, AggVar(v)) = grand[t * kAggVarCount + v].value();
    }
  }
  // Flux variables are undefined at the initial time index.
  for (std::size_t v = 0; v < kAggVarCount; ++v) {
    if (!agg_var_info(AggVar(v)).is_flux) continue;
    agg.total.at(0, 0, AggVar(v)) = std::nan("");
    for (std::size_t g = 0; g < n_species; ++g) agg.by_species.at(g, 0, AggVar(v)) = std::nan("");
    for (std::size_t g = 0; g < n_muni; ++g) agg.by_municipality.at(g, 0, AggVar(v)) = std::nan("");
  }

  // Areas (constant over the run), summed in fixed point for the same reason.
  std::vector<FixedSum> sp_area(n_species), mu_area(n_muni);
  FixedSum total_area;
  for (std::size_t b = 0; b < blocks; ++b) {
    std::vector<double> sp(n_species, 0.0), mu(n_muni, 0.0);
    for (std::size_t i = b * block; i < std::min(n, (b + 1) * block); ++i) {
      sp[parcels.species[i]] += parcels.area_ha[i];
      mu[parcels.municipality[i]] += parcels.area_ha[i];
    }
    for (std::size_t g = 0; g < n_species; ++g) sp_area[g].add(sp[g]);
    for (std::size_t g = 0; g < n_muni; ++g) mu_area[g].add(mu[g]);
  }
  for (const auto& s : sp_area) {
    agg.species_area_ha.push_back(s.value());
    total_area.add(s);
  }
  for (const auto& s : mu_area) agg.municipality_area_ha.push_back(s.value());
  agg.total_area_ha = total_area.value();
  return agg;
}

}  // namespace shinrin::sim
