#pragma once
// Paths and small helpers shared by the tests.

#include <cstdlib>
#include <string>

#include "shinrin/io/parameter_tables.hpp"

namespace shinrin::test {

inline std::string repo(const std::string& rel) { return std::string(SHINRIN_SOURCE_DIR) + "/" + rel; }
inline std::string shared(const std::string& rel) { return std::string(SHINRIN_SHARED_DIR) + "/" + rel; }
//! A fresh folder under the build tree for files a test writes.
std::string scratch_dir(const std::string& name);
//! Runs the shinrin executable with `args`; returns exit code, stdout+stderr in `output`.
int run_cli(const std::string& args, std::string& output);
//! Writes `text` to `path`.
void write_file(const std::string& path, const std::string& text);

inline SpeciesTable repo_species() { return io::load_species_table(repo("data/species.csv")); }

}  // namespace shinrin::test
