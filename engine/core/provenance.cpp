#include "shinrin/core/provenance.hpp"

namespace shinrin {

std::optional<Status> parse_status(std::string_view tag) {
  if (tag == "C") return Status::confirmed;
  if (tag == "C*") return Status::confirmed_backcalc;
  if (tag == "D") return Status::derived;
  if (tag == "U") return Status::unconfirmed;
  return std::nullopt;
}

std::string_view status_tag(Status s) {
  switch (s) {
    case Status::confirmed:
      return "C";
    case Status::confirmed_backcalc:
      return "C*";
    case Status::derived:
      return "D";
    case Status::unconfirmed:
      return "U";
  }
  return "U";
}

std::vector<ParameterRecord> unconfirmed_only(const std::vector<ParameterRecord>& records) {
  std::vector<ParameterRecord> out;
  for (const auto& r : records) {
    if (r.status == Status::unconfirmed) out.push_back(r);
  }
  return out;
}

}  // namespace shinrin
