#include "text_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "shinrin/core/error.hpp"

namespace shinrin::io {
namespace {

std::string size_text(std::size_t bytes) {
  if (bytes % (std::size_t(1) << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

[[noreturn]] void too_large(const std::string& path, std::size_t limit, const std::string& kind,
                            const std::string& held) {
  throw InputError(path + ": " + held + ", more than the " + size_text(limit) + " a " + kind +
                   " may have (is this the right file?)");
}

}  // namespace

std::string read_bounded(const std::string& path, std::size_t limit, const std::string& noun,
                         const std::string& kind) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw InputError(path + ": cannot open the " + noun + " (" + std::strerror(errno) + ")");
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    throw InputError(path + ": cannot read the " + noun + " (" + std::strerror(errno) + ")");
  }
  if (S_ISDIR(st.st_mode)) throw InputError(path + ": a folder, not a " + kind);
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > limit)
    too_large(path, limit, kind, "the file holds " + std::to_string(st.st_size) + " bytes");
  std::string text;
  text.reserve(S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0);
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      throw InputError(path + ": cannot read the " + noun + " (" + std::strerror(errno) + ")");
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > limit)
      too_large(path, limit, kind, std::to_string(text.size()) + " bytes read and not at its end");
  }
  return text;
}

}  // namespace shinrin::io
