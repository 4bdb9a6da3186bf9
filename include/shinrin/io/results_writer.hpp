#pragma once
//! Writes a results file (HDF5, layout in docs/results-format.md).
//!
//! The file is written under a temporary name next to the target (<path>.tmp-<pid>) and renamed
//! onto the target only after `complete` is set and the file is closed. If the run fails, the
//! destructor removes the temporary file and any earlier file at the target stays untouched.

#include <memory>
#include <string>

#include "shinrin/io/run_setup.hpp"
#include "shinrin/simulation/outputs.hpp"

namespace shinrin::io {

class ResultsWriter final : public sim::SeriesSink {
 public:
  //! Creates the temporary file, writes metadata, coordinates and static parcel variables, and
  //! creates the per-parcel series datasets. Throws OutputError if the file cannot be created.
  ResultsWriter(std::string path, const RunSetup& setup, std::string command_line,
                std::size_t block_size);
  ~ResultsWriter() override;
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  //! Compresses one block of per-parcel series into whole HDF5 chunks (shuffle + deflate), on
  //! the calling worker thread. Blocks must be chunk-aligned (block size = chunk rows).
  void prepare_block(sim::BlockSeries& block) override;
  //! Writes the prepared chunks of one block (called by one thread at a time).
  void write_block(const sim::BlockSeries& block) override;

  //! Writes aggregates, handling counts and parameters, sets `complete`, closes and renames.
  void finish(const sim::Aggregates& aggregates);

  const std::string& path() const { return path_; }

 private:
  struct Impl;
  std::string path_;
  std::string temp_path_;
  std::unique_ptr<Impl> impl_;
  bool finished_ = false;
};

}  // namespace shinrin::io
