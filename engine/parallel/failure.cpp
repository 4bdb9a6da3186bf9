#include "shinrin/parallel/failure.hpp"

#include <cstring>

#include "shinrin/core/error.hpp"

namespace shinrin::parallel {

Failure describe(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const IncompleteResultsError& e) {
    return {Failure::Kind::incomplete_results, 0, e.what()};
  } catch (const InputError& e) {
    return {Failure::Kind::input, 0, e.what()};
  } catch (const ModelError& e) {
    return {Failure::Kind::model, 0, e.what()};
  } catch (const OutputError& e) {
    return {Failure::Kind::output, 0, e.what()};
  } catch (const Interrupted& e) {
    return {Failure::Kind::interrupted, e.signal(), e.what()};
  } catch (const Error& e) {
    return {Failure::Kind::error, 0, e.what()};
  } catch (const std::exception& e) {
    return {Failure::Kind::internal, 0, e.what()};
  } catch (...) {
    return {Failure::Kind::internal, 0, "an exception that is not a std::exception"};
  }
}

void throw_failure(const Failure& f) {
  switch (f.kind) {
    case Failure::Kind::incomplete_results:
      throw IncompleteResultsError(f.message);
    case Failure::Kind::input:
      throw InputError(f.message);
    case Failure::Kind::model:
      throw ModelError(f.message);
    case Failure::Kind::output:
      throw OutputError(f.message);
    case Failure::Kind::interrupted:
      throw Interrupted(f.signal, f.message);
    case Failure::Kind::error:
      throw Error(f.message);
    case Failure::Kind::internal:
      break;
  }
  throw std::runtime_error(f.message);
}

std::vector<std::byte> encode(const Failure& f) {
  const std::int32_t head[2] = {static_cast<std::int32_t>(f.kind), f.signal};
  std::vector<std::byte> out(sizeof head + f.message.size());
  std::memcpy(out.data(), head, sizeof head);
  std::memcpy(out.data() + sizeof head, f.message.data(), f.message.size());
  return out;
}

Failure decode(const std::vector<std::byte>& bytes) {
  std::int32_t head[2] = {static_cast<std::int32_t>(Failure::Kind::internal), 0};
  Failure f;
  if (bytes.size() < sizeof head) {
    f.message = "a failure on another rank that could not be read";
    return f;
  }
  std::memcpy(head, bytes.data(), sizeof head);
  f.kind = static_cast<Failure::Kind>(head[0]);
  f.signal = head[1];
  f.message.assign(reinterpret_cast<const char*>(bytes.data()) + sizeof head,
                   bytes.size() - sizeof head);
  return f;
}

}  // namespace shinrin::parallel
