#pragma once
//! One run per results path: an exclusive lock on "<path>.lock", held while a run loads, simulates
//! and writes, so that a second run on the same path refuses at once instead of both reporting
//! success and one result being lost.
//!
//! The lock is a flock(2) on the lock file (released by the kernel when the process ends, however
//! it ends). The holder writes its process id into the file for the other run's message and
//! removes the file when it lets go; a lock file left by a killed run is simply taken over by the
//! next run on that path. After locking, the path is checked to still name the locked file, so a
//! run that opened a file its holder was removing tries again instead of locking a removed file.

#include <string>

namespace shinrin::io {

//! The lock file of results path `path`: "<path>.lock".
std::string lock_path_for(const std::string& path);

class OutputLock {
 public:
  //! Takes the lock of results path `path`. Throws OutputError naming the path and the process
  //! that holds it if another run does, or why the lock file cannot be created or locked.
  explicit OutputLock(const std::string& path);
  //! Removes the lock file and releases the lock.
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  const std::string& lock_path() const { return lock_path_; }

 private:
  std::string lock_path_;
  int fd_ = -1;
};

}  // namespace shinrin::io
