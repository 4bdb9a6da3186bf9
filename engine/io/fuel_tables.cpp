#include "shinrin/io/fuel_tables.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "shinrin/core/error.hpp"
#include "shinrin/io/csv.hpp"

namespace shinrin::io {
namespace {

//! `v` with seven significant digits, for messages.
std::string num(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 7);
  return std::string(buf, r.ptr);
}

std::string joined(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// --- fuel_factors.csv --------------------------------------------------------------------------

//! Derived factors in the file must agree with the computed ones to this relative difference [1].
constexpr double kDerivedTolerance = 1e-5;

//! "kL-1", "(1000 Nm3)-1": the reciprocal of a fuel unit, for record units.
std::string per(const std::string& unit) {
  return unit.find(' ') == std::string::npos ? unit + "-1" : "(" + unit + ")-1";
}

//! Fuel and vintage names: lower-case letters, digits and '_'.
void check_name(const CsvTable& t, const CsvTable::Row& row, std::size_t col) {
  const std::string& s = t.text(row, col);
  const bool ok = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!ok) {
    throw InputError(t.where(row, col) + ": '" + s +
                     "' is not a name of lower-case letters, digits and '_'");
  }
}

struct FactorColumns {
  std::size_t fuel, vintage, unit, basis, stated, hv, hv_status, c, c_status, gj, gj_status,
      per_unit, per_unit_status, lhv, lhv_status, source;
};

//! One of the three factor columns: its form, its value and status columns, and its field.
struct FactorCell {
  fuel::FactorForm form;
  std::size_t value, status;
  double fuel::FossilFactor::*field;
};

//! Whether the factor `cell` computed from the factor `stated` also needs the heating value: the
//! carbon factor and CO2/GJ of a list-form row come from CO2/GJ alone; CO2/unit, and anything
//! computed from it, also depend on the heating value.
bool needs_heating_value(fuel::FactorForm cell, fuel::FactorForm stated) {
  return cell == fuel::FactorForm::co2_per_unit || stated == fuel::FactorForm::co2_per_unit;
}

//! Status of the factor `cell` of a row whose source states `stated`: the stated one keeps its
//! own; a computed one is D when everything it comes from is C, C* or D, and U otherwise.
Status factor_status(fuel::FactorForm cell, fuel::FactorForm stated, Status hv_status,
                     Status stated_status) {
  if (cell == stated) return stated_status;
  const bool unconfirmed = stated_status == Status::unconfirmed ||
                           (needs_heating_value(cell, stated) && hv_status == Status::unconfirmed);
  return unconfirmed ? Status::unconfirmed : Status::derived;
}

//! Reads the hhv_to_lhv cells of `row` into `f`: both empty, or a factor in (0, 1] and its
//! status (returned), never on an electric row.
std::optional<Status> read_hhv_to_lhv(const CsvTable& t, const CsvTable::Row& row,
                                      const FactorColumns& col, fuel::FossilFactor& f) {
  if (t.text(row, col.lhv).empty()) {
    if (!t.text(row, col.lhv_status).empty()) {
      throw InputError(t.where(row, col.lhv_status) +
                       ": a status without a hhv_to_lhv value (leave both empty or give both)");
    }
    return std::nullopt;
  }
  f.hhv_to_lhv = t.positive(row, col.lhv);
  if (*f.hhv_to_lhv > 1.0) {
    throw InputError(t.where(row, col.lhv) + ": " + t.text(row, col.lhv) +
                     " must be <= 1 (LHV / HHV)");
  }
  if (f.basis == fuel::EnergyBasis::electric) {
    throw InputError(t.where(row, col.lhv) +
                     ": electricity has no combustion basis; leave hhv_to_lhv empty");
  }
  return t.status(row, col.lhv_status);
}

}  // namespace

FossilFactorTable::FossilFactorTable(std::string path, std::vector<fuel::FossilFactor> factors,
                                     std::vector<std::vector<ParameterRecord>> records)
    : path_(std::move(path)), factors_(std::move(factors)), records_(std::move(records)) {}

const fuel::FossilFactor* FossilFactorTable::find(std::string_view fuel,
                                                  std::string_view vintage) const {
  for (const auto& f : factors_) {
    if (f.fuel == fuel && f.vintage == vintage) return &f;
  }
  return nullptr;
}

std::size_t FossilFactorTable::index(std::string_view fuel, std::string_view vintage) const {
  for (std::size_t i = 0; i < factors_.size(); ++i) {
    if (factors_[i].fuel == fuel && factors_[i].vintage == vintage) return i;
  }
  std::set<std::string> fuels, vintages, of_fuel;
  for (const auto& f : factors_) {
    fuels.insert(f.fuel);
    vintages.insert(f.vintage);
    if (f.fuel == fuel) of_fuel.insert(f.vintage);
  }
  std::string msg = path_ + ": no factor for fuel '" + std::string(fuel) + "' in vintage '" +
                    std::string(vintage) + "' (";
  if (!of_fuel.empty()) msg += std::string(fuel) + " has vintages: " + joined(of_fuel) + "; ";
  throw InputError(msg + "fuels: " + joined(fuels) + "; vintages: " + joined(vintages) + ")");
}

const fuel::FossilFactor& FossilFactorTable::get(std::string_view fuel,
                                                 std::string_view vintage) const {
  return factors_[index(fuel, vintage)];
}

std::span<const ParameterRecord> FossilFactorTable::provenance(std::string_view fuel,
                                                               std::string_view vintage) const {
  return records_[index(fuel, vintage)];
}

std::vector<ParameterRecord> FossilFactorTable::records() const {
  std::vector<ParameterRecord> out;
  for (const auto& r : records_) out.insert(out.end(), r.begin(), r.end());
  return out;
}

std::vector<std::string> FossilFactorTable::fuels() const {
  std::set<std::string> s;
  for (const auto& f : factors_) s.insert(f.fuel);
  return {s.begin(), s.end()};
}

std::vector<std::string> FossilFactorTable::vintages() const {
  std::set<std::string> s;
  for (const auto& f : factors_) s.insert(f.vintage);
  return {s.begin(), s.end()};
}

FossilFactorTable load_fossil_factor_table(const std::string& path) {
  const CsvTable t = CsvTable::read(path);
  const FactorColumns col{t.column("fuel"),
                          t.column("vintage"),
                          t.column("unit"),
                          t.column("basis"),
                          t.column("stated"),
                          t.column("heating_value"),
                          t.column("heating_value_status"),
                          t.column("carbon_factor"),
                          t.column("carbon_factor_status"),
                          t.column("co2_per_gj"),
                          t.column("co2_per_gj_status"),
                          t.column("co2_per_unit"),
                          t.column("co2_per_unit_status"),
                          t.column("hhv_to_lhv"),
                          t.column("hhv_to_lhv_status"),
                          t.column("source")};
  const std::array<FactorCell, 3> cells = {{
      {fuel::FactorForm::carbon_factor, col.c, col.c_status, &fuel::FossilFactor::carbon_factor},
      {fuel::FactorForm::co2_per_gj, col.gj, col.gj_status, &fuel::FossilFactor::co2_per_gj},
      {fuel::FactorForm::co2_per_unit, col.per_unit, col.per_unit_status,
       &fuel::FossilFactor::co2_per_unit},
  }};

  std::vector<fuel::FossilFactor> factors;
  std::vector<std::vector<ParameterRecord>> records;
  std::map<std::pair<std::string, std::string>, int> line_of;
  for (const auto& row : t.rows()) {
    check_name(t, row, col.fuel);
    check_name(t, row, col.vintage);
    fuel::FossilFactor f;
    f.fuel = t.text(row, col.fuel);
    f.vintage = t.text(row, col.vintage);
    if (auto it = line_of.find({f.fuel, f.vintage}); it != line_of.end()) {
      throw InputError(t.where(row, col.vintage) + ": " + f.fuel + " in vintage " + f.vintage +
                       " is given again (first on line " + std::to_string(it->second) + ")");
    }
    line_of[{f.fuel, f.vintage}] = row.line;
    f.unit = t.text(row, col.unit);
    if (f.unit.empty()) throw InputError(t.where(row, col.unit) + ": empty unit");
    const auto basis = fuel::parse_basis(t.text(row, col.basis));
    if (!basis) {
      throw InputError(t.where(row, col.basis) + ": basis '" + t.text(row, col.basis) +
                       "' is not one of HHV, LHV, electric");
    }
    f.basis = *basis;
    const auto stated = fuel::parse_factor_form(t.text(row, col.stated));
    if (!stated) {
      throw InputError(t.where(row, col.stated) + ": '" + t.text(row, col.stated) +
                       "' is not one of carbon_factor, co2_per_gj, co2_per_unit");
    }
    f.stated = *stated;
    f.heating_value = t.positive(row, col.hv);
    const Status hv_status = t.status(row, col.hv_status);
    const FactorCell& stated_cell = cells[static_cast<std::size_t>(f.stated)];
    f.*stated_cell.field = t.positive(row, stated_cell.value);
    const Status stated_status = t.status(row, stated_cell.status);

    const std::optional<Status> lhv_status = read_hhv_to_lhv(t, row, col, f);
    f.status = factor_status(fuel::FactorForm::co2_per_unit, f.stated, hv_status, stated_status);
    f.source = t.text(row, col.source);
    f = fuel::make_fossil_factor(std::move(f));

    const std::string key = f.fuel + " " + f.vintage;
    const std::array<std::string, 3> cell_units = {"t C GJ-1", "t CO2 GJ-1",
                                                   "t CO2 " + per(f.unit)};
    std::vector<ParameterRecord> recs;
    recs.push_back(
        {path, key, "heating_value", f.heating_value, "GJ " + per(f.unit), hv_status, f.source});
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const FactorCell& cell = cells[i];
      const double computed = f.*cell.field;
      const Status st = factor_status(cell.form, f.stated, hv_status, stated_status);
      if (cell.form != f.stated) {
        const std::string from =
            std::string(fuel::factor_form_name(f.stated)) +
            (needs_heating_value(cell.form, f.stated) ? " and heating_value" : "");
        const double written = t.positive(row, cell.value);
        if (std::abs(written - computed) > kDerivedTolerance * computed) {
          throw InputError(t.where(row, cell.value) + ": " + t.text(row, cell.value) +
                           " does not agree with " + num(computed) + " computed from " + from +
                           " (to 1 part in 10^5)");
        }
        if (t.status(row, cell.status) != st) {
          throw InputError(t.where(row, cell.status) + ": a value computed from " + from +
                           " has status " + std::string(status_tag(st)) + ", not " +
                           t.text(row, cell.status));
        }
      }
      recs.push_back({path, key, std::string(fuel::factor_form_name(cell.form)), computed,
                      cell_units[i], st, f.source});
    }
    if (f.hhv_to_lhv) {
      recs.push_back({path, key, "hhv_to_lhv", *f.hhv_to_lhv, "1", *lhv_status, f.source});
    }
    factors.push_back(std::move(f));
    records.push_back(std::move(recs));
  }
  if (factors.empty()) throw InputError(path + ": no factor rows");
  return FossilFactorTable(path, std::move(factors), std::move(records));
}

// --- wood_fuel.csv -----------------------------------------------------------------------------

namespace {

constexpr double kNoMax = std::numeric_limits<double>::infinity();

//! One required row of wood_fuel.csv: its unit and the largest value it may take (all are > 0).
struct WoodParam {
  std::string_view item, parameter, unit;
  double max = kNoMax;
};

constexpr auto kWoodParams = std::to_array<WoodParam>({
    {"dry_wood", "hhv", "MJ kg-1"},
    {"conifer", "hhv", "MJ kg-1"},
    {"broadleaf", "hhv", "MJ kg-1"},
    {"sundberg", "q_dry_net", "MJ kg-1"},
    {"sundberg", "latent_heat", "MJ kg-1"},
    {"lhv_line", "intercept", "MJ kg-1"},
    {"lhv_line", "slope", "MJ kg-1 %-1"},
    {"semi_dry_chips", "moisture_wet", "%", 99.0},
    {"oil_boiler", "efficiency_low", "1", 1.0},
    {"oil_boiler", "efficiency_high", "1", 1.0},
    {"chip_boiler", "efficiency_low", "1", 1.0},
    {"chip_boiler", "efficiency_high", "1", 1.0},
    {"firewood_gasification_boiler", "efficiency_low", "1", 1.0},
    {"firewood_gasification_boiler", "efficiency_high", "1", 1.0},
    {"hinohara_firewood", "pallet_volume", "m3 stacked"},
    {"hinohara_firewood", "pallet_mass", "t"},
    {"hinohara_firewood", "stacked_density", "t (m3 stacked)-1"},
    {"hinohara_firewood", "billet_length", "m"},
    {"hinohara_firewood", "seasoning_min", "month"},
    {"hinohara_firewood", "seasoning_max", "month"},
    {"hinohara_firewood", "logs_per_year", "t yr-1"},
    {"hinohara_firewood", "firewood_per_year", "t yr-1"},
    {"hinohara_firewood", "pallets_per_year", "pallet yr-1"},
    {"hinohara_firewood", "volume_per_year", "m3 stacked yr-1"},
    {"hinohara_firewood", "pallets_per_day_min", "pallet day-1"},
    {"hinohara_firewood", "pallets_per_day_max", "pallet day-1"},
    {"hinohara_firewood", "log_price", "JPY t-1"},
    {"hinohara_firewood", "pallet_price", "JPY pallet-1"},
    {"hinohara_boiler", "boilers", "1"},
    {"hinohara_boiler", "plan_wood_per_day", "m3 stacked day-1"},
    {"hinohara_boiler", "operating_days", "day yr-1", 366.0},
    {"hinohara_boiler", "plan_wood_per_year", "m3 stacked yr-1"},
    {"hinohara_boiler", "plan_reduction_min", "t CO2 yr-1"},
    {"hinohara_boiler", "plan_reduction_max", "t CO2 yr-1"},
    {"hinohara_boiler", "fy2012_wood_per_day", "m3 stacked day-1"},
    {"hinohara_boiler", "fy2012_wood", "m3 stacked"},
    {"hinohara_boiler", "fy2012_reduction", "t CO2"},
});

//! Items whose `hhv` may serve as the dry-matter HHV of gross_dry_matter.
constexpr std::array<std::string_view, 3> kDryItems = {"dry_wood", "conifer", "broadleaf"};

std::set<std::string> wood_items() {
  std::set<std::string> s;
  for (const auto& p : kWoodParams) s.emplace(p.item);
  return s;
}

std::set<std::string> wood_parameters(std::string_view item) {
  std::set<std::string> s;
  for (const auto& p : kWoodParams) {
    if (p.item == item) s.emplace(p.parameter);
  }
  return s;
}

}  // namespace

WoodFuelTable::WoodFuelTable(std::string path, std::vector<ParameterRecord> records)
    : path_(std::move(path)), records_(std::move(records)) {}

const ParameterRecord& WoodFuelTable::record(std::string_view item,
                                             std::string_view parameter) const {
  for (const auto& r : records_) {
    if (r.key == item && r.name == parameter) return r;
  }
  std::set<std::string> items, params;
  for (const auto& r : records_) {
    items.insert(r.key);
    if (r.key == item) params.insert(r.name);
  }
  if (params.empty()) {
    throw InputError(path_ + ": no wood-fuel item '" + std::string(item) +
                     "' (items: " + joined(items) + ")");
  }
  throw InputError(path_ + ": wood-fuel item '" + std::string(item) + "' has no parameter '" +
                   std::string(parameter) + "' (parameters: " + joined(params) + ")");
}

fuel::WoodFuelConstants WoodFuelTable::constants(std::string_view dry_item) const {
  if (std::find(kDryItems.begin(), kDryItems.end(), dry_item) == kDryItems.end()) {
    throw InputError(path_ + ": '" + std::string(dry_item) +
                     "' is not a dry-wood item (dry_wood, conifer, broadleaf)");
  }
  fuel::WoodFuelConstants c;
  c.sundberg = {value("sundberg", "q_dry_net"), value("sundberg", "latent_heat")};
  c.lhv_line = {value("lhv_line", "intercept"), value("lhv_line", "slope")};
  c.hhv_dry = value(dry_item, "hhv");
  return c;
}

std::vector<ParameterRecord> WoodFuelTable::constants_provenance(std::string_view dry_item) const {
  constants(dry_item);  // checks dry_item
  return {record("sundberg", "q_dry_net"), record("sundberg", "latent_heat"),
          record("lhv_line", "intercept"), record("lhv_line", "slope"), record(dry_item, "hhv")};
}

WoodFuelTable load_wood_fuel_table(const std::string& path) {
  const CsvTable t = CsvTable::read(path);
  const std::size_t c_item = t.column("item"), c_par = t.column("parameter"),
                    c_val = t.column("value"), c_unit = t.column("unit"),
                    c_status = t.column("status"), c_src = t.column("source");
  std::vector<ParameterRecord> records;
  std::array<int, kWoodParams.size()> line_of{};  // 0 = not read yet
  for (const auto& row : t.rows()) {
    const std::string& item = t.text(row, c_item);
    const std::string& name = t.text(row, c_par);
    std::size_t p = 0;
    while (p < kWoodParams.size() &&
           !(kWoodParams[p].item == item && kWoodParams[p].parameter == name)) {
      ++p;
    }
    if (p == kWoodParams.size()) {
      const auto params = wood_parameters(item);
      if (params.empty()) {
        throw InputError(t.where(row, c_item) + ": unknown item '" + item +
                         "' (items: " + joined(wood_items()) + ")");
      }
      throw InputError(t.where(row, c_par) + ": unknown parameter '" + name + "' of " + item +
                       " (parameters: " + joined(params) + ")");
    }
    const WoodParam& spec = kWoodParams[p];
    if (line_of[p] != 0) {
      throw InputError(t.where(row, c_par) + ": " + item + " " + name +
                       " is given again (first on line " + std::to_string(line_of[p]) + ")");
    }
    line_of[p] = row.line;
    if (t.text(row, c_unit) != spec.unit) {
      throw InputError(t.where(row, c_unit) + ": unit of " + item + " " + name + " must be '" +
                       std::string(spec.unit) + "', not '" + t.text(row, c_unit) + "'");
    }
    const double v = t.positive(row, c_val);
    if (v > spec.max) {
      throw InputError(t.where(row, c_val) + ": " + t.text(row, c_val) +
                       " must be <= " + num(spec.max));
    }
    records.push_back(
        {path, item, name, v, std::string(spec.unit), t.status(row, c_status), t.text(row, c_src)});
  }
  std::string missing;
  for (std::size_t p = 0; p < kWoodParams.size(); ++p) {
    if (line_of[p] == 0) {
      missing += (missing.empty() ? "" : ", ") + std::string(kWoodParams[p].item) + " " +
                 std::string(kWoodParams[p].parameter);
    }
  }
  if (!missing.empty()) throw InputError(path + ": missing rows: " + missing);
  return WoodFuelTable(path, std::move(records));
}

}  // namespace shinrin::io
