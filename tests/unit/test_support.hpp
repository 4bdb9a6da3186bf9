#pragma once
// Paths and small helpers shared by the tests.

#include <cstdlib>
#include <functional>
#include <map>
#include <string>

#include "shinrin/driver/load.hpp"
#include "shinrin/io/parameter_tables.hpp"

namespace shinrin::test {

inline std::string repo(const std::string& rel) {
  return std::string(SHINRIN_SOURCE_DIR) + "/" + rel;
}
inline std::string shared(const std::string& rel) {
  return std::string(SHINRIN_SHARED_DIR) + "/" + rel;
}
//! A fresh folder under the build tree for files a test writes.
std::string scratch_dir(const std::string& name);
//! Runs the shinrin executable with `args`; returns exit code, stdout+stderr in `output`.
int run_cli(const std::string& args, std::string& output);
//! Runs tests/python/`script` with `args` under /usr/bin/python3 (Debian's, with h5py and xarray);
//! returns the exit code, stdout+stderr in `output`.
int run_python(const std::string& script, const std::string& args, std::string& output);
//! Writes `text` to `path`.
void write_file(const std::string& path, const std::string& text);
//! The bytes of the file at `path` (fails the test if it cannot be opened).
std::string read_text(const std::string& path);

inline SpeciesTable repo_species() {
  return io::load_species_table(repo("data/species.csv"));
}

// --- scenario texts and error messages ---------------------------------------------------------

//! Occurrences of `needle` in `text`.
std::size_t count_of(const std::string& text, const std::string& needle);
//! `text` with its single occurrence of `from` replaced by `to` (fails the test otherwise).
std::string replace_once(std::string text, const std::string& from, const std::string& to);
//! A shipped scenario's text with every "../data/" path made absolute (the repository's data
//! folder), so that a test can write the scenario elsewhere.
std::string with_repo_data(std::string text);
//! 1-based line of the single occurrence of `needle`.
int line_of(const std::string& text, const std::string& needle);
//! "file:line:column" (1-based, as the engine reports YAML places) of the character `offset`
//! into the single occurrence of `needle`.
std::string place(const std::string& file, const std::string& text, const std::string& needle,
                  std::size_t offset = 0);
//! The message of the InputError `f` throws (fails the test if it throws none).
std::string input_error(const std::function<void()>& f);
//! `text` with every "{NAME}" replaced by vars[NAME].
std::string expand(std::string text, const std::map<std::string, std::string>& vars);
//! Writes `text` as dir/name and returns the path.
std::string write_scenario(const std::string& dir, const std::string& name,
                           const std::string& text);
//! prepare_run of the scenario at `path`.
driver::Loaded prepare(const std::string& scenario_path);

}  // namespace shinrin::test
