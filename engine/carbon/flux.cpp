#include "shinrin/carbon/flux.hpp"

#include <algorithm>
#include <stdexcept>

namespace shinrin::carbon {
namespace {

constexpr auto P = [](Pool p) { return static_cast<std::uint8_t>(p); };
constexpr std::uint8_t A = kAtmosphere;

constexpr auto kFluxes = std::to_array<FluxInfo>({
    {Flux::growth_ag, "growth: atmosphere -> carbon_ag", Module::growth, A, P(Pool::ag_biomass)},
    {Flux::growth_bg, "growth: atmosphere -> carbon_bg", Module::growth, A, P(Pool::bg_biomass)},
    {Flux::factor_step_ag, "factor step: atmosphere -> carbon_ag (signed)", Module::growth, A,
     P(Pool::ag_biomass)},
    {Flux::factor_step_bg, "factor step: atmosphere -> carbon_bg (signed)", Module::growth, A,
     P(Pool::bg_biomass)},
    {Flux::turnover_litterfall, "turnover: carbon_ag -> carbon_litter", Module::turnover,
     P(Pool::ag_biomass), P(Pool::litter)},
    {Flux::turnover_ag_mortality, "turnover: carbon_ag -> carbon_dead_wood", Module::turnover,
     P(Pool::ag_biomass), P(Pool::dead_wood)},
    {Flux::turnover_roots, "turnover: carbon_bg -> carbon_soil", Module::turnover,
     P(Pool::bg_biomass), P(Pool::soil)},
    {Flux::turnover_regrowth_ag, "turnover: atmosphere -> carbon_ag (regrowth)", Module::turnover,
     A, P(Pool::ag_biomass)},
    {Flux::turnover_regrowth_bg, "turnover: atmosphere -> carbon_bg (regrowth)", Module::turnover,
     A, P(Pool::bg_biomass)},
    {Flux::thinning_to_sawnwood, "thinning: carbon_ag -> carbon_hwp_sawnwood", Module::thinning,
     P(Pool::ag_biomass), P(Pool::hwp_sawnwood)},
    {Flux::thinning_to_panels, "thinning: carbon_ag -> carbon_hwp_panels", Module::thinning,
     P(Pool::ag_biomass), P(Pool::hwp_panels)},
    {Flux::thinning_to_paper, "thinning: carbon_ag -> carbon_hwp_paper", Module::thinning,
     P(Pool::ag_biomass), P(Pool::hwp_paper)},
    {Flux::thinning_burnt, "thinning: carbon_ag -> atmosphere (burnt)", Module::thinning,
     P(Pool::ag_biomass), A},
    {Flux::thinning_ag_to_dead_wood, "thinning: carbon_ag -> carbon_dead_wood", Module::thinning,
     P(Pool::ag_biomass), P(Pool::dead_wood)},
    {Flux::thinning_ag_to_litter, "thinning: carbon_ag -> carbon_litter", Module::thinning,
     P(Pool::ag_biomass), P(Pool::litter)},
    {Flux::thinning_bg_to_dead_wood, "thinning: carbon_bg -> carbon_dead_wood", Module::thinning,
     P(Pool::bg_biomass), P(Pool::dead_wood)},
    {Flux::felling_to_sawnwood, "felling: carbon_ag -> carbon_hwp_sawnwood", Module::felling,
     P(Pool::ag_biomass), P(Pool::hwp_sawnwood)},
    {Flux::felling_to_panels, "felling: carbon_ag -> carbon_hwp_panels", Module::felling,
     P(Pool::ag_biomass), P(Pool::hwp_panels)},
    {Flux::felling_to_paper, "felling: carbon_ag -> carbon_hwp_paper", Module::felling,
     P(Pool::ag_biomass), P(Pool::hwp_paper)},
    {Flux::felling_burnt, "felling: carbon_ag -> atmosphere (burnt)", Module::felling,
     P(Pool::ag_biomass), A},
    {Flux::felling_ag_to_dead_wood, "felling: carbon_ag -> carbon_dead_wood", Module::felling,
     P(Pool::ag_biomass), P(Pool::dead_wood)},
    {Flux::felling_ag_to_litter, "felling: carbon_ag -> carbon_litter", Module::felling,
     P(Pool::ag_biomass), P(Pool::litter)},
    {Flux::felling_bg_to_dead_wood, "felling: carbon_bg -> carbon_dead_wood", Module::felling,
     P(Pool::bg_biomass), P(Pool::dead_wood)},
    {Flux::dead_wood_to_atmosphere, "decay: carbon_dead_wood -> atmosphere", Module::decay,
     P(Pool::dead_wood), A},
    {Flux::dead_wood_to_soil, "decay: carbon_dead_wood -> carbon_soil", Module::decay,
     P(Pool::dead_wood), P(Pool::soil)},
    {Flux::litter_to_atmosphere, "decay: carbon_litter -> atmosphere", Module::decay,
     P(Pool::litter), A},
    {Flux::litter_to_soil, "decay: carbon_litter -> carbon_soil", Module::decay, P(Pool::litter),
     P(Pool::soil)},
    {Flux::soil_to_atmosphere, "decay: carbon_soil -> atmosphere", Module::decay, P(Pool::soil), A},
    {Flux::sawnwood_to_atmosphere, "hwp: carbon_hwp_sawnwood -> atmosphere", Module::hwp,
     P(Pool::hwp_sawnwood), A},
    {Flux::panels_to_atmosphere, "hwp: carbon_hwp_panels -> atmosphere", Module::hwp,
     P(Pool::hwp_panels), A},
    {Flux::paper_to_atmosphere, "hwp: carbon_hwp_paper -> atmosphere", Module::hwp,
     P(Pool::hwp_paper), A},
});
static_assert(kFluxes.size() == kFluxCount, "one row per flux channel");
constexpr bool rows_in_order() {
  for (std::size_t i = 0; i < kFluxes.size(); ++i) {
    if (static_cast<std::size_t>(kFluxes[i].flux) != i) return false;
  }
  return true;
}
static_assert(rows_in_order(), "flux rows in enum order");

}  // namespace

std::string_view module_name(Module m) {
  switch (m) {
    case Module::growth:
      return "growth";
    case Module::thinning:
      return "thinning";
    case Module::felling:
      return "felling";
    case Module::decay:
      return "decay";
    case Module::hwp:
      return "hwp";
    case Module::turnover:
      return "turnover";
    case Module::count_:
      break;
  }
  return "unknown";
}

const FluxInfo& flux_info(Flux f) {
  return kFluxes[static_cast<std::size_t>(f)];
}

HarvestChannels harvest_channels(Module operation) {
  if (operation == Module::thinning) {
    return {Flux::thinning_to_sawnwood,     Flux::thinning_to_panels,
            Flux::thinning_to_paper,        Flux::thinning_burnt,
            Flux::thinning_ag_to_dead_wood, Flux::thinning_ag_to_litter,
            Flux::thinning_bg_to_dead_wood};
  }
  return {Flux::felling_to_sawnwood,    Flux::felling_to_panels,       Flux::felling_to_paper,
          Flux::felling_burnt,          Flux::felling_ag_to_dead_wood, Flux::felling_ag_to_litter,
          Flux::felling_bg_to_dead_wood};
}

bool is_sparse(Flux f) {
  const Module m = flux_info(f).module;
  return m == Module::thinning || m == Module::felling;
}

double& FluxBlock::at(Flux f, std::size_t row) {
  if (!is_sparse(f)) throw std::logic_error("FluxBlock::at on a dense channel");
  active_[static_cast<std::size_t>(f)] = true;
  if (touched_.empty() || touched_.back() != row)
    touched_.push_back(static_cast<std::uint32_t>(row));
  return amount_[static_cast<std::size_t>(f) * stride_ + row];
}

std::span<double> FluxBlock::dense(Flux f) {
  if (is_sparse(f)) throw std::logic_error("FluxBlock::dense on a sparse channel");
  active_[static_cast<std::size_t>(f)] = true;
  return {amount_.data() + static_cast<std::size_t>(f) * stride_, rows_};
}

void FluxBlock::clear() {
  if (!touched_.empty()) {
    for (std::size_t c = 0; c < kFluxCount; ++c) {
      if (!active_[c] || !is_sparse(Flux(c))) continue;
      double* channel = amount_.data() + c * stride_;
      for (std::uint32_t row : touched_) channel[row] = 0.0;
    }
  }
  touched_.clear();
  active_.fill(false);
}

}  // namespace shinrin::carbon
