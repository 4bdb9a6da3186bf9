#include "shinrin/carbon/decay.hpp"

#include <array>
#include <cmath>

namespace shinrin::carbon {
namespace {

// This year's inflow into one pool: the sum of up to five channels, inactive ones left out.
class Inflow {
 public:
  Inflow(const FluxBlock& f, std::initializer_list<Flux> channels) {
    for (Flux c : channels) {
      if (f.active(c)) spans_[n_++] = f.channel(c);
    }
  }
  double operator()(std::size_t row) const {
    double in = 0.0;
    for (std::size_t k = 0; k < n_; ++k) in += spans_[k][row];
    return in;
  }

 private:
  std::array<std::span<const double>, 5> spans_{};
  std::size_t n_ = 0;
};

// Dead wood leaving the pool this year [t C ha-1]: the start-of-year `stock` decays at the
// parcel's own rate `k_row` (that of the species it came from), this year's `inflow` at the rate
// of the stand that shed it (`in`). When the two differ (a stand felled and replanted with
// another species), k_row becomes the mean of the two weighted by what remains of each: exact for
// dead wood of one origin, a first-order approximation for mixtures.
double dead_wood_outflow(const FirstOrderRate& in, double stock, double inflow, float& k_row) {
  const float k_in = static_cast<float>(in.k);
  if (k_row == k_in) return in.outflow(stock, inflow);
  const double keep = std::exp(-double(k_row));
  const double rest_old = stock * keep, rest_new = inflow * in.keep_inflow;
  k_row =
      rest_old + rest_new > 0.0
          ? static_cast<float>((rest_old * double(k_row) + rest_new * in.k) / (rest_old + rest_new))
          : k_in;
  return stock * (1.0 - keep) + inflow * (1.0 - in.keep_inflow);
}

}  // namespace

void decay_fluxes(RowRange rows, const DecayConfig& config,
                  std::span<const std::uint16_t> input_species, PoolTable& pools,
                  FluxBlock& fluxes) {
  const auto dead_wood = pools.pool(Pool::dead_wood);
  const auto litter = pools.pool(Pool::litter);
  const auto soil = pools.pool(Pool::soil);
  const auto rate = pools.dead_wood_rate();
  const Inflow in_dw(fluxes, {Flux::thinning_ag_to_dead_wood, Flux::thinning_bg_to_dead_wood,
                              Flux::felling_ag_to_dead_wood, Flux::felling_bg_to_dead_wood,
                              Flux::turnover_ag_mortality});
  const Inflow in_lt(
      fluxes, {Flux::thinning_ag_to_litter, Flux::felling_ag_to_litter, Flux::turnover_litterfall});
  const Inflow in_soil(fluxes, {Flux::turnover_roots});
  const auto dw_atm = fluxes.dense(Flux::dead_wood_to_atmosphere);
  const auto lt_atm = fluxes.dense(Flux::litter_to_atmosphere);
  const bool soil_on = config.soil_enabled;
  const auto dw_soil = soil_on ? fluxes.dense(Flux::dead_wood_to_soil) : std::span<double>{};
  const auto lt_soil = soil_on ? fluxes.dense(Flux::litter_to_soil) : std::span<double>{};
  const auto soil_atm = soil_on ? fluxes.dense(Flux::soil_to_atmosphere) : std::span<double>{};
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const std::size_t r = i - rows.first;
    const DecayRates& k = config.by_species[input_species[r]];
    // Pools already hold this year's inflow: the start-of-year stock is pool - inflow.
    const double dw = in_dw(r), lt = in_lt(r);
    const double out_dw = dead_wood_outflow(k.dead_wood, dead_wood[i] - dw, dw, rate[i]);
    const double out_lt = k.litter.outflow(litter[i] - lt, lt);
    if (soil_on) {
      dw_soil[r] = out_dw * k.to_soil;
      lt_soil[r] = out_lt * k.to_soil;
      dw_atm[r] = out_dw - dw_soil[r];
      lt_atm[r] = out_lt - lt_soil[r];
      const double to_soil = dw_soil[r] + lt_soil[r] + in_soil(r);
      soil_atm[r] = config.soil.outflow(soil[i] - in_soil(r), to_soil);
    } else {
      dw_atm[r] = out_dw;
      lt_atm[r] = out_lt;
    }
  }
}

void hwp_fluxes(RowRange rows, const HwpConfig& config, const PoolTable& pools, FluxBlock& fluxes) {
  // The products' inflows come from thinning and felling only, which write just the rows with an
  // operation (FluxBlock::touched()); elsewhere the inflow is 0 and the outflow is
  // (pool - 0) (1 - e^-k) + 0 (1 - keep_inflow) = pool (1 - e^-k) + 0: all rows take that form
  // in a loop that vectorises, then the rows with an operation are done in full.
  const std::array<Pool, 3> pool_of = {Pool::hwp_sawnwood, Pool::hwp_panels, Pool::hwp_paper};
  const std::array<Flux, 3> out_of = {Flux::sawnwood_to_atmosphere, Flux::panels_to_atmosphere,
                                      Flux::paper_to_atmosphere};
  const std::array<const FirstOrderRate*, 3> rate_of = {&config.sawnwood, &config.panels,
                                                        &config.paper};
  const std::array<Inflow, 3> inflow_of = {
      Inflow(fluxes, {Flux::thinning_to_sawnwood, Flux::felling_to_sawnwood}),
      Inflow(fluxes, {Flux::thinning_to_panels, Flux::felling_to_panels}),
      Inflow(fluxes, {Flux::thinning_to_paper, Flux::felling_to_paper})};
  const std::size_t n = rows.size();
  for (std::size_t p = 0; p < 3; ++p) {
    const double* __restrict pool = pools.pool(pool_of[p]).data() + rows.first;
    double* __restrict out = fluxes.dense(out_of[p]).data();
    const FirstOrderRate rate = *rate_of[p];
    const double leave = 1.0 - rate.keep_stock;
    for (std::size_t r = 0; r < n; ++r) out[r] = pool[r] * leave + 0.0;
    for (std::uint32_t r : fluxes.touched()) {
      const double in = inflow_of[p](r);
      out[r] = rate.outflow(pool[r] - in, in);
    }
  }
}

void init_dead_wood_rate(RowRange rows, const DecayConfig& config,
                         std::span<const std::uint16_t> species, PoolTable& pools) {
  auto rate = pools.dead_wood_rate();
  for (std::size_t i = rows.first; i < rows.last; ++i)
    rate[i] = static_cast<float>(config.by_species[species[i]].dead_wood.k);
}

}  // namespace shinrin::carbon
