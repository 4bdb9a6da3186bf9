#pragma once
//! Growth model 1: a Richards curve per species, scaled per site class.
//!
//! Site classes scale the asymptote only (anamorphic curves, the guide-curve method behind most
//! Japanese site-index families):
//!   V_s(t) = f_s x A (1 - exp(-k t))^c
//! so every site class of a species reaches its maximum mean annual increment at the same age and
//! f_s is the ratio of its volumes to the site-average curve at every age. f_s comes from a
//! scheme in data/site_classes.csv; a row with site class "*" covers every value.
//!
//! Data range: the curve is defined at every age and is its own continuation. The curves of
//! data/richards_curves.csv were derived from summary statistics (asymptote, age and size of the
//! maximum mean annual increment, DOMAIN.md 6.2), not fitted to (age, volume) points, and the
//! ages of the 28 yield tables behind them are not known here, so no parcel counts as past its
//! data (data_range().last_age = +inf).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shinrin/growth/growth_model.hpp"
#include "shinrin/growth/richards.hpp"

namespace shinrin::growth {

struct RichardsCurve {
  RichardsParams params;
  std::vector<ParameterRecord> records;  //!< provenance of A, k, c
};

struct SiteClassFactor {
  double factor = 1.0;  //!< multiplier of the asymptote A [1]
  ParameterRecord record;
};

//! Asymptote factors of one site-class scheme.
struct SiteClassScheme {
  std::string name;
  std::map<int, SiteClassFactor> by_class;
  std::optional<SiteClassFactor> any_class;  //!< the "*" row, if the scheme has one
  //! Factor for `site_class`, or nullptr if the scheme does not cover it.
  const SiteClassFactor* find(int site_class) const;
};

class RichardsModel final : public GrowthModel {
 public:
  RichardsModel(std::map<std::string, RichardsCurve> curves, SiteClassScheme scheme);
  std::string_view name() const override { return "richards"; }
  std::optional<std::string> missing(const CurveKey& key) const override;
  double volume(const CurveKey& key, double age) const override;
  std::vector<ParameterRecord> provenance(const CurveKey& key) const override;
  DataRange data_range(const CurveKey& key) const override;
  std::string_view extension_rule() const override {
    return "Richards curves are defined at every age and continue as themselves; the curve table "
           "records no range of fitted ages, so no parcel counts as past its data";
  }

 private:
  std::map<std::string, RichardsCurve> curves_;
  SiteClassScheme scheme_;
};

}  // namespace shinrin::growth
