#pragma once
//! Growth model 2: yield tables (収穫表), one curve per species and site class, interpolated as
//! described in yield_table.hpp, and continued past their last age by table_extension.hpp.

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
  //! Parameters of the extension past the last age (its fitted A, k, c), with status and source.
  std::vector<ParameterRecord> extension_records;
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
  DataRange data_range(const CurveKey& key) const override;
  std::string_view extension_rule() const override {
    return "past the last age L of a table: V(a) = V_L + R(a) - R(L), R the Richards curve fitted "
           "to the table's rows; flat (V_L) where no curve can be fitted";
  }

 private:
  const YieldTableCurve* find(const CurveKey& key) const;
  std::map<Key, YieldTableCurve> curves_;
};

}  // namespace shinrin::growth
