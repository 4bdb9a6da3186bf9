#pragma once
//! Files put in place whole: written under a temporary name beside the target, flushed to disk,
//! then renamed onto it, so that a failure or a crash never leaves a half-written file where a good
//! one was. Used by the results writer, the exports and the HTML report.

#include <string>

namespace shinrin::io {

//! Writes the file at `path` to the disk (fsync), so that a late error of the file system (a full
//! disk on NFS, a quota) is reported before the rename; OutputError naming `path` on failure.
void sync_file(const std::string& path);
//! fsync of the folder holding `path` (best effort: makes a rename durable).
void sync_folder_of(const std::string& path);
//! Writes `text` to `path` through "<path>.tmp-<pid>" (flushed to disk, then renamed). On failure
//! the temporary file is removed, an earlier file at `path` is left as it was, and OutputError
//! says so, naming `what` (e.g. "the report").
void write_text_replacing(const std::string& path, const std::string& text,
                          const std::string& what);

}  // namespace shinrin::io
