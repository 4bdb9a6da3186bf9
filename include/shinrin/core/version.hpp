#pragma once
//! Engine version and build identity (filled in by CMake at configure time).

#include <string_view>

namespace shinrin {

//! Engine version "major.minor.patch".
std::string_view engine_version();
//! Git commit the engine was built from, or "unknown" outside a git checkout.
std::string_view git_sha();

}  // namespace shinrin
