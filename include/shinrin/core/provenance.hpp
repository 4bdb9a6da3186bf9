#pragma once
//! Where a parameter value comes from and how sure we are of it.
//! The status tags are those of DOMAIN.md section 0:
//!   C  confirmed (stated in the cited source)
//!   C* confirmed by back-calculation of a cited worked example
//!   D  derived by us from confirmed inputs
//!   U  unconfirmed (commonly quoted, primary source not read)

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shinrin {

enum class Status { confirmed, confirmed_backcalc, derived, unconfirmed };

//! Parses "C", "C*", "D" or "U"; nullopt for anything else.
std::optional<Status> parse_status(std::string_view tag);
//! The tag as written in the data tables ("C", "C*", "D", "U").
std::string_view status_tag(Status s);

//! One parameter value as used by a run, with its unit and source.
struct ParameterRecord {
  std::string table;   //!< file the value came from (as given in the scenario)
  std::string key;     //!< what it belongs to, e.g. species code "sugi"
  std::string name;    //!< parameter name, e.g. "D"
  double value = 0.0;  //!< value in `unit`
  std::string unit;    //!< unit, e.g. "t m-3"
  Status status = Status::unconfirmed;
  std::string source;  //!< citation
};

//! Keeps only the records with status U.
std::vector<ParameterRecord> unconfirmed_only(const std::vector<ParameterRecord>& records);

}  // namespace shinrin
