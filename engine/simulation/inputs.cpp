#include "shinrin/simulation/inputs.hpp"

#include <map>
#include <tuple>

namespace shinrin::sim {

void finish_inputs(Inputs& in) {
  const Landscape& p = in.parcels;
  const auto none = static_cast<std::uint16_t>(in.regime_groups() - 1);
  std::map<std::tuple<std::uint16_t, std::uint16_t, std::uint16_t>, std::uint32_t> index;
  in.cells.clear();
  auto cell_of = [&](std::uint16_t species, std::uint16_t municipality, std::uint16_t regime) {
    const std::uint16_t g = regime == kNoRegime ? none : regime;
    const auto [it, inserted] =
        index.try_emplace({species, municipality, g}, std::uint32_t(in.cells.size()));
    if (inserted) in.cells.push_back({species, municipality, g});
    return it->second;
  };
  in.cell.resize(p.size());
  in.regen_cell.resize(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    in.cell[i] = cell_of(p.species[i], p.municipality[i], p.regime[i]);
    in.regen_cell[i] = cell_of(p.regen_species[i], p.municipality[i], p.regime[i]);
  }
}

}  // namespace shinrin::sim
