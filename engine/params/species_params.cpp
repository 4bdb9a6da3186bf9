#include "shinrin/params/species_params.hpp"

namespace shinrin {

SpeciesTable::SpeciesTable(std::vector<SpeciesParams> species) : species_(std::move(species)) {}

std::optional<std::size_t> SpeciesTable::find(std::string_view code) const {
  for (std::size_t i = 0; i < species_.size(); ++i) {
    if (species_[i].code == code) return i;
  }
  return std::nullopt;
}

}  // namespace shinrin
