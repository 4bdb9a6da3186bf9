#include "block_runner.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "shinrin/carbon/decay.hpp"
#include "shinrin/carbon/transfers.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/core/units.hpp"
#include "shinrin/growth/grow.hpp"
#include "shinrin/silviculture/step.hpp"

namespace shinrin::sim {
namespace {

using silviculture::Operation;
constexpr std::size_t V(AggVar v) { return static_cast<std::size_t>(v); }
constexpr std::size_t kRegularVars = V(AggVar::thinned_area);  // stocks, removal and emission

// Initial stems [ha-1]: the register's, else Ry-based where the density diagram applies, else
// planting density below the diagram's height range, else the default.
float initial_stems(const StandConfig& stand, const growth::DensityTerms& d, float height, float given) {
  if (given >= 0.0f) return given;
  if (d.valid() && stand.initial_yield_index > 0.0) {
    return static_cast<float>(std::min(d.stems_for_yield_index(stand.initial_yield_index), stand.initial_stems_max));
  }
  if (height < growth::kMinDiagramHeight && stand.initial_stems_max > 0.0) return static_cast<float>(stand.initial_stems_max);
  return static_cast<float>(stand.initial_stems_default);
}

}  // namespace

BlockRunner::BlockRunner(const RunContext& ctx, ParcelTable& parcels, carbon::PoolTable& pools)
    : ctx_(ctx), p_(parcels), pools_(pools), dv_(ctx.config->block_size),
      fluxes_(ctx.config->block_size), operation_(ctx.config->block_size),
      streams_(ctx.config->block_size), harvest_species_(ctx.config->block_size),
      uptake_(ctx.config->block_size), emission_(ctx.config->block_size),
      cell_(ctx.config->block_size), cells_(ctx.times, kAggVarCount, kRegularVars),
      by_species_(ctx.species->size(), ctx.times, kAggVarCount),
      by_municipality_(parcels.municipality_names.size(), ctx.times, kAggVarCount),
      by_regime_(ctx.regime_groups, ctx.times, kAggVarCount),
      flux_(1, ctx.times, carbon::kFluxCount) {
  const OutputSelection& out = ctx.config->output;
  series_.values.assign(out.variables.size(), std::vector<float>(ctx.config->block_size * out.time_index.size()));
}

std::uint16_t BlockRunner::regime_group(std::size_t i) const {
  return static_cast<std::uint16_t>(p_.regime[i] == silviculture::kNoRegime ? ctx_.regime_groups - 1 : p_.regime[i]);
}

void BlockRunner::fail(std::size_t row, std::size_t t, const std::string& what) const {
  throw ModelError(what + " for parcel '" + p_.key[row] + "' in fiscal year " +
                   std::to_string(ctx_.config->start_year + int(t) - 1));
}

void BlockRunner::initial_state(RowRange rows) {
  const Model& m = *ctx_.model;
  const growth::GrowthTable& g = *ctx_.growth;
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const std::size_t r = i - rows.first;
    cell_[r] = cells_.cell(p_.species[i], p_.municipality[i], regime_group(i));
    p_.volume[i] = p_.volume_initial[i] >= 0.0f ? p_.volume_initial[i] : g.volume(p_.curve[i], p_.age[i]);
    p_.since_thinning[i] = kNeverThinned;
    if (m.stand.enabled) {
      p_.height[i] = g.height(p_.curve[i], p_.age[i]);
      p_.stems[i] = initial_stems(m.stand, g.density(p_.curve[i], p_.age[i]), p_.height[i], p_.stems_initial[i]);
    } else {
      p_.height[i] = std::nanf("");
      p_.stems[i] = std::nanf("");
    }
    for (std::size_t k = 0; k < carbon::kPoolCount; ++k) pools_.pool(carbon::Pool(k))[i] = 0.0;
  }
  carbon::init_biomass(rows, ctx_.factors, p_.species, p_.age, p_.volume, pools_);
  carbon::start_balance(rows, pools_);
}

void BlockRunner::apply(RowRange rows, carbon::Module module, std::size_t t) {
  bool any = false;
  for (std::size_t c = 0; c < carbon::kFluxCount && !any; ++c) {
    any = carbon::flux_info(carbon::Flux(c)).module == module && fluxes_.active(carbon::Flux(c));
  }
  if (!any) return;  // the module moved nothing this year: pools unchanged, nothing to check
  carbon::apply_fluxes(rows, fluxes_, module, pools_);
  if (const auto bad = carbon::check_balance(rows, pools_)) {
    const std::size_t i = *bad;
    fail(i, t, "module " + std::string(carbon::module_name(module)) + ": carbon balance broken (pools " +
                   std::to_string(pools_.total(i)) + " t C/ha, expected " +
                   std::to_string(pools_.initial()[i] + pools_.uptake()[i] - pools_.emission()[i]) + ")");
  }
}

void BlockRunner::step_year(RowRange rows, std::size_t t) {
  const Model& m = *ctx_.model;
  const int fiscal_year = ctx_.config->start_year + int(t) - 1;
  growth::grow(rows, *ctx_.growth, {m.stand.critical_stocking, m.stand.enabled}, p_.curve, p_.age,
               p_.volume, p_.stems, p_.height, dv_);
  carbon::growth_fluxes(rows, ctx_.factors, p_.species, p_.age, dv_, fluxes_);
  apply(rows, carbon::Module::growth, t);

  harvested_ = false;
  if (m.management.enabled) {
    const silviculture::StepInputs in{&m.management, ctx_.species, ctx_.growth, m.decay.residue_to_litter};
    silviculture::step(rows, fiscal_year, in, p_, pools_, fluxes_, {operation_, streams_, harvest_species_});
    for (std::size_t r = 0; r < rows.size() && !harvested_; ++r) harvested_ = operation_[r] != Operation::none;
    if (harvested_) {
      apply(rows, carbon::Module::thinning, t);
      apply(rows, carbon::Module::felling, t);
    }
  }
  if (m.carbon_enabled) {
    carbon::decay_fluxes(rows, m.decay, p_.species, pools_, fluxes_);
    apply(rows, carbon::Module::decay, t);
    carbon::hwp_fluxes(rows, m.hwp, pools_, fluxes_);
    apply(rows, carbon::Module::hwp, t);
  }
}

void BlockRunner::accumulate(RowRange rows, std::size_t t) {
  const std::size_t n = rows.size();
  const double* pool[carbon::kPoolCount];
  for (std::size_t k = 0; k < carbon::kPoolCount; ++k) pool[k] = pools_.pool(carbon::Pool(k)).data();
  // This year's uptake and emission per row [t C ha-1], channel by channel (vectorises).
  if (t > 0) {
    const double* up_ag = fluxes_.channel(carbon::Flux::growth_ag).data();
    const double* up_bg = fluxes_.channel(carbon::Flux::growth_bg).data();
    for (std::size_t r = 0; r < n; ++r) {
      uptake_[r] = up_ag[r] + up_bg[r];
      emission_[r] = 0.0;
    }
    for (carbon::Flux f : ctx_.to_atmosphere) {
      if (!fluxes_.active(f)) continue;
      const double* a = fluxes_.channel(f).data();
      for (std::size_t r = 0; r < n; ++r) emission_[r] += a[r];
    }
  }
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const std::size_t r = i - rows.first;
    const double area = p_.area_ha[i];
    const bool op = t > 0 && harvested_ && operation_[r] != Operation::none;
    if (op && operation_[r] == Operation::final_felling) {
      cell_[r] = cells_.cell(p_.species[i], p_.municipality[i], regime_group(i));  // may be replanted with another species
    }
    double* c = cells_.row(cell_[r], t);
    c[V(AggVar::stem_volume)] += p_.volume[i] * area;
    for (std::size_t k = 0; k < carbon::kPoolCount; ++k) c[V(AggVar::carbon_ag) + k] += pool[k][i] * area;
    if (t > 0) {
      c[V(AggVar::co2_removal)] += uptake_[r] * units::kCo2PerC * area;
      c[V(AggVar::co2_emission)] += emission_[r] * units::kCo2PerC * area;
    }
    if (op) {
      // Removals count for the species that was cut (a felling may replant another).
      const SpeciesParams& sp = (*ctx_.species)[harvest_species_[r]];
      double* h = cells_.row(cells_.cell(harvest_species_[r], p_.municipality[i], regime_group(i)), t);
      cells_.mark_full(t);
      const bool felled = operation_[r] == Operation::final_felling;
      h[V(AggVar::thinned_area)] += felled ? 0.0 : area;
      h[V(AggVar::felled_area)] += felled ? area : 0.0;
      for (std::size_t k = 0; k < silviculture::kStreamCount; ++k) {
        const double volume = streams_[r][k] * area;
        h[kFirstStreamVar + 3 * k] += volume;
        h[kFirstStreamVar + 3 * k + 1] += volume * sp.D;
        h[kFirstStreamVar + 3 * k + 2] += volume * sp.D * sp.CF;
      }
    }
  }
  if (t > 0) {
    double* f = flux_.row(flux_.slot(0), t);
    for (std::size_t c = 0; c < carbon::kFluxCount; ++c) {
      if (!fluxes_.active(carbon::Flux(c))) continue;
      // Four interleaved partial sums (a fixed order, so still thread-independent) keep the
      // additions from waiting on each other.
      const double* amount = fluxes_.channel(carbon::Flux(c)).data();
      const double* area = p_.area_ha.data() + rows.first;
      double sum[4] = {0.0, 0.0, 0.0, 0.0};
      std::size_t r = 0;
      for (; r + 4 <= n; r += 4) {
        for (std::size_t k = 0; k < 4; ++k) sum[k] += amount[r + k] * area[r + k];
      }
      for (; r < n; ++r) sum[0] += amount[r] * area[r];
      f[c] += (sum[0] + sum[1]) + (sum[2] + sum[3]);
    }
  }
}

void BlockRunner::keep_series(RowRange rows, std::size_t t) {
  const OutputSelection& out = ctx_.config->output;
  const int sel = ctx_.selected[t];
  if (sel < 0 || out.variables.empty()) return;
  const std::size_t nt = out.time_index.size();
  const float nan = std::nanf("");
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const std::size_t r = i - rows.first;
    float v[kParcelVarCount];
    v[std::size_t(ParcelVar::age)] = p_.age[i];
    v[std::size_t(ParcelVar::stem_volume)] = p_.volume[i];
    v[std::size_t(ParcelVar::stems)] = p_.stems[i];
    v[std::size_t(ParcelVar::height)] = p_.height[i];
    const growth::DensityTerms& d = ctx_.growth->density(p_.curve[i], p_.age[i]);
    v[std::size_t(ParcelVar::yield_index)] = d.valid() && p_.stems[i] > 0.0f ? float(d.yield_index(p_.stems[i])) : nan;
    for (std::size_t k = 0; k < carbon::kPoolCount; ++k) {
      v[std::size_t(ParcelVar::carbon_ag) + k] = float(pools_.pool(carbon::Pool(k))[i]);
    }
    if (t == 0) {
      for (std::size_t k = std::size_t(ParcelVar::co2_removal); k < kParcelVarCount; ++k) v[k] = nan;
    } else {
      v[std::size_t(ParcelVar::co2_removal)] = float(uptake_[r] * units::kCo2PerC);
      v[std::size_t(ParcelVar::co2_emission)] = float(emission_[r] * units::kCo2PerC);
      const bool op = harvested_ && operation_[r] != Operation::none;
      v[std::size_t(ParcelVar::operation)] = op ? float(operation_[r]) : 0.0f;
      for (std::size_t k = 0; k < silviculture::kStreamCount; ++k) {
        v[std::size_t(ParcelVar::removed_sawlog) + k] = op ? float(streams_[r][k]) : 0.0f;
      }
    }
    for (std::size_t k = 0; k < out.variables.size(); ++k) {
      series_.values[k][r * nt + std::size_t(sel)] = v[std::size_t(out.variables[k])];
    }
  }
}

void BlockRunner::run_block(RowRange rows) {
  initial_state(rows);
  accumulate(rows, 0);
  keep_series(rows, 0);
  for (std::size_t t = 1; t < ctx_.times; ++t) {
    step_year(rows, t);
    accumulate(rows, t);
    keep_series(rows, t);
    fluxes_.clear();
  }
  series_.first = rows.first;
  series_.rows = rows.size();
  if (cells_.any_non_finite()) {
    for (std::size_t i = rows.first; i < rows.last; ++i) {
      if (!std::isfinite(p_.volume[i]) || !std::isfinite(pools_.total(i))) {
        fail(i, ctx_.times - 1, "non-finite volume or carbon (first seen by the end of the run)");
      }
    }
    throw ModelError("simulation: non-finite totals in the block starting at parcel '" + p_.key[rows.first] + "'");
  }
}

void BlockRunner::flush() {
  cells_.distribute(by_species_, by_municipality_, by_regime_);
  by_species_.flush();
  by_municipality_.flush();
  by_regime_.flush();
  flux_.flush();
}

}  // namespace shinrin::sim
