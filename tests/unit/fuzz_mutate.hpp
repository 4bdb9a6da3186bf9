#pragma once
// Seeded mutations of input files for the fuzz test (test_fuzz.cpp): texts (scenario YAML, CSV
// tables), raw bytes (FlatGeobuf) and attribute values (GeoPackage, as SQL statements). Every
// mutation is drawn from a Rng, so a case is reproduced from its seed alone, on any standard
// library: the engine is std::mt19937_64 (fully specified by the standard) and the draws below use
// it directly (the std distributions are not specified and differ between libraries).

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace shinrin::test::fuzz {

//! The random source of one case.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  //! A number in [0, n) (n > 0; the modulo bias is irrelevant here).
  std::uint64_t below(std::uint64_t n) { return engine_() % n; }
  //! True with probability `percent` / 100.
  bool percent(unsigned percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  std::mt19937_64 engine_;
};

//! The seed of case `index` of the fuzzer under list seed `seed` (a SplitMix64 step of both, so
//! neighbouring cases share nothing).
std::uint64_t case_seed(std::uint64_t seed, std::uint64_t index);

//! Values that break parsers and bounds: empty, zero and negative, huge and tiny, NaN and
//! infinities as text, integer limits, hexadecimal, unit suffixes, decimal commas, full-width
//! digits, other scripts, invalid UTF-8, a NUL byte, control and quote characters, YAML syntax,
//! and a long string.
const std::vector<std::string>& interesting_values();

//! What a text is, for the mutations that know its structure.
enum class TextKind { yaml, csv };

//! `text` with 1 to 3 mutations: bit flips, truncation, insertion of an interesting value,
//! replacement of a value (a YAML scalar or a CSV cell) by an interesting one or by another token
//! of the same text, a number scaled, negated, zeroed or nudged by one, deleted, duplicated or
//! swapped lines, a deleted CSV column, an extra CSV cell, changed YAML indentation, a copied YAML
//! line, a repeated stretch, special bytes. Each mutation applied is appended to `log`.
std::string mutate_text(std::string text, TextKind kind, Rng& rng, std::string& log);

//! `bytes` with 1 to 3 byte-level mutations (bit flips, half of them within the first `head`
//! bytes; truncation; overwritten runs of 0x00, 0xFF, 0x7F or 0x80; inserted random bytes).
std::string mutate_bytes(std::string bytes, std::size_t head, Rng& rng, std::string& log);

//! A table of a GeoPackage to mutate through SQL.
struct SqlTable {
  std::string name;                  //!< the layer's table
  std::vector<std::string> columns;  //!< attribute columns
  std::int64_t rows = 0;             //!< feature ids are 1..rows
  std::string geometry;              //!< geometry column
};

//! 1 to 4 SQLite statements that change a GeoPackage layer the way a hand edit or a bad export
//! could: attribute values set to interesting values (as text, integer, real, NULL, or a blob) in
//! one row or every row, deleted or duplicated rows, a wrong feature count in gpkg_ogr_contents,
//! NULL or garbage geometries, a dropped column. Each statement is appended to `log`.
std::vector<std::string> mutate_gpkg(const SqlTable& table, Rng& rng, std::string& log);

}  // namespace shinrin::test::fuzz
