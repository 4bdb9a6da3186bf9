#pragma once
//! Reads the features of a parcel layer from any OGR vector source (GeoPackage, FlatGeobuf,
//! Shapefile incl. CP932 attributes via the ENCODING open option, GeoJSON, CSV) as raw records
//! (setup/raw.hpp), in source order, for setup to classify.
//!
//! Text is trimmed (ASCII white space and the ideographic space U+3000). Numeric engine fields
//! (area, age, volume, stems, site class) are read from numeric source fields as numbers, and from
//! text fields only when the whole text is a number (std::from_chars): "1,5", "12年" or "abc" stay
//! text and setup reports them. GeoPackage / SQLite columns may hold text whatever their declared
//! type, which OGR would convert silently ('12年' -> 12); such values, and reals in an integer
//! column, are read as the text SQLite holds. The area from geometry is the polygon area in the
//! scenario's projected CRS. Errors about the source itself (cannot open, no such layer or field, a
//! CRS that cannot be transformed, a read failure, fewer or more features than the FlatGeobuf
//! header or the GeoPackage contents table declare) are InputErrors naming the file and layer.

#include <string>
#include <vector>

#include "shinrin/io/scenario.hpp"
#include "shinrin/setup/raw.hpp"

namespace shinrin::io {

//! What read_parcel_records() read.
struct ParcelRead {
  std::string layer;      //!< name of the layer read
  bool columnar = false;  //!< through GDAL's Arrow stream (else feature by feature)
};

//! Reads every feature of the scenario's parcel layer into `sink`, with the values of
//! `extra_fields` (source field names) in RawRecord::extra. The records, and their order, are the
//! same whichever way the layer is read: through GDAL's columnar Arrow stream where no geometry is
//! needed, the source is not a GeoPackage or SQLite file and every mapped field is text, an
//! integer or (for numbers) a real; else feature by feature.
ParcelRead read_parcel_records(const Scenario& scenario,
                               const std::vector<std::string>& extra_fields,
                               setup::RecordSink& sink);

//! Why the point (x, y) [m] of projected CRS `epsg` is no place of that CRS (outside its area of
//! use, or not transformable to longitude and latitude), or "" when it is one.
std::string location_problem(int epsg, double x, double y);

}  // namespace shinrin::io
