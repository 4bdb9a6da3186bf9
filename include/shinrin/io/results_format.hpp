#pragma once
//! Version of the results file format, described in docs/results-format.md. Update both in the
//! same commit: a new minor for additions, a new major when readers must change.

namespace shinrin::io {

inline constexpr const char* kResultsFiletype = "shinrin_results";
inline constexpr int kResultsFormatMajor = 3;
inline constexpr int kResultsFormatMinor = 1;

}  // namespace shinrin::io
