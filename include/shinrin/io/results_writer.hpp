#pragma once
//! Writes a results file (HDF5, layout in docs/results-format.md).
//!
//! The file is written under a temporary name next to the target (<path>.tmp-<pid>) and renamed
//! onto the target only after `complete` is set and the file is closed. If the run fails, the
//! destructor removes the temporary file and any earlier file at the target stays untouched.
//! Parcels are written in source-layer order (Landscape::source_pos).

#include <memory>
#include <string>
#include <vector>

#include "shinrin/core/provenance.hpp"
#include "shinrin/crediting/ledger.hpp"
#include "shinrin/growth/past_data.hpp"
#include "shinrin/simulation/inputs.hpp"
#include "shinrin/simulation/outputs.hpp"
#include "shinrin/state/handling.hpp"

namespace shinrin::io {

//! An input file and its SHA-256, recorded in the results for traceability.
struct InputFile {
  std::string role;  //!< e.g. "parcels", "species"
  std::string path;
  std::string sha256;
};

//! What a results file records about the run besides the simulated values.
struct RunRecord {
  std::string scenario_file;
  std::string scenario_text;    //!< resolved scenario YAML
  std::string scenario_sha256;  //!< SHA-256 of scenario_text
  std::string description;
  std::string layer;  //!< parcel layer read
  HandlingReport handling;
  growth::PastData past_data;  //!< parcels past the data of their growth curves (from the inputs)
  std::vector<ParameterRecord> parameters_used;
  std::vector<InputFile> inputs;
};

class ResultsWriter final : public sim::SeriesSink {
 public:
  //! Creates the temporary file, writes metadata, coordinates and static parcel variables, and
  //! creates the per-parcel series datasets. Throws OutputError if the file cannot be created.
  ResultsWriter(std::string path, const RunRecord& record, const sim::Inputs& inputs,
                const sim::OutputSelection& output, std::string command_line);
  ~ResultsWriter() override;
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  //! Writes a group of output times of every selected series: chunks of parcels x output times
  //! are byte-shuffled and deflated on all threads, then written directly.
  void write_times(std::size_t first, std::size_t count, std::size_t stride,
                   const std::vector<std::vector<float>>& columns) override;

  //! Writes aggregates, plan results, boilers, credits, handling counts and parameters, sets
  //! `complete`, closes and renames.
  void finish(const sim::Aggregates& aggregates,
              const std::vector<crediting::Credits>& credits = {});

  const std::string& path() const { return path_; }

 private:
  struct Impl;
  std::string path_;
  std::string temp_path_;
  std::unique_ptr<Impl> impl_;
  bool finished_ = false;
};

//! SHA-256 of a file's bytes (hex), "unreadable" if it cannot be read.
std::string file_sha256(const std::string& path);

}  // namespace shinrin::io
