#include "shinrin/io/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "shinrin/core/error.hpp"

namespace shinrin::io {
namespace {

std::string errno_text(int e) {
  return std::strerror(e);
}

// The process id the holder wrote into the lock file ("" if none can be read).
std::string holder_of(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return "";
  std::string s(buf, static_cast<std::size_t>(n));
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s.find_first_not_of("0123456789") == std::string::npos ? s : "";
}

}  // namespace

std::string lock_path_for(const std::string& path) {
  return path + ".lock";
}

OutputLock::OutputLock(const std::string& path) : lock_path_(lock_path_for(path)) {
  // A few attempts: each fails only if the holder removed the file between our open and lock.
  for (int attempt = 0; attempt < 5; ++attempt) {
    const int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
      throw OutputError("output path '" + path + "': cannot create the lock file '" + lock_path_ +
                        "' (" + errno_text(errno) + ")");
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int e = errno;
      const std::string holder = e == EWOULDBLOCK ? holder_of(fd) : "";
      ::close(fd);
      if (e == EWOULDBLOCK) {
        throw OutputError("output path '" + path + "' is being written by another run (" +
                          (holder.empty() ? "a process" : "process " + holder) +
                          " holds the lock '" + lock_path_ +
                          "'); wait for it to end or choose another output path");
      }
      throw OutputError("output path '" + path + "': cannot lock '" + lock_path_ + "' (" +
                        errno_text(e) +
                        "); on a file system without locks, run with --no-lock and make sure no "
                        "other run writes this path");
    }
    struct stat held {
    }, named{};
    if (::fstat(fd, &held) == 0 && ::lstat(lock_path_.c_str(), &named) == 0 &&
        held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
      const std::string pid = std::to_string(::getpid()) + "\n";
      if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, pid.data(), pid.size(), 0);
      fd_ = fd;
      return;
    }
    ::close(fd);  // the holder removed this file as we locked it: lock the new one
  }
  throw OutputError("output path '" + path + "': the lock file '" + lock_path_ +
                    "' keeps being replaced; is another run starting on this path?");
}

OutputLock::~OutputLock() {
  if (fd_ < 0) return;
  ::unlink(lock_path_.c_str());  // while still holding the lock (see the header)
  ::close(fd_);
}

}  // namespace shinrin::io
