#pragma once
//! SHA-256 digest (FIPS 180-4), used to fingerprint the resolved scenario and the input files a
//! results file was produced from. Incremental, so files of any size hash in fixed memory.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace shinrin {

class Sha256 {
 public:
  Sha256();
  //! Adds bytes to the message.
  void update(std::string_view bytes);
  //! Lower-case hexadecimal digest (64 characters) of everything added. Call once.
  std::string hex();

 private:
  std::array<std::uint32_t, 8> h_;
  std::array<unsigned char, 64> block_{};
  std::size_t used_ = 0;      // bytes waiting in block_
  std::uint64_t length_ = 0;  // message length so far [bytes]
};

//! SHA-256 of `bytes` in one call.
std::string sha256_hex(std::string_view bytes);

}  // namespace shinrin
