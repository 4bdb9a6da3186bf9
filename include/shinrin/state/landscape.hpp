#pragma once
//! The landscape: the static columns of every simulated register record (小班, or one storey of a
//! two-storey 小班), as loaded and bound by setup. Immutable during a run; what a run changes lives
//! in State (state.hpp).
//!
//! Row order is canonical: setup sorts rows by (register key, storey, then every other static
//! value), so neither the order of records in the source file nor the thread count can change a
//! result. `source_pos` gives each row's position among the simulated records in source-layer
//! order; writers use it so that outputs follow the source layer.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace shinrin {

//! Storey of a register record (層区分).
enum class Storey : std::uint8_t { single = 0, upper = 1, lower = 2 };

//! Regime index of a parcel without a regime.
inline constexpr std::uint16_t kNoRegime = std::numeric_limits<std::uint16_t>::max();

//! The static description of one register record, as setup builds it.
struct ParcelRow {
  std::string key;
  std::int64_t source_fid = 0;
  std::uint32_t source_pos = 0;  //!< position among simulated records in source order
  double area_ha = 0.0;          //!< [ha]
  std::uint16_t species = 0;
  std::uint16_t municipality = 0;
  std::int32_t site_class = 0;
  Storey storey = Storey::single;
  bool fallback = false;
  std::uint8_t forest_type = 0;
  std::uint16_t register_species = 0;  //!< index into Landscape::register_species_names
  std::int16_t age = 0;                //!< stand age in the initial state [years]
  float volume_initial = -1.0f;        //!< [m3 ha-1], < 0 = from the growth curve
  float stems_initial = -1.0f;         //!< [ha-1], < 0 = from the stand rules
  bool located = false;                //!< x, y given (read when boilers need distances)
  double x = 0.0, y = 0.0;             //!< polygon centroid in the fuel section's CRS [m]
};

struct Landscape {
  // --- identity ---------------------------------------------------------------------------------
  std::vector<std::string> key;           //!< register key (e.g. link_key), as text
  std::vector<std::uint64_t> key_hash;    //!< hash of (key, storey): the parcel's random stream id
  std::vector<std::uint32_t> source_pos;  //!< position among simulated records in source order
  std::vector<std::int64_t> source_fid;   //!< feature id in the source layer
  // --- register values
  // ----------------------------------------------------------------------------
  std::vector<double> area_ha;              //!< area [ha]
  std::vector<std::uint16_t> species;       //!< species at the start: index into the SpeciesTable
  std::vector<std::uint16_t> municipality;  //!< index into municipality_names
  std::vector<std::int32_t> site_class;     //!< register site class (地位); 0 when unmapped
  std::vector<Storey> storey;
  std::vector<std::uint8_t> fallback;           //!< 1 if the species came from the fallback rule
  std::vector<std::uint8_t> forest_type;        //!< index into forest_type_names
  std::vector<std::uint16_t> register_species;  //!< index into register_species_names
  std::vector<std::int16_t> age;                //!< stand age in the initial state [years]
  std::vector<float> volume_initial;            //!< stem volume at the start [m3 ha-1], < 0 = curve
  std::vector<float> stems_initial;             //!< stems at the start [ha-1], < 0 = stand rules
  std::vector<double> x, y;  //!< centroid [m] in the fuel CRS; empty when not read
  // --- bound by setup
  // -----------------------------------------------------------------------------
  std::vector<std::uint32_t> curve;          //!< growth curve at the start (species, site class)
  std::vector<std::uint16_t> regime;         //!< index into the regimes, kNoRegime = none
  std::vector<std::uint16_t> regen_species;  //!< species after a final felling
  std::vector<std::uint32_t> regen_curve;    //!< growth curve after a final felling
  std::vector<float> regen_stems;            //!< stems after a final felling [ha-1]

  std::vector<std::string> municipality_names;
  std::vector<std::string> forest_type_names;  //!< register forest types ("" when not mapped)
  //! The register's own species names (樹種), as read: one per distinct name, in name order
  //! (setup), or empty when rows were built without names.
  std::vector<std::string> register_species_names;

  std::size_t size() const { return key.size(); }
  //! The register's species name (樹種) of row `i`; "" when the row has no name in the table.
  const std::string& register_species_name(std::size_t i) const;
  void reserve(std::size_t n);
  //! Appends a row: values from `row`; curve 0, no regime, regeneration with the same species.
  void append(const ParcelRow& row);
  //! Reorders every row column so that new row i is old row order[i].
  void permute(const std::vector<std::size_t>& order);
  //! Sorts rows into the canonical order (key, storey, then the other static values) and returns
  //! the permutation applied (new row i = old row order[i]), for columns kept elsewhere. Rows
  //! equal in every static value are interchangeable, so the order is total in effect.
  std::vector<std::size_t> sort_canonical();
};

//! 64-bit hash of a register key and storey (FNV-1a, then a splitmix64 finaliser).
std::uint64_t parcel_hash(const std::string& key, Storey storey);

}  // namespace shinrin
