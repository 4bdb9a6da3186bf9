#pragma once
// Reading a whole text input into memory, bounded (io module only; limits in input_limits.hpp).

#include <cstddef>
#include <string>

namespace shinrin::io {

//! The bytes of the file at `path`, at most `limit` of them. Throws InputError naming the file if
//! it cannot be opened or read ("<path>: cannot open the <noun> (<reason>)"), or if it holds more
//! than `limit` bytes ("<path>: ... larger than 16 MiB, the limit for a <kind>"): a regular file
//! is refused from its size before anything is read, anything else (a device such as /dev/zero,
//! a pipe) once `limit` + 1 bytes have been read.
std::string read_bounded(const std::string& path, std::size_t limit, const std::string& noun,
                         const std::string& kind);

}  // namespace shinrin::io
