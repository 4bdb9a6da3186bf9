#pragma once
//! A half-open range of parcel rows [first, last), the unit of work of every kernel.

#include <cstddef>

namespace shinrin {

struct RowRange {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t size() const { return last - first; }
};

}  // namespace shinrin
