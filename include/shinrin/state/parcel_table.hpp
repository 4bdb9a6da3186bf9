#pragma once
//! The parcel table: one row per simulated register record (小班, or one storey of a two-storey
//! 小班), stored as structure of arrays so each kernel streams only the columns it needs.
//!
//! Static columns are set at load; dynamic columns (age, volume, stems, height) are advanced by the
//! simulation. A final felling may change species and curve (regeneration with another species).
//! Rows are sorted by growth curve at load (sort_by_curve) so kernels run over contiguous ranges
//! that share tables.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace shinrin {

//! Storey of a register record (層区分).
enum class Storey : std::uint8_t { single = 0, upper = 1, lower = 2 };

//! since_thinning of a stand with no thinning on record (the register has no history) [years].
inline constexpr std::int16_t kNeverThinned = 32000;

//! The static description of one register record, as read from the source.
struct ParcelRow {
  std::string key;
  std::int64_t source_fid = 0;
  double area_ha = 0.0;             //!< [ha]
  std::uint16_t species = 0;
  std::uint16_t municipality = 0;
  std::int32_t site_class = 0;
  Storey storey = Storey::single;
  bool fallback = false;
  std::uint8_t forest_type = 0;
  std::int16_t age = 0;             //!< initial stand age [years]
  float volume_initial = -1.0f;     //!< [m3 ha-1], < 0 = from the growth curve
  float stems_initial = -1.0f;      //!< [ha-1], < 0 = from the stand rules
};

struct ParcelTable {
  // --- static columns -------------------------------------------------------------------------
  std::vector<std::string> key;         //!< register key (e.g. link_key), as text
  std::vector<std::int64_t> source_fid; //!< feature id in the source layer
  std::vector<double> area_ha;          //!< area [ha]
  std::vector<std::uint16_t> species;   //!< index into the SpeciesTable
  std::vector<std::uint16_t> municipality;  //!< index into municipality_names
  std::vector<std::int32_t> site_class; //!< register site class value (地位); 0 when unmapped
  std::vector<Storey> storey;           //!< single, upper or lower storey
  std::vector<std::uint8_t> fallback;   //!< 1 if the species came from the fallback rule
  std::vector<std::uint32_t> curve;     //!< index of the growth curve (species, site class)
  std::vector<float> volume_initial;    //!< stem volume at the start [m3 ha-1], < 0 = from curve
  std::vector<float> stems_initial;     //!< stems at the start [ha-1], < 0 = from the stand rules
  std::vector<std::uint8_t> forest_type;  //!< index into forest_type_names
  std::vector<std::uint16_t> regime;    //!< index into the scenario's regimes, kNoRegime = none
  std::vector<std::uint16_t> regen_species;  //!< species after a final felling
  std::vector<std::uint32_t> regen_curve;    //!< growth curve after a final felling
  std::vector<float> regen_stems;       //!< stems after a final felling [ha-1]

  // --- dynamic columns ------------------------------------------------------------------------
  std::vector<std::int16_t> age;        //!< stand age [years]
  std::vector<float> volume;            //!< stem volume [m3 ha-1]
  std::vector<float> stems;             //!< stems [ha-1]
  std::vector<float> height;            //!< top height (上層樹高) [m]
  std::vector<std::int16_t> since_thinning;  //!< years since the last thinning (capped at kNeverThinned)

  std::vector<std::string> municipality_names;
  std::vector<std::string> forest_type_names;  //!< register forest types ("" when not mapped)

  std::size_t size() const { return key.size(); }
  //! Reserves room for `n` rows in every column.
  void reserve(std::size_t n);
  //! Appends a row: static columns from `row`; curve 0, no regime, regeneration with the same
  //! species; dynamic columns zero (set by the simulation's initial state).
  void append(const ParcelRow& row);
  //! Reorders all row columns so that new row i is old row order[i].
  void permute(const std::vector<std::size_t>& order);
  //! Stable sort of the rows by (curve, species): kernels then meet each table in one run.
  void sort_by_curve();
};

}  // namespace shinrin
