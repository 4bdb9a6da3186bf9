#pragma once
// The parcel map of `shinrin report` as inline SVG: one <path data-p="ROW"> per parcel row with
// an outline, ROW being the parcel's row in the results file (the page's script colours it).
//
// Size: the coordinates are rounded to whole metres (a drawing of a municipality needs no more),
// written relative to the previous point, and a point is dropped when it repeats the previous one
// or lies within `tolerance` [m] of the straight line between its neighbours kept (one pass).
// Measured on Hisayama (5,513 records): README, "shinrin report".

#include <cstddef>
#include <span>
#include <string>

#include "shinrin/io/parcel_outlines.hpp"

namespace shinrin::app {

struct MapSvg {
  std::string svg;          //!< the <svg id="map-svg"> element
  std::size_t paths = 0;    //!< <path> elements written
  std::size_t missing = 0;  //!< rows without an outline (no path)
  std::size_t points = 0;   //!< points written
};

//! The map of `outlines` (one per parcel row, metres on a plane, y to the north).
MapSvg map_svg(std::span<const io::ParcelOutline> outlines, double tolerance = 1.0);

}  // namespace shinrin::app
