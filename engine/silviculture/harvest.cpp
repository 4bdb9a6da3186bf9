#include "shinrin/silviculture/harvest.hpp"

#include <algorithm>

namespace shinrin::silviculture {

std::string_view stream_name(Stream s) {
  switch (s) {
    case Stream::sawlog:
      return "sawlog";
    case Stream::other_industrial:
      return "other_industrial";
    case Stream::fuelwood:
      return "fuelwood";
    case Stream::stems_left:
      return "stems_left";
    case Stream::residues_collected:
      return "residues_collected";
    case Stream::residues_left:
      return "residues_left";
  }
  return "unknown";
}

HarvestSplit split_harvest(const HarvestInput& in, const RemovalShares& shares,
                           const WoodUse& use) {
  const double s = in.volume_share;
  const double ag = s * in.carbon_ag;
  const double bg = s * in.carbon_bg;
  const double carbon_per_m3 = in.D * in.CF;
  const double stem = std::clamp(s * in.volume * carbon_per_m3, 0.0, std::max(ag, 0.0));
  const double residues = ag - stem;

  const double to_use[kStemStreamCount] = {stem * shares.sawlog, stem * shares.other_industrial,
                                           stem * shares.fuelwood};
  HarvestSplit out;
  double burnt = 0.0;
  for (std::size_t k = 0; k < kStemStreamCount; ++k) {
    const WoodUseRow& u = use.rows[k];
    out.to_sawnwood += to_use[k] * u.sawnwood;
    out.to_panels += to_use[k] * u.panels;
    out.to_paper += to_use[k] * u.paper;
    burnt += to_use[k] * u.burnt;
  }
  const double stems_left = stem * shares.left_on_site;
  const double collected = residues * shares.residues_collected;
  const double left = residues - collected;
  const double to_litter = left * in.residue_to_litter;
  out.burnt = burnt + collected;
  out.ag_to_dead_wood = stems_left + (left - to_litter);
  out.ag_to_litter = to_litter;
  out.bg_to_dead_wood = bg;
  if (carbon_per_m3 > 0.0) {
    auto& v = out.streams;
    v[static_cast<std::size_t>(Stream::sawlog)] = to_use[0] / carbon_per_m3;
    v[static_cast<std::size_t>(Stream::other_industrial)] = to_use[1] / carbon_per_m3;
    v[static_cast<std::size_t>(Stream::fuelwood)] = to_use[2] / carbon_per_m3;
    v[static_cast<std::size_t>(Stream::stems_left)] = stems_left / carbon_per_m3;
    v[static_cast<std::size_t>(Stream::residues_collected)] = collected / carbon_per_m3;
    v[static_cast<std::size_t>(Stream::residues_left)] = left / carbon_per_m3;
  }
  return out;
}

double fuel_dry_mass(const StreamVolumes& streams, double D) {
  return (streams[static_cast<std::size_t>(Stream::fuelwood)] +
          streams[static_cast<std::size_t>(Stream::residues_collected)]) *
         D;
}

StreamVolumes harvest(const HarvestInput& in, const RemovalShares& shares, const WoodUse& use,
                      carbon::Module operation, std::size_t row, carbon::FluxBlock& fluxes) {
  const HarvestSplit h = split_harvest(in, shares, use);
  const carbon::HarvestChannels ch = carbon::harvest_channels(operation);
  fluxes.at(ch.to_sawnwood, row) += h.to_sawnwood;
  fluxes.at(ch.to_panels, row) += h.to_panels;
  fluxes.at(ch.to_paper, row) += h.to_paper;
  fluxes.at(ch.burnt, row) += h.burnt;
  fluxes.at(ch.ag_to_dead_wood, row) += h.ag_to_dead_wood;
  fluxes.at(ch.ag_to_litter, row) += h.ag_to_litter;
  fluxes.at(ch.bg_to_dead_wood, row) += h.bg_to_dead_wood;
  return h.streams;
}

}  // namespace shinrin::silviculture
