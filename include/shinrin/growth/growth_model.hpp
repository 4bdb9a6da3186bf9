#pragma once
//! The growth-model interface and its factory.
//!
//! A growth model answers one question at load time: the stem volume [m3 ha-1] of a species on a
//! site class at a stand age. The engine tabulates the answer once per (species, site class)
//! curve (growth_table.hpp); no model code runs inside the yearly kernel. Models are registered by
//! name in make_growth_model(); process-based models plug in behind the same interface.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shinrin/core/provenance.hpp"

namespace shinrin::growth {

//! One growth curve: a species code and the register's site-class value (地位).
struct CurveKey {
  std::string species;
  int site_class = 0;
  bool operator==(const CurveKey&) const = default;
};

class GrowthModel {
 public:
  virtual ~GrowthModel() = default;
  //! Registered name, e.g. "richards".
  virtual std::string_view name() const = 0;
  //! Why the model cannot give a curve for `key` (e.g. "no yield table for hinoki site class 4"),
  //! or nullopt if it can.
  virtual std::optional<std::string> missing(const CurveKey& key) const = 0;
  //! Stem volume at `age` [m3 ha-1]. Precondition: missing(key) is nullopt.
  virtual double volume(const CurveKey& key, double age) const = 0;
  //! Parameters behind the curve of `key`, with status and source.
  virtual std::vector<ParameterRecord> provenance(const CurveKey& key) const = 0;
};

}  // namespace shinrin::growth
