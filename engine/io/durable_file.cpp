#include "shinrin/io/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "shinrin/core/error.hpp"
#include "shinrin/io/results_writer.hpp"

namespace shinrin::io {
namespace fs = std::filesystem;

void sync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw OutputError("cannot open '" + path + "' to sync it (" + std::strerror(errno) + ")");
  const int rc = ::fsync(fd);
  const int e = errno;
  ::close(fd);
  if (rc != 0)
    throw OutputError("failed to write '" + path + "' to disk (" + std::strerror(e) + ")");
}

void sync_folder_of(const std::string& path) {
  const fs::path folder = fs::path(path).parent_path();
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

void write_text_replacing(const std::string& path, const std::string& text,
                          const std::string& what) {
  const std::string tmp = temp_path_for(path, ::getpid());
  auto fail = [&](const std::string& why) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw OutputError("cannot write " + what + " '" + path + "' (" + why + "); '" + path +
                      "' was not changed");
  };
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) fail(std::strerror(errno));
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  int err = written ? 0 : errno;
  if (std::fflush(f) != 0 && err == 0) err = errno;
  if (::fsync(::fileno(f)) != 0 && err == 0) err = errno;
  if (std::fclose(f) != 0 && err == 0) err = errno;
  if (!written || err != 0) fail(std::strerror(err != 0 ? err : EIO));
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) fail(ec.message());
  sync_folder_of(path);
}

}  // namespace shinrin::io
