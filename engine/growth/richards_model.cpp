#include "shinrin/growth/richards_model.hpp"

#include "shinrin/core/error.hpp"

namespace shinrin::growth {

const SiteClassFactor* SiteClassScheme::find(int site_class) const {
  const auto it = by_class.find(site_class);
  if (it != by_class.end()) return &it->second;
  return any_class ? &*any_class : nullptr;
}

RichardsModel::RichardsModel(std::map<std::string, RichardsCurve> curves, SiteClassScheme scheme)
    : curves_(std::move(curves)), scheme_(std::move(scheme)) {}

std::optional<std::string> RichardsModel::missing(const CurveKey& key) const {
  if (!curves_.contains(key.species)) {
    return "no Richards curve for species '" + key.species + "'";
  }
  if (scheme_.find(key.site_class) == nullptr) {
    return "site-class scheme '" + scheme_.name + "' has no row for site class " +
           std::to_string(key.site_class);
  }
  return std::nullopt;
}

double RichardsModel::volume(const CurveKey& key, double age) const {
  const auto it = curves_.find(key.species);
  const SiteClassFactor* f = scheme_.find(key.site_class);
  if (it == curves_.end() || f == nullptr) throw Error(*missing(key));
  return f->factor * richards_volume(it->second.params, age);
}

std::vector<ParameterRecord> RichardsModel::provenance(const CurveKey& key) const {
  std::vector<ParameterRecord> out;
  if (const auto it = curves_.find(key.species); it != curves_.end()) out = it->second.records;
  if (const SiteClassFactor* f = scheme_.find(key.site_class)) out.push_back(f->record);
  return out;
}

DataRange RichardsModel::data_range(const CurveKey&) const {
  DataRange r;  // last_age = +inf: defined at every age, no fitted range recorded
  r.continuation =
      "the Richards curve itself, defined at every age (its table records no range of fitted "
      "ages)";
  return r;
}

}  // namespace shinrin::growth
