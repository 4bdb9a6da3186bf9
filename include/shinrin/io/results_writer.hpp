#pragma once
//! Writes a results file (HDF5, layout in docs/results-format.md).
//!
//! The file is written under a temporary name next to the target (<path>.tmp-<pid>, see
//! temp_path_for) and renamed onto the target only after `complete` is set, the file is closed
//! and its bytes are on disk (fsync). Any failure on the way (HDF5, the file system, zlib, on any
//! thread) closes the file once, removes the temporary file and throws one OutputError naming
//! the target, what failed and why; a run that stops for another reason (a model error, a
//! signal) removes it in the destructor. Either way an earlier file at the target stays as it
//! was. Parcels are written in source-layer order (Landscape::source_pos).

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "shinrin/core/error.hpp"
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

  //! A flag (sim::RunConfig::stop) finish reads last before the rename: if it is set then, the
  //! temporary file is removed and finish throws Interrupted (the earlier file stays).
  void stop_on(const std::atomic<int>* flag) { stop_ = flag; }

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }

 private:
  struct Impl;
  //! Everything finish writes, up to `complete` and the closing of every object but the file.
  void write_results(const sim::Aggregates& aggregates,
                     const std::vector<crediting::Credits>& credits);
  //! Closes every handle once (errors ignored: the file is given up), removes the temporary file
  //! and returns the OutputError to throw for `what` failing.
  OutputError abandon(const std::string& what) noexcept;
  std::string path_;
  std::string temp_path_;
  std::unique_ptr<Impl> impl_;
  const std::atomic<int>* stop_ = nullptr;
  bool finished_ = false;
};

//! Call once at the start of a program that reads or writes results files, before any other io
//! call: HDF5 then installs no exit-time clean-up (which closes again, and crashes on, a file whose
//! close failed on a full disk) and prints nothing itself (its errors become OutputError).
void init_hdf5();

//! The temporary name a run of process `pid` writes `path` under: "<path>.tmp-<pid>".
std::string temp_path_for(const std::string& path, long pid);

//! A temporary file a killed run left behind, removed by remove_stale_temp_files.
struct StaleTempFile {
  std::string path;
  long pid = 0;  //!< the process that wrote it (gone)
};

//! Removes from the folder of `output_path` the temporary files that killed runs left behind:
//! regular files named "<name>.tmp-<pid>" (temp_path_for) that are empty or start with the HDF5
//! signature, whose process is gone (kill(pid, 0) fails with ESRCH) and that nobody holds a lock
//! on (a live writer's HDF5 library holds an exclusive flock on its file). Files it cannot
//! remove are left alone. Returns what it removed.
std::vector<StaleTempFile> remove_stale_temp_files(const std::string& output_path);
//! SHA-256 of a file's bytes (hex), "unreadable" if it cannot be read.
std::string file_sha256(const std::string& path);

}  // namespace shinrin::io
