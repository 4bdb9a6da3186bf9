// core: SHA-256 against the FIPS 180-4 / NIST example vectors; fixed-point sums.
#include <catch2/catch.hpp>
#include <string>

#include "shinrin/core/fixed_sum.hpp"
#include "shinrin/core/sha256.hpp"

using namespace shinrin;

TEST_CASE("SHA-256 matches the NIST example vectors", "[core]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // 55 and 56 bytes straddle the one-block/two-block padding boundary.
  CHECK(sha256_hex(std::string(55, 'a')) != sha256_hex(std::string(56, 'a')));
  // Fed in uneven pieces, the incremental digest is the one-call digest.
  const std::string text(1000, 'x');
  for (std::size_t piece : {1u, 7u, 63u, 64u, 65u, 333u}) {
    Sha256 h;
    for (std::size_t at = 0; at < text.size(); at += piece)
      h.update(std::string_view(text).substr(at, piece));
    CHECK(h.hex() == sha256_hex(text));
  }
}

TEST_CASE("fixed-point sums do not depend on the order of addition", "[core]") {
  const double parts[] = {1e9, 0.1, -1e9, 0.2, 123.456, 1e-3, 7e8};
  FixedSum forward, backward;
  for (double p : parts) forward.add(p);
  for (int i = 6; i >= 0; --i) backward.add(parts[i]);
  CHECK(forward.raw() == backward.raw());
  CHECK(forward.value() == Approx(700000123.757).margin(1e-5));
}
