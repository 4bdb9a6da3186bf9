// The initial state, and phase "outputs": the block's end-of-year stocks, this year's emission,
// thinned and felled area and removal streams into the aggregation cells, and the selected
// per-parcel series into the run's buffers (row order).
#include <algorithm>
#include <cmath>

#include "phase.hpp"
#include "shinrin/carbon/initial_stocks.hpp"
#include "shinrin/carbon/transfers.hpp"
#include "shinrin/core/units.hpp"

namespace shinrin::sim {
namespace {

using silviculture::Operation;
constexpr std::size_t V(AggVar v) {
  return static_cast<std::size_t>(v);
}

// Initial stems [ha-1]: the register's, else Ry-based where the density diagram applies, else
// planting density below the diagram's height range, else the default.
float initial_stems(const StandConfig& stand, const growth::DensityTerms& d, float height,
                    float given) {
  if (given >= 0.0f) return given;
  if (d.valid() && stand.initial_yield_index > 0.0) {
    return static_cast<float>(
        std::min(d.stems_for_yield_index(stand.initial_yield_index), stand.initial_stems_max));
  }
  if (height < growth::kMinDiagramHeight && stand.initial_stems_max > 0.0)
    return static_cast<float>(stand.initial_stems_max);
  return static_cast<float>(stand.initial_stems_default);
}

}  // namespace

void initial_state_block(PhaseContext& c) {
  const Landscape& L = c.in.parcels;
  const growth::GrowthTable& g = c.in.growth;
  const StandConfig& stand = c.in.model.stand;
  State& st = c.st;
  for (std::size_t i = c.rows.first; i < c.rows.last; ++i) {
    st.age[i] = L.age[i];
    st.species[i] = L.species[i];
    st.curve[i] = L.curve[i];
    st.volume[i] =
        L.volume_initial[i] >= 0.0f ? L.volume_initial[i] : g.volume(L.curve[i], L.age[i]);
    st.since_thinning[i] = kNeverThinned;
    st.uptake[i] = 0.0;
    if (stand.enabled) {
      st.height[i] = g.height(L.curve[i], L.age[i]);
      st.stems[i] =
          initial_stems(stand, g.density(L.curve[i], L.age[i]), st.height[i], L.stems_initial[i]);
    } else {
      st.height[i] = std::nanf("");
      st.stems[i] = std::nanf("");
    }
    for (std::size_t k = 0; k < carbon::kPoolCount; ++k) st.pools.pool(carbon::Pool(k))[i] = 0.0;
  }
  carbon::init_biomass(c.rows, c.run.factors, st.species, st.age, st.volume, st.pools);
  if (c.in.model.carbon_enabled) {
    carbon::init_dead_organic_matter(c.rows, c.in.model.initial_stocks, c.in.model.decay,
                                     st.species, L.forest_type, st.pools);
  }
  carbon::start_balance(c.rows, st.pools);
}

void outputs_block(PhaseContext& c) {
  const Landscape& L = c.in.parcels;
  State& st = c.st;
  BlockWork& w = c.work;
  const std::size_t t = c.t;
  const std::size_t n = c.rows.size();
  const double* pool[carbon::kPoolCount];
  for (std::size_t k = 0; k < carbon::kPoolCount; ++k)
    pool[k] = st.pools.pool(carbon::Pool(k)).data();
  // This year's uptake per row [t C ha-1]: the stand's growth (kept in the State by the growth
  // phase) and the regrowth that replaced this year's turnover.
  const bool regrowth = t > 0 && w.fluxes.active(carbon::Flux::turnover_regrowth_ag);
  const double* regrowth_ag =
      regrowth ? w.fluxes.channel(carbon::Flux::turnover_regrowth_ag).data() : nullptr;
  const double* regrowth_bg =
      regrowth ? w.fluxes.channel(carbon::Flux::turnover_regrowth_bg).data() : nullptr;
  auto uptake = [&](std::size_t i, std::size_t r) {
    return regrowth ? st.uptake[i] + regrowth_ag[r] + regrowth_bg[r] : st.uptake[i];
  };
  // This year's emission per row [t C ha-1], channel by channel (vectorises).
  if (t > 0) {
    std::fill_n(w.emission.begin(), n, 0.0);
    for (carbon::Flux f : c.run.to_atmosphere) {
      if (!w.fluxes.active(f)) continue;
      const double* a = w.fluxes.channel(f).data();
      for (std::size_t r = 0; r < n; ++r) w.emission[r] += a[r];
    }
  }
  // Each row's values are read before anything is added (the sums are doubles too, so a store
  // would otherwise make the compiler read the pools again), then added to the row's cell and
  // age class.
  const double* area_ha = L.area_ha.data();
  const float* stem_volume = st.volume.data();
  const std::int16_t* age = st.age.data();
  const bool harvested = w.harvested;
  for (std::size_t i = c.rows.first; i < c.rows.last; ++i) {
    const std::size_t r = i - c.rows.first;
    const double area = area_ha[i];
    const double stem = stem_volume[i] * area;
    double carbon[carbon::kPoolCount];
    for (std::size_t k = 0; k < carbon::kPoolCount; ++k) carbon[k] = pool[k][i] * area;
    const std::size_t age_class = age_class_index(age[i]);
    double* cell = w.cells.row(c.cell(i));
    cell[V(AggVar::stem_volume)] += stem;
    for (std::size_t k = 0; k < carbon::kPoolCount; ++k)
      cell[V(AggVar::carbon_ag) + k] += carbon[k];
    double* by_age = &w.age_sums[age_class * kAgeClassVarCount];
    by_age[std::size_t(AgeClassVar::area)] += area;
    by_age[std::size_t(AgeClassVar::stem_volume)] += stem;
    by_age[std::size_t(AgeClassVar::carbon_ag)] += carbon[std::size_t(carbon::Pool::ag_biomass)];
    by_age[std::size_t(AgeClassVar::carbon_bg)] += carbon[std::size_t(carbon::Pool::bg_biomass)];
    if (t == 0) continue;
    const double removal = uptake(i, r) * units::kCo2PerC * area;
    const double emission = w.emission[r] * units::kCo2PerC * area;
    const Operation op = harvested ? w.operation[r] : Operation::none;
    // This year's growth counts for the stand that grew (before a felling replanted another).
    double* grew = op == Operation::final_felling ? w.cells.row(w.harvest_cell[r]) : cell;
    grew[V(AggVar::co2_removal)] += removal;
    cell[V(AggVar::co2_emission)] += emission;
    if (op != Operation::none) {
      // Removals count for the species that was cut (a felling may replant another).
      const SpeciesParams& sp = c.in.species[w.harvest_species[r]];
      double* h = w.cells.row(w.harvest_cell[r]);
      w.cells.mark_full();
      const bool felled = op == Operation::final_felling;
      h[V(AggVar::thinned_area)] += felled ? 0.0 : area;
      h[V(AggVar::felled_area)] += felled ? area : 0.0;
      for (std::size_t k = 0; k < silviculture::kStreamCount; ++k) {
        const double volume = w.streams[r][k] * area;
        h[kFirstStreamVar + 3 * k] += volume;
        h[kFirstStreamVar + 3 * k + 1] += volume * sp.D;
        h[kFirstStreamVar + 3 * k + 2] += volume * sp.D * sp.CF;
      }
    }
  }

  // Per-parcel series: stocks at output years, fluxes summed over the output interval.
  const OutputSelection& out = c.config.output;
  if (out.variables.empty()) return;
  const bool output_year = c.run.output_of_time[t] >= 0;
  const float nan = std::nanf("");
  // The output time this year belongs to: this year's if it is one, else the next one (fluxes
  // are summed until then).
  std::size_t slot_of_year = 0;
  {
    std::size_t next = t;
    while (c.run.output_of_time[next] < 0) ++next;  // the last year is always an output year
    slot_of_year = std::size_t(c.run.output_of_time[next]) % c.run.series_stride;
  }
  // Buffers hold one plane of all rows per output time of the group (the writer puts them in
  // source order), so a year's stores are contiguous. One loop per variable, the variable's rule
  // chosen once outside it.
  const std::size_t first = c.rows.first, last = c.rows.last;
  for (std::size_t k = 0; k < out.variables.size(); ++k) {
    const ParcelVar var = out.variables[k];
    const bool flux = parcel_var_info(var).is_flux;
    if (!flux && !output_year) continue;
    float* slot = c.year.series[k].data() + slot_of_year * L.size();
    auto set = [&](auto value) {
      for (std::size_t i = first; i < last; ++i) slot[i] = value(i, i - first);
    };
    auto add = [&](auto value) {
      for (std::size_t i = first; i < last; ++i) slot[i] += value(i, i - first);
    };
    if (t == 0 && flux) {
      set([&](std::size_t, std::size_t) { return nan; });
      continue;
    }
    switch (var) {
      case ParcelVar::age:
        set([&](std::size_t i, std::size_t) { return float(st.age[i]); });
        break;
      case ParcelVar::stem_volume:
        set([&](std::size_t i, std::size_t) { return st.volume[i]; });
        break;
      case ParcelVar::stems:
        set([&](std::size_t i, std::size_t) { return st.stems[i]; });
        break;
      case ParcelVar::height:
        set([&](std::size_t i, std::size_t) { return st.height[i]; });
        break;
      case ParcelVar::yield_index:
        set([&](std::size_t i, std::size_t) {
          const growth::DensityTerms& d = c.in.growth.density(st.curve[i], st.age[i]);
          return d.valid() && st.stems[i] > 0.0f ? float(d.yield_index(st.stems[i])) : nan;
        });
        break;
      case ParcelVar::co2_removal:
        add([&](std::size_t i, std::size_t r) { return float(uptake(i, r) * units::kCo2PerC); });
        break;
      case ParcelVar::co2_emission:
        add([&](std::size_t, std::size_t r) { return float(w.emission[r] * units::kCo2PerC); });
        break;
      case ParcelVar::operation:
        for (std::size_t i = first; i < last; ++i) {
          const std::size_t r = i - first;
          const bool op = w.harvested && w.operation[r] != Operation::none;
          slot[i] = std::max(slot[i], op ? float(w.operation[r]) : 0.0f);
        }
        break;
      default:
        if (var >= ParcelVar::carbon_ag && var <= ParcelVar::carbon_hwp_paper) {
          const double* p = pool[std::size_t(var) - std::size_t(ParcelVar::carbon_ag)];
          set([&](std::size_t i, std::size_t) { return float(p[i]); });
        } else if (w.harvested) {  // removal streams, added for the rows with an operation
          const std::size_t s = std::size_t(var) - std::size_t(ParcelVar::removed_sawlog);
          for (std::size_t i = first; i < last; ++i) {
            const std::size_t r = i - first;
            if (w.operation[r] != Operation::none) slot[i] += float(w.streams[r][s]);
          }
        }
        break;
    }
  }
}

}  // namespace shinrin::sim
