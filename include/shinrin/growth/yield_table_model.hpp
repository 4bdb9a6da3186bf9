#pragma once
//! Growth model 2: yield tables (収穫表), one curve per species and site class, interpolated as
//! described in yield_table.hpp.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "shinrin/growth/growth_model.hpp"
#include "shinrin/growth/yield_table.hpp"

namespace shinrin::growth {

struct YieldTableCurve {
  YieldTable table;
  std::vector<ParameterRecord> records;  //!< one per tabulated volume
};

class YieldTableModel final : public GrowthModel {
 public:
  using Key = std::pair<std::string, int>;  //!< (species code, site class)
  //! Site class of a curve that applies to every site class of its species.
  static constexpr int kAnySiteClass = -2147483647;
  explicit YieldTableModel(std::map<Key, YieldTableCurve> curves);
  std::string_view name() const override { return "yield_table"; }
  std::optional<std::string> missing(const CurveKey& key) const override;
  double volume(const CurveKey& key, double age) const override;
  std::vector<ParameterRecord> provenance(const CurveKey& key) const override;

 private:
  const YieldTableCurve* find(const CurveKey& key) const;
  std::map<Key, YieldTableCurve> curves_;
};

}  // namespace shinrin::growth
