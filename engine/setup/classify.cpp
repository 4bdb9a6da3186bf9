#include "shinrin/setup/classify.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <string_view>
#include <tuple>

#include "shinrin/core/error.hpp"

namespace shinrin::setup {
namespace {

//! Upper bound of a register stem count [ha-1] (one stem per 100 cm2).
constexpr double kMaxStemsPerHa = 1e6;
//! Upper bound of a register stem volume [m3 ha-1].
constexpr double kMaxVolume = 1e5;
//! Upper bound of a register stand age [years]; older is an error.
constexpr double kMaxAge = 2000.0;
//! Register stand ages above this [years] are simulated with a warning, counted in the results.
constexpr double kPlausibleAge = kPlausibleAgeYears;
//! Upper bound of the area of one record [ha] (state/handling.hpp).
constexpr double kMaxAreaHa = kMaxRecordAreaHa;
//! Problems listed in full; the rest are counted.
constexpr std::size_t kMaxListed = 20;

std::optional<Storey> parse_storey(const std::string& v) {
  if (v.empty()) return Storey::single;
  if (v == "上層木" || v == "上層" || v == "upper") return Storey::upper;
  if (v == "下層木" || v == "下層" || v == "lower") return Storey::lower;
  return std::nullopt;
}

std::string list_counts(const std::map<std::string, long>& counts, const char* what) {
  std::string out;
  for (const auto& [name, n] : counts) {
    out += "\n  '" + (name.empty() ? std::string("(empty)") : name) + "': " + std::to_string(n) +
           " " + what;
  }
  return out;
}

//! Shortest text that reads back as v.
std::string num(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string_view storey_text(Storey s) {
  switch (s) {
    case Storey::upper:
      return "上層木";
    case Storey::lower:
      return "下層木";
    case Storey::single:
      break;
  }
  return "";
}

int fiscal_year(int year, int month) {
  return month >= 4 ? year : year - 1;
}

// Re-numbers names (indexes by first appearance) into sorted order; returns old -> new.
std::vector<std::uint16_t> sorted_order(const std::map<std::string, std::uint16_t>& index,
                                        std::vector<std::string>& names) {
  std::vector<std::uint16_t> remap(index.size());
  names.clear();
  for (const auto& [name, old] : index) {  // std::map iterates in name order
    remap[old] = static_cast<std::uint16_t>(names.size());
    names.push_back(name);
  }
  return remap;
}

}  // namespace

Classifier::Classifier(const io::Scenario& s, const SpeciesTable& species,
                       const std::map<std::string, io::AliasEntry>& aliases,
                       const std::map<std::string, io::LandClass>& forest_types,
                       std::vector<std::string> extra_fields)
    : s_(s), species_(species), aliases_(aliases), forest_types_(forest_types) {
  if (!s.unknown_species.empty()) {
    fallback_ = species.find(s.unknown_species);
    if (!fallback_) {
      throw InputError(s.unknown_species_origin + ": fallback species '" + s.unknown_species +
                       "' is not a species code of " + s.species_table);
    }
  }
  if (s.age_reference_year) fixed_shift_ = s.start_year - 1 - *s.age_reference_year;
  if (s.age_as_of)
    fixed_shift_ = s.start_year - 1 - fiscal_year(s.age_as_of->year, s.age_as_of->month);
  for (auto& f : extra_fields) out_.extra.push_back({std::move(f), {}, {}});
  extra_index_.resize(out_.extra.size());
}

void Classifier::record(const RawRecord& r) {
  const io::FieldMap& fm = s_.fields;
  auto label = [&] {
    return "parcel '" + (r.key.empty() ? "(no id)" : r.key) + "' (feature " +
           std::to_string(r.fid) + ")";
  };
  std::vector<std::string> bad;  // problems of this record
  auto invalid = [&](const char* engine, const std::string& source, const std::string& what) {
    bad.push_back(label() + ": field '" + engine + "' (source field '" + source + "'): " + what);
  };
  auto value_text = [](const RawNumber& n) { return n.valid ? num(n.value) : "'" + n.text + "'"; };

  // 1. Classification: which class the record falls in (species name, then forest type).
  Handling handling = Handling::simulated;
  std::size_t species_index = 0;
  bool known = true;
  if (const auto it = aliases_.find(r.species); it != aliases_.end()) {
    switch (it->second.land_class) {
      case io::LandClass::forest:
      case io::LandClass::natural_forest:
        species_index = it->second.species;
        break;
      case io::LandClass::bamboo:
        handling = Handling::bamboo;
        break;
      case io::LandClass::unstocked:
        handling = Handling::unstocked;
        break;
      case io::LandClass::non_forest:
        handling = Handling::non_forest;
        break;
    }
  } else if (fallback_) {
    handling = Handling::fallback_species;
    species_index = *fallback_;
  } else {
    ++unknown_species_[r.species];
    known = false;
  }
  if (!fm.forest_type.empty()) {
    const auto it = forest_types_.find(r.forest_type);
    if (it == forest_types_.end()) {
      ++unknown_forest_types_[r.forest_type];
      known = false;
    } else if (handling == Handling::simulated || handling == Handling::fallback_species) {
      if (it->second == io::LandClass::bamboo) handling = Handling::bamboo;
      if (it->second == io::LandClass::unstocked) handling = Handling::unstocked;
      if (it->second == io::LandClass::non_forest) handling = Handling::non_forest;
    }
  }
  if (!known) {  // reported in finish(); the key stays known so references to it say why
    if (!r.key.empty()) out_.other_keys.try_emplace(r.key, Handling::skipped_invalid);
    return;
  }
  const bool simulate = handling == Handling::simulated || handling == Handling::fallback_species;

  // 2. Records that are not simulated are counted in their class, whatever their other values: a
  // zero-area road or bamboo record is no reason to stop. Their area counts if it is a number in
  // [0, kMaxAreaHa] ha, else as 0 ha (with a warning).
  if (!simulate) {
    double ha = 0.0;
    std::string unusable;
    if (!fm.area.empty()) {
      if (r.area.present && r.area.valid && r.area.value >= 0.0 && r.area.value <= kMaxAreaHa) {
        ha = r.area.value;
      } else {
        unusable = "field 'area' (source field '" + fm.area +
                   "'): " + (r.area.present ? value_text(r.area) : std::string("missing value"));
      }
    } else if (r.geometry_problem.empty() && r.geometry_area_ha >= 0.0 &&
               r.geometry_area_ha <= kMaxAreaHa) {
      ha = r.geometry_area_ha;
    } else {
      unusable = r.geometry_problem.empty() ? "polygon area " + num(r.geometry_area_ha) + " ha"
                                            : r.geometry_problem;
    }
    if (!unusable.empty()) {
      ++out_.handling.unusable_area_records;
      warn(label() + " (" + std::string(handling_name(handling)) + ", not simulated): " + unusable +
           "; counted as 0 ha");
    }
    out_.handling.add(handling, ha);
    if (!r.key.empty()) out_.other_keys.try_emplace(r.key, handling);
    return;
  }

  // 3. Values of the records to simulate.
  std::vector<std::string> warnings;  // kept only if the record is simulated
  if (r.key.empty()) invalid("id", fm.id, "missing value; expected a register key");
  Storey storey = Storey::single;
  if (!fm.storey.empty()) {
    if (auto parsed = parse_storey(r.storey)) {
      storey = *parsed;
    } else {
      ++unknown_storeys_[r.storey];
      if (!r.key.empty()) out_.other_keys.try_emplace(r.key, Handling::skipped_invalid);
      return;  // reported in finish()
    }
  }

  double area_ha = std::numeric_limits<double>::quiet_NaN();
  const std::string area_range = "expected an area in (0, " + num(kMaxAreaHa) + "] ha";
  if (!fm.area.empty()) {
    if (!r.area.present || !r.area.valid) {
      invalid("area", fm.area,
              r.area.present ? value_text(r.area) + " is not a number; " + area_range
                             : "missing value; " + area_range);
    } else if (r.area.value <= 0.0 || r.area.value > kMaxAreaHa) {
      invalid("area", fm.area, num(r.area.value) + " ha; " + area_range);
    } else {
      area_ha = r.area.value;
    }
  } else if (!r.geometry_problem.empty()) {
    bad.push_back(label() + ": " + r.geometry_problem);
  } else if (!(r.geometry_area_ha > 0.0) || r.geometry_area_ha > kMaxAreaHa) {
    bad.push_back(label() + ": polygon area is " + num(r.geometry_area_ha) + " ha; " + area_range);
  } else {
    area_ha = r.geometry_area_ha;
  }

  int age_years = 0;
  float volume = -1.0f, stems_per_ha = -1.0f;
  std::int32_t site_class = 0;
  int shift = fixed_shift_;
  if (!fm.as_of.empty()) {
    if (!r.as_of.present) {
      invalid("as_of", fm.as_of, "missing value; expected the date of the register snapshot");
    } else if (!r.as_of.valid) {
      invalid("as_of", fm.as_of,
              "'" + r.as_of.text + "' is not a date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)");
    } else {
      const int fy = fiscal_year(r.as_of.year, r.as_of.month);
      if (fy > s_.start_year - 1) {
        invalid("as_of", fm.as_of,
                "snapshot in fiscal year " + std::to_string(fy) +
                    ", after the initial state (end of fiscal year " +
                    std::to_string(s_.start_year - 1) + ")");
      }
      shift = s_.start_year - 1 - fy;
    }
  }
  const std::string age_range =
      "expected an age in [0, " + num(kMaxAge) + "] years (a whole number)";
  if (!r.age.present) {
    invalid("age", fm.age, "missing value; " + age_range);
  } else if (!r.age.valid) {
    invalid("age", fm.age, value_text(r.age) + " is not a number; " + age_range);
  } else if (r.age.value != std::floor(r.age.value)) {
    invalid("age", fm.age, num(r.age.value) + " is not a whole number; " + age_range);
  } else if (r.age.value < 0.0 || r.age.value > kMaxAge) {
    invalid("age", fm.age, num(r.age.value) + "; " + age_range);
  } else {
    age_years = static_cast<int>(r.age.value) + shift;
    if (r.age.value > kPlausibleAge) {
      warnings.push_back(label() + ": field 'age' (source field '" + fm.age +
                         "'): " + num(r.age.value) + " years is above " + num(kPlausibleAge) +
                         " (implausible for a managed register; simulated as given)");
    }
  }
  if (r.volume.present) {
    if (!r.volume.valid || r.volume.value < 0.0 || r.volume.value > kMaxVolume) {
      invalid("volume", fm.volume,
              value_text(r.volume) + "; expected a stem volume in [0, 100000] m3 ha-1");
    } else {
      volume = static_cast<float>(r.volume.value);
    }
  }
  if (r.stems.present) {
    if (!r.stems.valid || r.stems.value < 0.0 || r.stems.value > kMaxStemsPerHa) {
      invalid("stems", fm.stems, value_text(r.stems) + "; expected stems in [0, 1000000] ha-1");
    } else {
      stems_per_ha = static_cast<float>(r.stems.value);
    }
  }
  if (r.site_class.present) {
    if (!r.site_class.valid || r.site_class.value != std::floor(r.site_class.value) ||
        std::abs(r.site_class.value) > 1e6) {
      invalid("site_class", fm.site_class,
              value_text(r.site_class) + "; expected an integer site class");
    } else {
      site_class = static_cast<std::int32_t>(r.site_class.value);
    }
  }

  const bool need_location = s_.fuel && s_.fuel->epsg.has_value();
  if (need_location && !r.located) bad.push_back(label() + ": " + r.location_problem);

  if (!bad.empty()) {
    problem_count_ += static_cast<long>(bad.size());
    for (auto& b : bad) {
      if (problems_.size() < kMaxListed) problems_.push_back(std::move(b));
    }
    // An invalid area (missing, not finite, <= 0, above the bound) counts as 0 ha.
    out_.handling.add(Handling::skipped_invalid,
                      std::isfinite(area_ha) && area_ha <= kMaxAreaHa ? area_ha : 0.0);
    if (!r.key.empty()) out_.other_keys.try_emplace(r.key, Handling::skipped_invalid);
    return;
  }
  out_.handling.add(handling, area_ha);
  if (!warnings.empty()) ++out_.handling.implausible_age_records;
  for (auto& w : warnings) warn(std::move(w));

  const std::string& m = !r.municipality.empty()    ? r.municipality
                         : !s_.municipality.empty() ? s_.municipality
                                                    : std::string("(unnamed)");
  auto index_of = [](std::map<std::string, std::uint16_t>& index, const std::string& name,
                     std::size_t limit, const char* what) {
    const auto [it, inserted] = index.try_emplace(name, static_cast<std::uint16_t>(index.size()));
    if (inserted && index.size() > limit)
      throw InputError(std::string("more than ") + std::to_string(limit) + " " + what);
    return it->second;
  };
  ParcelRow row;
  row.key = r.key;
  row.source_fid = r.fid;
  row.source_pos = simulated_++;
  row.area_ha = area_ha;
  row.species = static_cast<std::uint16_t>(species_index);
  row.municipality = index_of(municipality_index_, m, 65535, "municipalities");
  row.site_class = site_class;
  row.storey = storey;
  row.fallback = handling == Handling::fallback_species;
  row.forest_type =
      static_cast<std::uint8_t>(index_of(forest_type_index_, r.forest_type, 255, "forest types"));
  row.register_species =
      index_of(register_species_index_, r.species, 65535, "distinct register species names");
  row.age = static_cast<std::int16_t>(age_years);
  row.volume_initial = volume;
  row.stems_initial = stems_per_ha;
  row.located = need_location;
  row.x = r.x;
  row.y = r.y;
  out_.parcels.append(row);
  for (std::size_t k = 0; k < out_.extra.size(); ++k) {
    out_.extra[k].of_row.push_back(
        index_of(extra_index_[k], r.extra[k], 65534, "values of a planning-unit field"));
  }
}

void Classifier::warn(std::string text) {
  ++warning_count_;
  if (out_.warnings.size() < kMaxListed) out_.warnings.push_back(std::move(text));
}

Classified Classifier::finish(const std::string& layer) {
  out_.layer = layer;
  const std::string where = s_.parcels_path + " layer '" + layer + "'";
  std::string msg;
  if (!unknown_species_.empty()) {
    msg += "\nspecies names not in " + s_.alias_table +
           " (add rows there, or map them to a fallback species with parcels.unknown_species or "
           "--unknown-species GROUP):" +
           list_counts(unknown_species_, "records");
  }
  if (!unknown_forest_types_.empty()) {
    msg += "\nforest types not in " + s_.forest_type_table + ":" +
           list_counts(unknown_forest_types_, "records");
  }
  if (!unknown_storeys_.empty()) {
    msg += "\nstorey values not understood (expected 上層木, 下層木 or empty):" +
           list_counts(unknown_storeys_, "records");
  }
  if (problem_count_ > 0 && s_.invalid_values == io::InvalidPolicy::error) {
    msg += "\ninvalid values (" + std::to_string(problem_count_) +
           "; set parcels.invalid_values: skip to skip and count such records):";
    for (const auto& p : problems_) msg += "\n  " + p;
    if (problem_count_ > static_cast<long>(problems_.size())) {
      msg += "\n  ... and " + std::to_string(problem_count_ - static_cast<long>(problems_.size())) +
             " more";
    }
  }
  // Register keys name parcels in event lists, projects and outputs: two simulated records may
  // share one only when the storey field tells them apart (上層木 / 下層木).
  {
    const Landscape& p = out_.parcels;
    std::vector<std::size_t> rows(p.size());
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    // By the hash of (key, storey) first: (hash, row) pairs, contiguous in memory, then each run
    // of equal hashes by the whole tie (a total order: the feature id differs), so the strings
    // are compared only on equal hashes.
    auto less = [&](std::size_t a, std::size_t b) {
      return std::tie(p.key_hash[a], p.key[a], p.storey[a], p.source_fid[a]) <
             std::tie(p.key_hash[b], p.key[b], p.storey[b], p.source_fid[b]);
    };
    std::vector<std::pair<std::uint64_t, std::size_t>> by_hash(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) by_hash[i] = {p.key_hash[i], i};
    std::sort(by_hash.begin(), by_hash.end());
    for (std::size_t i = 0; i < p.size(); ++i) rows[i] = by_hash[i].second;
    for (std::size_t first = 0; first < rows.size();) {
      std::size_t last = first + 1;
      while (last < rows.size() && by_hash[last].first == by_hash[first].first) ++last;
      if (last - first > 1) std::sort(rows.begin() + long(first), rows.begin() + long(last), less);
      first = last;
    }
    long repeated = 0;
    std::string listed;
    for (std::size_t k = 0; k < rows.size();) {
      std::size_t e = k + 1;
      while (e < rows.size() && p.key[rows[e]] == p.key[rows[k]] &&
             p.storey[rows[e]] == p.storey[rows[k]])
        ++e;
      if (e - k > 1) {
        if (++repeated <= static_cast<long>(kMaxListed)) {
          std::string fids;
          for (std::size_t j = k; j < e; ++j)
            fids += (j > k ? ", " : "") + std::to_string(p.source_fid[rows[j]]);
          listed += "\n  parcel '" + p.key[rows[k]] + "' (features " + fids +
                    "): " + std::to_string(e - k) + " records" +
                    (s_.fields.storey.empty() ? std::string()
                     : p.storey[rows[k]] == Storey::single
                         ? std::string(" without a storey value")
                         : " with storey '" + std::string(storey_text(p.storey[rows[k]])) + "'");
        }
      }
      k = e;
    }
    if (repeated > 0) {
      msg += "\nregister keys given to more than one simulated record (" +
             std::to_string(repeated) + " keys; field '" + s_.fields.id + "'" +
             (!s_.fields.storey.empty()
                  ? ", and the storey field '" + s_.fields.storey + "' does not tell them apart"
                  : std::string(", and no storey field is mapped")) +
             "):" + listed;
      if (repeated > static_cast<long>(kMaxListed)) {
        msg += "\n  ... and " + std::to_string(repeated - static_cast<long>(kMaxListed)) + " more";
      }
    }
  }
  if (!msg.empty()) out_.problems = where + ": cannot simulate these records:" + msg;
  out_.warning_count = warning_count_;

  // Names in sorted order, so that indexes do not depend on the order of records.
  Landscape& p = out_.parcels;
  const auto muni = sorted_order(municipality_index_, p.municipality_names);
  for (auto& m : p.municipality) m = muni[m];
  const auto ftype = sorted_order(forest_type_index_, p.forest_type_names);
  for (auto& f : p.forest_type) f = static_cast<std::uint8_t>(ftype[f]);
  const auto rspecies = sorted_order(register_species_index_, p.register_species_names);
  for (auto& r : p.register_species) r = rspecies[r];
  for (std::size_t k = 0; k < out_.extra.size(); ++k) {
    const auto remap = sorted_order(extra_index_[k], out_.extra[k].names);
    for (auto& v : out_.extra[k].of_row) v = remap[v];
  }
  return std::move(out_);
}

std::vector<std::uint8_t> natural_forest_types(const Landscape& parcels,
                                               const std::map<std::string, io::LandClass>& types) {
  std::vector<std::uint8_t> natural(parcels.forest_type_names.size(), 0);
  for (std::size_t k = 0; k < natural.size(); ++k) {
    const auto it = types.find(parcels.forest_type_names[k]);
    natural[k] = it != types.end() && it->second == io::LandClass::natural_forest;
  }
  return natural;
}

}  // namespace shinrin::setup
