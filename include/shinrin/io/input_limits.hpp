#pragma once
//! Upper bounds on the size of text inputs, so that a wrong path (a device such as /dev/zero, a
//! stray multi-gigabyte file) ends with a message naming the file and the limit instead of filling
//! memory. GIS parcel layers are read record by record through GDAL and are not bounded here.

#include <cstddef>

namespace shinrin::io {

//! Largest scenario file read [bytes]: 16 MiB (a scenario is a few KiB).
inline constexpr std::size_t kMaxScenarioBytes = std::size_t(16) << 20;

//! Largest CSV table read (parameter tables, event lists, yield tables) [bytes]: 256 MiB (an event
//! list of a 10^6-parcel register with a few events per parcel is about 100 MB).
inline constexpr std::size_t kMaxTableBytes = std::size_t(256) << 20;

}  // namespace shinrin::io
