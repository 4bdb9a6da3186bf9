#pragma once
//! Raw input records: what io reads from a file, before setup classifies and binds it. io fills
//! these; setup interprets them. Values are as the source holds them (text trimmed), so every
//! judgement (is this a species, a valid age, a date) is made in one place, setup.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shinrin::setup {

//! A numeric field of a record: absent (not mapped or NULL), a number, or text that is not one.
struct RawNumber {
  bool present = false;  //!< mapped and not NULL
  bool valid = false;    //!< a finite number that was read completely ("1,5" or "12年" is not)
  double value = 0.0;
  std::string text;  //!< the source text when not valid
};

//! A date field: absent, a calendar date, or text that is not one.
struct RawDate {
  bool present = false;
  bool valid = false;
  int year = 0, month = 0, day = 0;
  std::string text;
};

//! One feature of the parcel layer.
struct RawRecord {
  std::int64_t fid = 0;
  std::string key;           //!< register key; empty when NULL or blank
  std::string species;       //!< species name (樹種), "" when NULL
  std::string forest_type;   //!< forest type (林種), "" when NULL or not mapped
  std::string storey;        //!< storey text, "" when NULL or not mapped
  std::string municipality;  //!< "" when NULL or not mapped
  RawNumber area;            //!< area attribute [ha] (not present when area comes from geometry)
  double geometry_area_ha = 0.0;  //!< polygon area in the scenario's projected CRS [ha]
  std::string geometry_problem;   //!< why the geometry gives no area ("" when fine or unused)
  bool located = false;           //!< centroid read (the fuel section asks for distances)
  double x = 0.0, y = 0.0;        //!< polygon centroid in the fuel section's CRS [m]
  std::string location_problem;   //!< why there is no centroid ("" when fine or unused)
  RawNumber age, volume, stems, site_class;
  RawDate as_of;  //!< register snapshot date of the record (when mapped)
  std::vector<std::string>
      extra;  //!< values of the extra fields asked for (planning units), "" when NULL
};

//! Receives the records of a layer in source order.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void record(const RawRecord& r) = 0;
};

//! One row of an event-list CSV (silviculture.events.path), fields as text.
struct RawEvent {
  std::string parcel, year, operation, intensity;
  int line = 0;  //!< line in the file (1-based; the header is line 1)
};

//! The rows of an event list.
struct RawEventList {
  std::string path;
  std::vector<RawEvent> rows;
  //! "file:line: column 'name'" of a field of `row`, for messages.
  std::string where(const RawEvent& row, const std::string& column) const {
    return path + ":" + std::to_string(row.line) + ": column '" + column + "'";
  }
};

}  // namespace shinrin::setup
