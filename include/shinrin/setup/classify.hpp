#pragma once
//! Classifies the records of a parcel layer (raw.hpp) and builds the landscape's rows.
//!
//! Classification comes first; values are checked only for the records that will be simulated.
//! Every record lands in exactly one handling class (state/handling.hpp):
//!   1. the species name must be in the alias table, unless the scenario names a fallback
//!      species; the alias gives the species code or the land class (non-forest, bamboo,
//!      unstocked); unknown names are collected and reported together
//!   2. a forest type (if mapped) of class bamboo / unstocked / non_forest overrides a species;
//!      unknown forest types are collected likewise
//!   3. records that are not simulated are counted in their class whatever their other values;
//!      their area counts if it is a number in [0, 10000] ha, else as 0 ha with a warning (a
//!      zero-area road or bamboo record is no reason to stop a run)
//!   4. records to simulate need a register key, a known storey value (if mapped), an area in
//!      (0, 10000] ha (attribute, or polygon area in the projected CRS), a whole age in
//!      [0, 2000] years and, where mapped, a volume in [0, 100000] m3 ha-1, stems in [0, 10^6]
//!      ha-1, an integer site class and a snapshot date; text that is not a number ("1,5",
//!      "12年", "abc") is invalid, never read as a number. An age above 300 years is simulated
//!      with a warning, counted in HandlingReport::implausible_age_records
//!   5. two simulated records may share a register key only if the storey field tells them apart
//! Invalid values are reported naming parcel, field and value, or skipped and counted
//! (invalid_values: skip). Everything found is reported in one message (Classified::problems).

//! Ages: register ages are those of the fiscal year (April-March) that contains the snapshot date
//! (an age as of 1 April is the age during that fiscal year), and advance by one a fiscal year up
//! to the initial state, the end of fiscal year start_year - 1:
//!   age_initial = age_register + (start_year - 1 - FY(snapshot)),  FY(d) = year(d) - (month(d) <
//!   4)
//! The snapshot date is a field of each record (parcels.fields.as_of), one date for all
//! (parcels.age_as_of), or a fiscal year (parcels.age_reference_year); none = ages are already
//! those of the initial state. A snapshot after the initial state is an error of the record.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/scenario.hpp"
#include "shinrin/params/species_params.hpp"
#include "shinrin/setup/raw.hpp"
#include "shinrin/state/handling.hpp"
#include "shinrin/state/landscape.hpp"

namespace shinrin::setup {

//! A register field's values over the simulated rows, as indexes into sorted names.
struct FieldValues {
  std::string field;
  std::vector<std::string> names;     //!< sorted
  std::vector<std::uint16_t> of_row;  //!< per landscape row (in the order rows were appended)
};

struct Classified {
  Landscape parcels;        //!< simulated records in source order (not yet canonical)
  HandlingReport handling;  //!< every record read, by handling class
  std::string layer;        //!< name of the layer read
  //! Register keys of the records that are not simulated, with their handling class (the first
  //! class met when a key repeats), so that references to them (event lists) can say why.
  std::unordered_map<std::string, Handling> other_keys;
  std::vector<FieldValues> extra;  //!< values of the extra fields (planning units)
  //! Every problem of the layer in one message ("" when none): unknown species, forest type and
  //! storey names, invalid values (unless skipped), repeated register keys. The rows above hold
  //! the records without problems, so later stages can still check them.
  std::string problems;
  std::vector<std::string> warnings;  //!< the first warnings (implausible ages, unusable areas)
  long warning_count = 0;             //!< every warning
};

class Classifier final : public RecordSink {
 public:
  //! `extra_fields`: source fields whose values are kept per row (planning units).
  Classifier(const io::Scenario& scenario, const SpeciesTable& species,
             const std::map<std::string, io::AliasEntry>& aliases,
             const std::map<std::string, io::LandClass>& forest_types,
             std::vector<std::string> extra_fields);
  void record(const RawRecord& r) override;
  //! Checks what was collected and returns the result, with every problem of the layer `layer`
  //! in Classified::problems.
  Classified finish(const std::string& layer);

 private:
  const io::Scenario& s_;
  const SpeciesTable& species_;
  const std::map<std::string, io::AliasEntry>& aliases_;
  const std::map<std::string, io::LandClass>& forest_types_;
  std::optional<std::size_t> fallback_;
  int fixed_shift_ = 0;  // age shift when one snapshot applies to every record
  Classified out_;
  std::map<std::string, std::uint16_t> municipality_index_, forest_type_index_,
      register_species_index_;
  std::vector<std::map<std::string, std::uint16_t>> extra_index_;
  std::map<std::string, long> unknown_species_, unknown_forest_types_, unknown_storeys_;
  std::vector<std::string> problems_;
  long problem_count_ = 0;
  long warning_count_ = 0;
  void warn(std::string text);
  std::uint32_t simulated_ = 0;
};

//! Per forest-type index of `parcels` (Landscape::forest_type_names): 1 if the forest-type table
//! gives it class natural_forest, else 0 (plantation; also types the table does not list).
std::vector<std::uint8_t> natural_forest_types(const Landscape& parcels,
                                               const std::map<std::string, io::LandClass>& types);

}  // namespace shinrin::setup
