#pragma once
//! SHA-256 digest (FIPS 180-4), used to fingerprint the resolved scenario and the input files a
//! results file was produced from. Incremental, so files of any size hash in fixed memory. The
//! digest is OpenSSL's (libcrypto), which uses the processor's SHA instructions where it has them.

#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace shinrin {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  //! Adds bytes to the message.
  void update(std::string_view bytes);
  //! Lower-case hexadecimal digest (64 characters) of everything added. Call once.
  std::string hex();

 private:
  evp_md_ctx_st* ctx_;
};

//! SHA-256 of `bytes` in one call.
std::string sha256_hex(std::string_view bytes);

}  // namespace shinrin
