#pragma once
// What `shinrin report` shows, gathered from a results file (and, for the map, from the parcel
// layer the run read): the summary (provenance, handling, totals per fiscal year, parameters),
// the input files, the area by age class at the start and the end, and the per-parcel values a
// map can be coloured by. The HTML page is written from this by html_report.hpp.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "report_labels.hpp"
#include "shinrin/io/results_reader.hpp"

namespace shinrin::app {

//! One row of the results file's `/inputs`.
struct ReportInput {
  std::string role, path, sha256;
};

//! Area by 5-year age class (齢級, sim::age_class_index: class k holds ages 5k-4 .. 5k, age 0 in
//! class 1, the last class every age above 100 years).
struct AgeClassAreas {
  std::vector<int> first_age, last_age;  //!< per class [year]; last_age -1: open class
  std::vector<double> start;             //!< [ha] per class, the initial state; empty: unknown
  std::vector<double> end;    //!< [ha] per class, the end of the last year; empty: not in the file
  int start_year = 0;         //!< fiscal year whose end `start` describes
  int end_year = 0;           //!< fiscal year whose end `end` describes
  bool from_parcels = false;  //!< start computed from per-parcel initial age and area (< 3.1)
};

//! One variable the map can be coloured by: a value per parcel row (NaN: none) or a category.
struct MapVariable {
  std::string name;   //!< identifier (`initial_age`, `area`, `species`, `stem_volume@2054`)
  std::string label;  //!< shown in the page's selector and legend
  std::vector<double> values;           //!< per parcel row; categorical: index into categories
  std::vector<std::string> categories;  //!< non-empty: the variable is categorical
};

//! The parcel map: one SVG path per parcel drawn, or why there is none.
struct ReportMap {
  std::string svg;                           //!< inline <svg> element; empty when absent
  std::size_t paths = 0;                     //!< <path> elements (one per parcel row drawn)
  std::size_t parcels_without_geometry = 0;  //!< parcel rows whose feature was not found
  std::string source;                        //!< the layer read
  std::string absent_reason;                 //!< why there is no map (empty when there is one)
  std::string changed;  //!< not empty: the layer's SHA-256 is not the one the run recorded
};

struct ReportData {
  io::ResultsSummary summary;
  std::vector<ReportInput> inputs;
  AgeClassAreas age_classes;
  std::vector<std::string> parcel_ids;  //!< per parcel row (the `parcel` coordinate)
  std::vector<MapVariable> map_variables;
  std::string map_variable;  //!< the one selected when the page opens
  ReportMap map;
};

}  // namespace shinrin::app

namespace shinrin::app {

//! What the report of results file `results` shows. `parcels` (when given) is the layer the map
//! is drawn from instead of the `/inputs` row of role `parcels`; `map_variable` the variable the
//! map opens with (InputError naming the ones there are when the file has no such variable).
//! Labels of map variables in `lang`. A map that cannot be drawn (no layer recorded, a layer that
//! cannot be read) is no error: ReportMap::absent_reason says why.
ReportData gather_report_data(const std::string& results, const std::optional<std::string>& parcels,
                              const std::optional<std::string>& map_variable, ReportLang lang);

}  // namespace shinrin::app
