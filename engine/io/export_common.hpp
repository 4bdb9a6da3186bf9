#pragma once
// Shared by the GeoPackage and CSV exports (io module only): the aggregate tables per fiscal year,
// numbers as text, and files written under a temporary name and renamed into place.

#include <string>
#include <vector>

#include "shinrin/io/results_tables.hpp"

namespace shinrin::io::exporting {

struct SheetColumn {
  std::string name;   //!< variable name, e.g. stem_volume
  std::string units;  //!< e.g. m3, t year-1
  std::string long_name;
};

//! One aggregate table: rows are (time index, group label), one column per variable.
struct Sheet {
  std::string name;          //!< totals, species, municipality, regime (the file / table name)
  std::string group_column;  //!< column of the group label; empty for totals
  std::vector<std::string> labels;   //!< group labels ({"total"} for totals)
  bool integer_labels = false;       //!< labels are integers (age classes)
  std::string detail_column;         //!< a second label column (age classes: `ages`), or empty
  std::vector<std::string> details;  //!< its value per label
  std::vector<SheetColumn> columns;
  std::vector<std::vector<std::vector<double>>> values;  //!< [column][label][time index]
};

//! totals, species, municipality, regime, and age_class when the file holds it (format 3.1).
std::vector<Sheet> aggregate_sheets(const ResultsTables& t);

//! The `state` of time index t: "initial" (t = 0, the end of fiscal year start_year - 1; fluxes
//! empty) or "end of year" (stocks at the end of the fiscal year, fluxes during it).
const char* state_of(std::size_t t);

//! The shortest text that reads back as the same double (std::to_chars); "" for NaN.
std::string shortest(double v);

//! "<path>.tmp-<pid>" (as results_writer.hpp temp_path_for).
std::string temp_name(const std::string& path);

//! Trims ASCII white space and the ideographic space U+3000 at both ends, as the parcel reader
//! does with register text.
std::string trimmed(const std::string& s);

}  // namespace shinrin::io::exporting
