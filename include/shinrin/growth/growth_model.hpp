#pragma once
//! The growth-model interface and its factory.
//!
//! A growth model answers one question at load time: the stem volume [m3 ha-1] of a species on a
//! site class at a stand age. The engine tabulates the answer once per (species, site class)
//! curve (growth_table.hpp); no model code runs inside the yearly kernel. Models are registered by
//! name in make_growth_model(); process-based models plug in behind the same interface.

#include <limits>
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

//! The ages a curve rests on data, and how the curve goes on past them. Runs count the parcels
//! that go past last_age (past_data.hpp).
struct DataRange {
  //! Last stand age the curve rests on data [years]; +inf when the curve is defined at every age
  //! and records no range of ages (a Richards curve).
  double last_age = std::numeric_limits<double>::infinity();
  std::string continuation;              //!< the rule past last_age, one line for reports
  bool fallback = false;                 //!< true where the model's rule could not be applied
  std::vector<ParameterRecord> records;  //!< parameters of the continuation, status and source
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
  //! The data range of the curve of `key` and its continuation. Precondition: missing(key) is
  //! nullopt.
  virtual DataRange data_range(const CurveKey& key) const = 0;
  //! How every curve of the model goes on past its data, one sentence for reports.
  virtual std::string_view extension_rule() const = 0;
};

}  // namespace shinrin::growth
