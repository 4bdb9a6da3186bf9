#pragma once
//! SHA-256 digest (FIPS 180-4) of a byte string, used to fingerprint the resolved scenario that a
//! results file was produced from.

#include <string>
#include <string_view>

namespace shinrin {

//! Lower-case hexadecimal SHA-256 of `bytes` (64 characters).
std::string sha256_hex(std::string_view bytes);

}  // namespace shinrin
