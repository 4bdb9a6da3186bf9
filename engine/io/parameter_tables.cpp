#include "shinrin/io/parameter_tables.hpp"

#include <array>
#include <cstdio>
#include <set>

#include "shinrin/core/error.hpp"
#include "shinrin/io/csv.hpp"

namespace shinrin::io {
namespace {

LandClass read_land_class(const CsvTable& t, const CsvTable::Row& row, std::size_t col) {
  const std::string& s = t.text(row, col);
  if (s == "forest") return LandClass::forest;
  if (s == "natural_forest") return LandClass::natural_forest;
  if (s == "bamboo") return LandClass::bamboo;
  if (s == "unstocked") return LandClass::unstocked;
  if (s == "non_forest") return LandClass::non_forest;
  throw InputError(t.where(row, col) + ": class '" + s +
                   "' is not one of forest, natural_forest, bamboo, unstocked, non_forest");
}

}  // namespace

SpeciesTable load_species_table(const std::string& path) {
  const CsvTable t = CsvTable::read(path);
  const std::size_t c_sp = t.column("species"), c_par = t.column("parameter"),
                    c_val = t.column("value"), c_unit = t.column("unit"),
                    c_status = t.column("status"), c_src = t.column("source");
  static constexpr std::array<std::string_view, 5> kNames = {"D", "BEF_young", "BEF_old", "R",
                                                             "CF"};
  static constexpr std::array<std::string_view, 5> kUnits = {"t m-3", "1", "1", "1", "t t-1"};

  std::vector<SpeciesParams> species;
  std::vector<std::array<int, 5>> line_of;  // line of each parameter per species, 0 = missing
  for (const auto& row : t.rows()) {
    const std::string& code = t.text(row, c_sp);
    if (code.empty()) throw InputError(t.where(row, c_sp) + ": empty species code");
    std::size_t s = 0;
    while (s < species.size() && species[s].code != code) ++s;
    if (s == species.size()) {
      species.push_back({});
      species.back().code = code;
      line_of.push_back({});
    }
    const std::string& name = t.text(row, c_par);
    std::size_t p = 0;
    while (p < kNames.size() && kNames[p] != name) ++p;
    if (p == kNames.size()) {
      throw InputError(t.where(row, c_par) + ": parameter '" + name +
                       "' is not one of D, BEF_young, BEF_old, R, CF");
    }
    if (line_of[s][p] != 0) {
      throw InputError(t.where(row, c_par) + ": " + name + " of '" + code +
                       "' is given again (first on line " + std::to_string(line_of[s][p]) + ")");
    }
    if (t.text(row, c_unit) != kUnits[p]) {
      throw InputError(t.where(row, c_unit) + ": unit of " + name + " must be '" +
                       std::string(kUnits[p]) + "', not '" + t.text(row, c_unit) + "'");
    }
    line_of[s][p] = row.line;
    // Bounds: D (0, 2] t m-3 (the densest woods are about 1.2); BEF (0, 10]; R [0, 10];
    // CF (0, 1].
    static constexpr std::array<double, 5> kHi = {2.0, 10.0, 10.0, 10.0, 1.0};
    const double v = t.bounded(row, c_val, 0.0, kHi[p], p != 3, kUnits[p]);
    SpeciesParams& sp = species[s];
    switch (p) {
      case 0:
        sp.D = v;
        break;
      case 1:
        sp.bef_young = v;
        break;
      case 2:
        sp.bef_old = v;
        break;
      case 3:
        sp.R = v;
        break;
      default:
        sp.CF = v;
        break;
    }
    sp.records.push_back(
        {path, code, name, v, std::string(kUnits[p]), t.status(row, c_status), t.text(row, c_src)});
  }
  for (std::size_t s = 0; s < species.size(); ++s) {
    for (std::size_t p = 0; p < kNames.size(); ++p) {
      if (line_of[s][p] == 0) {
        throw InputError(path + ": species '" + species[s].code + "' has no " +
                         std::string(kNames[p]) + " row");
      }
    }
  }
  if (species.empty()) throw InputError(path + ": no species rows");
  if (species.size() > 65535) throw InputError(path + ": more than 65535 species");
  return SpeciesTable(std::move(species));
}

std::map<std::string, AliasEntry> load_alias_table(const std::string& path,
                                                   const SpeciesTable& species) {
  const CsvTable t = CsvTable::read(path);
  const std::size_t c_name = t.column("name"), c_class = t.column("class"),
                    c_sp = t.column("species");
  std::map<std::string, AliasEntry> out;
  std::map<std::string, int> line_of;
  for (const auto& row : t.rows()) {
    const std::string& name = t.text(row, c_name);
    if (name.empty()) throw InputError(t.where(row, c_name) + ": empty name");
    if (auto it = line_of.find(name); it != line_of.end()) {
      throw InputError(t.where(row, c_name) + ": '" + name + "' is given again (first on line " +
                       std::to_string(it->second) + ")");
    }
    line_of[name] = row.line;
    AliasEntry e;
    e.land_class = read_land_class(t, row, c_class);
    const std::string& code = t.text(row, c_sp);
    if (e.land_class == LandClass::forest) {
      const auto idx = species.find(code);
      if (!idx) {
        throw InputError(t.where(row, c_sp) + ": species '" + code +
                         "' is not in the species parameter table");
      }
      e.species = *idx;
    } else if (!code.empty()) {
      throw InputError(t.where(row, c_sp) + ": a " + t.text(row, c_class) +
                       " row must leave species empty");
    }
    out.emplace(name, e);
  }
  return out;
}

std::map<std::string, LandClass> load_forest_types(const std::string& path) {
  const CsvTable t = CsvTable::read(path);
  const std::size_t c_name = t.column("name"), c_class = t.column("class");
  std::map<std::string, LandClass> out;
  for (const auto& row : t.rows()) {
    const std::string& name = t.text(row, c_name);
    if (name.empty()) throw InputError(t.where(row, c_name) + ": empty name");
    if (!out.emplace(name, read_land_class(t, row, c_class)).second) {
      throw InputError(t.where(row, c_name) + ": '" + name + "' is given twice");
    }
  }
  return out;
}

growth::RichardsModel load_richards_model(const std::string& curves_path,
                                          const std::string& site_classes_path,
                                          const std::string& scheme, RichardsQuantity quantity) {
  const bool height = quantity == RichardsQuantity::height;
  const std::string prefix = height ? "height_" : "richards_";
  const CsvTable t = CsvTable::read(curves_path);
  const std::size_t c_sp = t.column("species"), c_a = t.column("A"), c_k = t.column("k"),
                    c_c = t.column("c"), c_status = t.column("status"), c_src = t.column("source");
  std::map<std::string, growth::RichardsCurve> curves;
  for (const auto& row : t.rows()) {
    const std::string& sp = t.text(row, c_sp);
    growth::RichardsCurve curve;
    // Bounds: A (0, 5000] m3 ha-1 or (0, 150] m; k (0, 10] year-1; c (0, 100].
    curve.params = {
        t.bounded(row, c_a, 0.0, height ? 150.0 : 5000.0, true, height ? "m" : "m3 ha-1"),
        t.bounded(row, c_k, 0.0, 10.0, true, "year-1"), t.bounded(row, c_c, 0.0, 100.0, true, "")};
    const Status st = t.status(row, c_status);
    const std::string& src = t.text(row, c_src);
    curve.records = {
        {curves_path, sp, prefix + "A", curve.params.A, height ? "m" : "m3 ha-1", st, src},
        {curves_path, sp, prefix + "k", curve.params.k, "year-1", st, src},
        {curves_path, sp, prefix + "c", curve.params.c, "1", st, src}};
    if (!curves.emplace(sp, std::move(curve)).second) {
      throw InputError(t.where(row, c_sp) + ": species '" + sp + "' has a second curve");
    }
  }

  const CsvTable s = CsvTable::read(site_classes_path);
  const std::size_t s_scheme = s.column("scheme"), s_class = s.column("site_class"),
                    s_f = s.column(height ? "height_factor" : "asymptote_factor"),
                    s_status = s.column("status"), s_src = s.column("source");
  growth::SiteClassScheme out;
  out.name = scheme;
  std::set<std::string> schemes;
  for (const auto& row : s.rows()) {
    schemes.insert(s.text(row, s_scheme));
    if (s.text(row, s_scheme) != scheme) continue;
    growth::SiteClassFactor f;
    f.factor = s.bounded(row, s_f, 0.0, 10.0, true, "");
    const std::string& cls = s.text(row, s_class);
    f.record = {site_classes_path,
                scheme + " site class " + cls,
                height ? "height_factor" : "asymptote_factor",
                f.factor,
                "1",
                s.status(row, s_status),
                s.text(row, s_src)};
    if (cls == "*") {
      if (out.any_class)
        throw InputError(s.where(row, s_class) + ": second '*' row for scheme '" + scheme + "'");
      out.any_class = f;
    } else if (!out.by_class.emplace(static_cast<int>(s.integer(row, s_class)), f).second) {
      throw InputError(s.where(row, s_class) + ": site class " + cls + " given twice for scheme '" +
                       scheme + "'");
    }
  }
  if (out.by_class.empty() && !out.any_class) {
    std::string known;
    for (const auto& n : schemes) known += (known.empty() ? "" : ", ") + n;
    throw InputError(site_classes_path + ": no rows for site-class scheme '" + scheme +
                     "' (schemes in the file: " + known + ")");
  }
  return growth::RichardsModel(std::move(curves), std::move(out));
}

std::map<growth::YieldTableModel::Key, growth::YieldTableCurve> read_yield_tables(
    const std::string& path) {
  const CsvTable t = CsvTable::read(path);
  const std::size_t c_sp = t.column("species"), c_class = t.column("site_class"),
                    c_age = t.column("age"), c_vol = t.column("volume"),
                    c_status = t.column("status"), c_src = t.column("source");
  struct Points {
    std::vector<double> ages, volumes;
    std::vector<ParameterRecord> records;
    int first_line = 0;
  };
  std::map<growth::YieldTableModel::Key, Points> points;
  for (const auto& row : t.rows()) {
    const std::string& cls = t.text(row, c_class);
    const int site = cls == "*" ? growth::YieldTableModel::kAnySiteClass
                                : static_cast<int>(t.integer(row, c_class));
    Points& p = points[{t.text(row, c_sp), site}];
    if (p.first_line == 0) p.first_line = row.line;
    const double age = t.bounded(row, c_age, 0.0, 2000.0, true, "years");
    const double vol = t.bounded(row, c_vol, 0.0, 5000.0, false, "m3 ha-1");
    if (!p.ages.empty() && age <= p.ages.back()) {
      throw InputError(t.where(row, c_age) + ": ages of '" + t.text(row, c_sp) + "' site class " +
                       cls + " must increase (previous " + std::to_string(p.ages.back()) + ")");
    }
    p.ages.push_back(age);
    p.volumes.push_back(vol);
    p.records.push_back({path,
                         t.text(row, c_sp) + " site class " + cls + " age " + t.text(row, c_age),
                         "volume", vol, "m3 ha-1", t.status(row, c_status), t.text(row, c_src)});
  }
  if (points.empty()) throw InputError(path + ": no yield-table rows");
  std::map<growth::YieldTableModel::Key, growth::YieldTableCurve> curves;
  for (auto& [key, p] : points) {
    const std::size_t rows = p.ages.size();
    const double first_age = p.ages.front();
    growth::YieldTable table(std::move(p.ages), std::move(p.volumes));
    std::vector<ParameterRecord> extension;
    const growth::TableExtension& e = table.extension();
    if (e.rule() == growth::TableExtension::Rule::richards) {
      // Derived from the rows: D when every row is confirmed or derived, U otherwise.
      Status status = Status::derived;
      for (const auto& r : p.records) {
        if (r.status == Status::unconfirmed) status = Status::unconfirmed;
      }
      char ages[96];
      std::snprintf(ages, sizeof ages, "%zu rows, ages %g-%g", rows, first_age, e.last_age());
      const std::string source =
          std::string("Richards fit to the table's ") + ages +
          " (growth/richards_fit.hpp); used past the last age: V(a) = V_L + R(a) - R(L)";
      const std::string what =
          key.first + " site class " +
          (key.second == growth::YieldTableModel::kAnySiteClass ? std::string("*")
                                                                : std::to_string(key.second));
      extension = {{path, what, "extension_A", e.params().A, "m3 ha-1", status, source},
                   {path, what, "extension_k", e.params().k, "year-1", status, source},
                   {path, what, "extension_c", e.params().c, "1", status, source}};
    }
    curves.emplace(
        key, growth::YieldTableCurve{std::move(table), std::move(p.records), std::move(extension)});
  }
  return curves;
}

growth::YieldTableModel load_yield_table_model(const std::string& path) {
  return growth::YieldTableModel(read_yield_tables(path));
}

}  // namespace shinrin::io
