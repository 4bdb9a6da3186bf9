#pragma once
//! Loaders of the fuel tables in data/ (DOMAIN.md 2.2, 4.1-4.3, 7.2; columns in data/README.md).
//! Every bad row is an InputError naming file, line and column; every value loaded keeps its
//! unit, status and source as a ParameterRecord so a run can list the unconfirmed ones.
//!
//!   fuel_factors.csv  fuel,vintage,unit,basis,stated,heating_value,heating_value_status,
//!                     carbon_factor,carbon_factor_status,co2_per_gj,co2_per_gj_status,
//!                     co2_per_unit,co2_per_unit_status,hhv_to_lhv,hhv_to_lhv_status,source
//!     heating_value [GJ unit-1], carbon_factor [t C GJ-1], co2_per_gj [t CO2 GJ-1],
//!     co2_per_unit [t CO2 unit-1], hhv_to_lhv [1] (may be empty, then with an empty status).
//!     The factor named by `stated` is used as written; the other two are computed from it
//!     (shinrin/fuel/fossil.hpp) and the file's cells must agree with them to 1 part in 10^5, with
//!     status D, or U where the heating value or the stated factor is U.
//!   wood_fuel.csv     item,parameter,value,unit,status,source
//!     one row per (item, parameter) of a fixed list, each with a fixed unit (engine/io/
//!     fuel_tables.cpp): dry-wood HHV, formula constants, boiler efficiency ranges, Hinohara.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shinrin/core/provenance.hpp"
#include "shinrin/fuel/fossil.hpp"
#include "shinrin/fuel/heating_value.hpp"

namespace shinrin::io {

//! The rows of fuel_factors.csv: one FossilFactor per (fuel, vintage).
class FossilFactorTable {
 public:
  FossilFactorTable(std::string path, std::vector<fuel::FossilFactor> factors,
                    std::vector<std::vector<ParameterRecord>> records);

  //! The file the table was read from.
  const std::string& path() const { return path_; }
  //! Every factor, in file order.
  std::span<const fuel::FossilFactor> factors() const { return factors_; }

  //! The factor of `fuel` in `vintage`, or nullptr.
  const fuel::FossilFactor* find(std::string_view fuel, std::string_view vintage) const;
  //! The factor of `fuel` in `vintage`; throws InputError naming the file and listing the known
  //! fuels and vintages (and the vintages `fuel` has, if it has any).
  const fuel::FossilFactor& get(std::string_view fuel, std::string_view vintage) const;
  //! Heating value, carbon factor, CO2/GJ, CO2/unit and (if given) hhv_to_lhv of `fuel` in
  //! `vintage`, with unit, status and source; throws like get().
  std::span<const ParameterRecord> provenance(std::string_view fuel,
                                              std::string_view vintage) const;
  //! Every value of the table.
  std::vector<ParameterRecord> records() const;

  //! Fuel names, sorted.
  std::vector<std::string> fuels() const;
  //! Vintage names, sorted.
  std::vector<std::string> vintages() const;

 private:
  std::size_t index(std::string_view fuel, std::string_view vintage) const;

  std::string path_;
  std::vector<fuel::FossilFactor> factors_;
  std::vector<std::vector<ParameterRecord>> records_;  //!< per factor
};

//! Reads fuel_factors.csv; throws InputError naming file, line and column on the first bad row.
FossilFactorTable load_fossil_factor_table(const std::string& path);

//! The rows of wood_fuel.csv.
class WoodFuelTable {
 public:
  WoodFuelTable(std::string path, std::vector<ParameterRecord> records);

  const std::string& path() const { return path_; }
  //! Every value, in file order (ParameterRecord::key is the item, ::name the parameter).
  std::span<const ParameterRecord> records() const { return records_; }
  //! The record of (item, parameter); throws InputError listing the known items, or the
  //! parameters of `item`.
  const ParameterRecord& record(std::string_view item, std::string_view parameter) const;
  //! Value of (item, parameter) in the unit of its record.
  double value(std::string_view item, std::string_view parameter) const {
    return record(item, parameter).value;
  }
  //! Constants of the heating-value formulas; hhv_dry is the `hhv` of `dry_item` ("dry_wood",
  //! "conifer" or "broadleaf").
  fuel::WoodFuelConstants constants(std::string_view dry_item = "dry_wood") const;
  //! The records constants(dry_item) is built from.
  std::vector<ParameterRecord> constants_provenance(std::string_view dry_item = "dry_wood") const;

 private:
  std::string path_;
  std::vector<ParameterRecord> records_;
};

//! Reads wood_fuel.csv; throws InputError naming file, line and column on the first bad row, or
//! naming the file and every missing (item, parameter).
WoodFuelTable load_wood_fuel_table(const std::string& path);

}  // namespace shinrin::io
