#pragma once
//! Per-species parameters of the stock-change chain (DOMAIN.md section 1.1 and 3):
//!   Delta C_CO2 [t CO2] = A x Delta V x BEF(age) x (1 + R) x D x CF x 44/12
//! Values come from data/species.csv, one row per species and parameter, with unit, status
//! and source.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shinrin/core/provenance.hpp"

namespace shinrin {

//! Age up to which the young-stand BEF applies [years]; BEF_old applies from age 21
//! (DOMAIN.md 1.1, "BEF switch at age 20/21") [C].
inline constexpr int kBefSwitchAge = 20;

struct SpeciesParams {
  std::string code;                      //!< species code, e.g. "sugi"
  double D = 0.0;                        //!< basic wood density [t m-3] (dry mass per green volume)
  double bef_young = 0.0;                //!< biomass expansion factor, stand age <= 20 years [1]
  double bef_old = 0.0;                  //!< biomass expansion factor, stand age >= 21 years [1]
  double R = 0.0;                        //!< root-to-shoot ratio [1]
  double CF = 0.0;                       //!< carbon fraction of dry matter [t C t-1]
  std::vector<ParameterRecord> records;  //!< provenance of the five values above
};

//! All species of one parameter table, in file order; a species' index is its position.
class SpeciesTable {
 public:
  explicit SpeciesTable(std::vector<SpeciesParams> species);
  std::size_t size() const { return species_.size(); }
  const SpeciesParams& operator[](std::size_t i) const { return species_[i]; }
  //! Index of `code`, or nullopt if the table has no such species.
  std::optional<std::size_t> find(std::string_view code) const;
  const std::vector<SpeciesParams>& all() const { return species_; }

 private:
  std::vector<SpeciesParams> species_;
};

}  // namespace shinrin
