#pragma once
//! Writes a results file (format 3.x, read through results_tables.hpp) as a GeoPackage with the
//! parcels' source geometry, or as CSV tables per fiscal year (`shinrin export`). Layer, table,
//! field and column names are documented in README.md, "Maps and tables".
//!
//! Both write every file under a temporary name beside the target ("<target>.tmp-<pid>") and
//! rename it onto the target only when it is complete, closed and synced to disk; a failure
//! removes the temporary files and leaves the targets as they were. An existing target is
//! replaced only with `overwrite`.
//!
//! Errors: InputError for a refused input or target (no such parcel layer, a layer that is not
//! the run's, an existing target without `overwrite`, an unknown variable); IncompleteResultsError
//! for a file that is not a complete results file of format 3; OutputError when writing fails;
//! Interrupted when `stop` is set.

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace shinrin::io {

struct GeoPackageExport {
  std::string results;                 //!< results file (HDF5)
  std::string to;                      //!< GeoPackage to write (.gpkg)
  std::optional<std::string> parcels;  //!< parcel layer to use instead of the run's
  std::vector<std::string> variables;  //!< per-parcel series to write; empty: every one held
  bool long_table = false;  //!< series as a table (parcel, year, variable, value), not columns
  bool overwrite = false;
  //! A signal number set asynchronously (SIGINT ...), read between features and before the
  //! rename: when set, the export stops (Interrupted), removing its temporary file.
  const std::atomic<int>* stop = nullptr;
};

struct CsvExport {
  std::string results;      //!< results file (HDF5)
  std::string dir;          //!< folder for the tables (created if missing)
  bool long_table = false;  //!< tidy: one row per fiscal year, group and variable
  bool overwrite = false;
  const std::atomic<int>* stop = nullptr;  //!< as GeoPackageExport::stop, read before each file
};

//! What an export wrote, for the verb to print.
struct ExportReport {
  std::vector<std::string> written;   //!< files, or "layer: rows" lines for a GeoPackage
  std::vector<std::string> warnings;  //!< e.g. a --parcels layer whose SHA-256 differs
};

ExportReport export_geopackage(const GeoPackageExport& request);
ExportReport export_csv(const CsvExport& request);

}  // namespace shinrin::io
