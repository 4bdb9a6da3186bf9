#pragma once
//! Reads the polygons of chosen features of a parcel layer, for drawing them (the map of
//! `shinrin report`). Coordinates are in metres on a plane: a projected layer's own coordinates
//! (scaled to metres), or, for a layer in longitude and latitude, an equirectangular projection
//! about the centre of the features read (x = R cos(lat0) (lon - lon0), y = R (lat - lat0),
//! R = 6371008.8 m, the mean Earth radius): over a municipality a few km to tens of km across it
//! is within a fraction of a percent of a conformal projection, which a drawing does not need.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace shinrin::io {

//! The rings of one feature: exterior and interior rings of all its polygons, each a closed
//! sequence of points [m] (the first point not repeated at the end).
struct ParcelOutline {
  std::vector<std::vector<std::array<double, 2>>> rings;
};

//! Outlines of the features with ids `fids` (OGR feature ids, the results file's `source_fid`)
//! of layer `layer` (empty: the first) of `path`, opened with GDAL `open_options`; one entry per
//! fid, empty where the layer has no such feature or it has no polygon. Throws InputError when
//! the source cannot be opened or has no such layer.
std::vector<ParcelOutline> read_parcel_outlines(const std::string& path, const std::string& layer,
                                                const std::vector<std::string>& open_options,
                                                std::span<const std::int64_t> fids);

}  // namespace shinrin::io
