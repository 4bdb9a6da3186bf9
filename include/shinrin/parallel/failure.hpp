#pragma once
//! A failure carried from one rank to the others: the engine's error type, its message and, for
//! a stop, the signal, so that every rank throws what the failing rank threw (and the program
//! exits with the same status on every rank: app/main.cpp maps the type to the status).

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

namespace shinrin::parallel {

struct Failure {
  //! The engine's error types (core/error.hpp), most derived first; internal = any other.
  enum class Kind : std::uint8_t {
    incomplete_results,
    input,
    model,
    output,
    interrupted,
    error,
    internal
  };
  Kind kind = Kind::internal;
  int signal = 0;  //!< for interrupted: the signal number
  std::string message;
};

//! What `error` (not null) is.
Failure describe(std::exception_ptr error);
//! Throws the exception `failure` describes.
[[noreturn]] void throw_failure(const Failure& failure);

//! Failure as bytes and back (kind, signal, message), to send between ranks.
std::vector<std::byte> encode(const Failure& failure);
Failure decode(const std::vector<std::byte>& bytes);

}  // namespace shinrin::parallel
