#pragma once
// Internal (io module): register text as the parcel reader compares it.

#include <string_view>

namespace shinrin::io {

//! `v` without ASCII white space and the ideographic space U+3000 (UTF-8 E3 80 80) at both ends:
//! registers pad codes and names with either.
inline std::string_view trim_register_text(std::string_view v) {
  constexpr std::string_view kWide = "\u3000";
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  for (;;) {
    if (!v.empty() && space(v.front())) {
      v.remove_prefix(1);
    } else if (v.substr(0, kWide.size()) == kWide) {
      v.remove_prefix(kWide.size());
    } else if (!v.empty() && space(v.back())) {
      v.remove_suffix(1);
    } else if (v.size() >= kWide.size() && v.substr(v.size() - kWide.size()) == kWide) {
      v.remove_suffix(kWide.size());
    } else {
      return v;
    }
  }
}

}  // namespace shinrin::io
