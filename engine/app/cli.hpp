#pragma once
// The options of each shinrin verb, as the command line (CLI11, main.cpp) gives them. Values that
// need checking are kept as text here and checked by the verb with the messages below, so that an
// error names the option and its value the same way for every verb.

#include <optional>
#include <string>

namespace shinrin::app {

//! `shinrin run` and `shinrin validate`.
struct RunOptions {
  std::string scenario;
  std::optional<std::string> parcels, output, years, threads, unknown_species, every;
  bool timings = false;    //!< print the time of each phase
  bool no_lock = false;    //!< write without the lock OUTPUT.lock
  bool overwrite = false;  //!< replace an existing results file
  bool json = false;       //!< the summary as JSON on stdout (run only)
  bool quiet = false;      //!< no progress line, no list of unconfirmed parameters
};

//! `shinrin info`.
struct InfoOptions {
  std::string results;
  std::optional<std::string> every;
  bool json = false;
  bool quiet = false;
};

//! `shinrin credit`.
struct CreditOptions {
  std::string results;
  std::optional<std::string> out;
};

//! `shinrin compare`.
struct CompareOptions {
  std::string a, b;  //!< results files; differences are b - a
  bool json = false;
};

//! `shinrin export`.
struct ExportOptions {
  std::string results;                   //!< results file (HDF5)
  std::optional<std::string> to;         //!< FILE.gpkg, or a folder with --csv
  std::optional<std::string> parcels;    //!< parcel layer instead of the run's
  std::optional<std::string> variables;  //!< per-parcel series, comma-separated
  bool csv = false;                      //!< CSV tables in folder `to` instead of a GeoPackage
  bool long_table = false;               //!< long ("tidy") tables
  bool overwrite = false;                //!< replace existing files
};

//! `shinrin report`.
struct ReportOptions {
  std::string results;                      //!< results file (HDF5)
  std::string html;                         //!< the page to write
  std::optional<std::string> lang;          //!< `en` (default) or `ja`
  std::optional<std::string> parcels;       //!< parcel layer instead of the one in /inputs
  std::optional<std::string> map_variable;  //!< variable the map is coloured by when it opens
  bool overwrite = false;                   //!< replace an existing page
};

//! `shinrin fit-growth`.
struct FitGrowthOptions {
  std::string table;
  std::optional<std::string> species, site_class;
};

//! Throws InputError "option NAME: the value is empty" if `value` is given and empty (no option
//! means anything when empty: "--parcels ''" is a mistake, not the default).
void check_not_empty(const std::optional<std::string>& value, const std::string& name);
//! The integer in [lo, hi] that `value` spells, or nullopt if it is not given; throws InputError
//! naming the option otherwise.
std::optional<int> integer_option(const std::optional<std::string>& value, const std::string& name,
                                  int lo, int hi);

//! argv joined with spaces, arguments with spaces or quotes single-quoted (for the results file).
std::string command_line(int argc, char** argv);

}  // namespace shinrin::app
