#include "shinrin/growth/yield_table_model.hpp"

#include "shinrin/core/error.hpp"

namespace shinrin::growth {

YieldTableModel::YieldTableModel(std::map<Key, YieldTableCurve> curves)
    : curves_(std::move(curves)) {}

const YieldTableCurve* YieldTableModel::find(const CurveKey& key) const {
  if (auto it = curves_.find({key.species, key.site_class}); it != curves_.end())
    return &it->second;
  if (auto it = curves_.find({key.species, kAnySiteClass}); it != curves_.end()) return &it->second;
  return nullptr;
}

std::optional<std::string> YieldTableModel::missing(const CurveKey& key) const {
  if (find(key) != nullptr) return std::nullopt;
  std::string classes;
  for (const auto& [k, curve] : curves_) {
    if (k.first == key.species) classes += (classes.empty() ? "" : ", ") + std::to_string(k.second);
  }
  return "no yield table for species '" + key.species + "' site class " +
         std::to_string(key.site_class) +
         (classes.empty() ? " (the table has no rows for this species)"
                          : " (site classes in the table: " + classes + ")");
}

double YieldTableModel::volume(const CurveKey& key, double age) const {
  const YieldTableCurve* c = find(key);
  if (c == nullptr) throw Error(*missing(key));
  return c->table.volume_at(age);
}

std::vector<ParameterRecord> YieldTableModel::provenance(const CurveKey& key) const {
  const YieldTableCurve* c = find(key);
  return c == nullptr ? std::vector<ParameterRecord>{} : c->records;
}

DataRange YieldTableModel::data_range(const CurveKey& key) const {
  const YieldTableCurve* c = find(key);
  if (c == nullptr) throw Error(*missing(key));
  const TableExtension& e = c->table.extension();
  DataRange r;
  r.last_age = e.last_age();
  r.continuation = e.describe();
  r.fallback = e.rule() == TableExtension::Rule::flat;
  r.records = c->extension_records;
  return r;
}

}  // namespace shinrin::growth
