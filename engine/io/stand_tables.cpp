#include "shinrin/io/stand_tables.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <string_view>

#include "shinrin/core/error.hpp"
#include "shinrin/io/csv.hpp"

namespace shinrin::io {
namespace {

//! Tolerance of "shares add up to 1".
constexpr double kShareSumTolerance = 1e-9;

double share(const CsvTable& t, const CsvTable::Row& row, std::size_t col) {
  const double v = t.number(row, col);
  if (v < 0.0 || v > 1.0) {
    throw InputError(t.where(row, col) + ": " + t.text(row, col) + " is not a share in [0, 1]");
  }
  return v;
}

//! Shortest text that reads back as `v`.
std::string num(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string line_of(const CsvTable& t, const CsvTable::Row& row) {
  return t.path() + ":" + std::to_string(row.line);
}

std::string joined(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

//! Index of `name` in `names`, or throws naming the column and the allowed names.
template <std::size_t N>
std::size_t one_of(const CsvTable& t, const CsvTable::Row& row, std::size_t col,
                   const std::array<std::string_view, N>& names, const char* what) {
  const std::string& s = t.text(row, col);
  std::string known;
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == s) return i;
    known += (known.empty() ? "" : ", ") + std::string(names[i]);
  }
  throw InputError(t.where(row, col) + ": " + what + " '" + s + "' is not one of " + known);
}

}  // namespace

// --- density diagrams ---------------------------------------------------------------------------

DensityDiagramTable load_density_diagrams(const std::string& path, const std::string& region,
                                          const SpeciesTable& species) {
  const CsvTable t = CsvTable::read(path);
  const std::size_t c_region = t.column("region"), c_sp = t.column("species"),
                    c_b1 = t.column("b1"), c_b2 = t.column("b2"), c_b3 = t.column("b3"),
                    c_b4 = t.column("b4"), c_c = t.column("c"), c_status = t.column("status"),
                    c_src = t.column("source");
  DensityDiagramTable out;
  out.by_species.resize(species.size());
  out.records.resize(species.size());
  std::vector<int> first_line(species.size(), 0);
  std::set<std::string> regions;
  for (const auto& row : t.rows()) {
    regions.insert(t.text(row, c_region));
    if (t.text(row, c_region) != region) continue;
    const std::string& code = t.text(row, c_sp);
    const auto s = species.find(code);
    if (!s) {
      throw InputError(t.where(row, c_sp) + ": species '" + code +
                       "' is not in the species parameter table");
    }
    if (first_line[*s] != 0) {
      throw InputError(t.where(row, c_sp) + ": species '" + code +
                       "' has a second diagram in region '" + region + "' (first on line " +
                       std::to_string(first_line[*s]) + ")");
    }
    first_line[*s] = row.line;
    if (t.text(row, c_c).empty()) {
      throw InputError(t.where(row, c_c) + ": empty; region '" + region +
                       "' needs the full-density line (c) of every species");
    }
    growth::DensityDiagram d;
    // Bounds (the published diagrams have b1 < 1, |b2|, |b4| < 4, b3 < 10^4, c < 7):
    // b1 (0, 100], b2 [-10, 10], b3 (0, 10^7], b4 [-10, 10], c [0, 10].
    d.b1 = t.bounded(row, c_b1, 0.0, 100.0, true, "");
    d.b2 = t.bounded(row, c_b2, -10.0, 10.0, false, "");
    d.b3 = t.bounded(row, c_b3, 0.0, 1e7, true, "");
    d.b4 = t.bounded(row, c_b4, -10.0, 10.0, false, "");
    d.c = t.bounded(row, c_c, 0.0, 10.0, false, "");
    out.by_species[*s] = d;
    const Status st = t.status(row, c_status);
    const std::string key = region + " " + code;
    const std::string& src = t.text(row, c_src);
    out.records[*s] = {{path, key, "diagram_b1", d.b1, "1", st, src},
                       {path, key, "diagram_b2", d.b2, "1", st, src},
                       {path, key, "diagram_b3", d.b3, "1", st, src},
                       {path, key, "diagram_b4", d.b4, "1", st, src},
                       {path, key, "diagram_c", d.c, "1", st, src}};
  }
  if (std::all_of(first_line.begin(), first_line.end(), [](int l) { return l == 0; })) {
    throw InputError(path + ": no rows for region '" + region +
                     "' (regions in the file: " + joined(regions) + ")");
  }
  return out;
}

// --- decay --------------------------------------------------------------------------------------

namespace {

enum DecayParam : std::size_t {
  dead_wood_rate,
  litter_rate,
  to_soil,
  soil_rate,
  residue_to_litter,
  litterfall_rate,
  ag_mortality_rate,
  root_turnover_rate,
  kDecayParams
};
constexpr std::array<std::string_view, kDecayParams> kDecayNames = {
    "dead_wood_rate",    "litter_rate",     "to_soil",           "soil_rate",
    "residue_to_litter", "litterfall_rate", "ag_mortality_rate", "root_turnover_rate"};
// Unit "year-1" (else a share, "1").
constexpr std::array<bool, kDecayParams> kIsRate = {true,  true, false, true,
                                                    false, true, true,  true};
// A rate that may be 0 (an input switched off), else > 0.
constexpr std::array<bool, kDecayParams> kMayBeZero = {false, false, false, false,
                                                       false, true,  true,  true};
constexpr std::array<bool, kDecayParams> kPerSpecies = {true,  true, true, false,
                                                        false, true, true, true};

struct DecayRow {
  double value = 0.0;
  int line = 0;
  ParameterRecord record;
};

struct DecayRows {
  std::optional<DecayRow> any;                   // the '*' row
  std::vector<std::optional<DecayRow>> species;  // per species index
  const DecayRow* for_species(std::size_t s) const {
    if (species[s]) return &*species[s];
    return any ? &*any : nullptr;
  }
};

}  // namespace

DecayTable load_decay_table(const std::string& path, const SpeciesTable& species,
                            std::span<const std::size_t> species_used, bool soil_enabled) {
  const CsvTable t = CsvTable::read(path);
  const std::size_t c_par = t.column("parameter"), c_sp = t.column("species"),
                    c_val = t.column("value"), c_unit = t.column("unit"),
                    c_status = t.column("status"), c_src = t.column("source");
  std::array<DecayRows, kDecayParams> rows;
  for (auto& r : rows) r.species.resize(species.size());

  for (const auto& row : t.rows()) {
    const std::size_t p = one_of(t, row, c_par, kDecayNames, "parameter");
    const std::string name(kDecayNames[p]);
    const std::string& code = t.text(row, c_sp);
    std::optional<DecayRow>* slot = &rows[p].any;
    if (code != "*") {
      if (!kPerSpecies[p]) {
        throw InputError(t.where(row, c_sp) + ": " + name +
                         " applies to every species; species must be '*', not '" + code + "'");
      }
      const auto s = species.find(code);
      if (!s) {
        throw InputError(t.where(row, c_sp) + ": species '" + code +
                         "' is neither '*' nor in the species parameter table");
      }
      slot = &rows[p].species[*s];
    }
    if (*slot) {
      throw InputError(t.where(row, c_par) + ": " + name + " of '" + code +
                       "' is given again (first on line " + std::to_string((*slot)->line) + ")");
    }
    const char* unit = kIsRate[p] ? "year-1" : "1";
    if (t.text(row, c_unit) != unit) {
      throw InputError(t.where(row, c_unit) + ": unit of " + name + " must be '" + unit +
                       "', not '" + t.text(row, c_unit) + "'");
    }
    // Decay rates in (0, 10] year-1; turnover rates may be 0 (an input switched off), at most 1.
    const double v = !kIsRate[p]     ? share(t, row, c_val)
                     : kMayBeZero[p] ? t.bounded(row, c_val, 0.0, 1.0, false, "year-1")
                                     : t.bounded(row, c_val, 0.0, 10.0, true, "year-1");
    *slot = DecayRow{
        v, row.line, {path, code, name, v, unit, t.status(row, c_status), t.text(row, c_src)}};
  }

  std::string missing;
  for (std::size_t p = 0; p < rows.size(); ++p) {
    const std::string name(kDecayNames[p]);
    if (!kPerSpecies[p]) {
      if (!rows[p].any) missing += "\n  " + name + " (a '*' row)";
      continue;
    }
    for (std::size_t s : species_used) {
      if (!rows[p].for_species(s))
        missing += "\n  " + name + " of species '" + species[s].code + "'";
    }
  }
  if (!missing.empty()) {
    throw InputError(path +
                     ": no value for these parameters (add a row for the species or a '*' "
                     "row):" +
                     missing);
  }

  DecayTable out;
  carbon::DecayConfig& c = out.config;
  c.soil_enabled = soil_enabled;
  c.soil = carbon::FirstOrderRate::from_rate(rows[soil_rate].any->value);
  c.residue_to_litter = rows[residue_to_litter].any->value;
  c.by_species.resize(species.size());
  for (std::size_t s = 0; s < species.size(); ++s) {
    if (const DecayRow* r = rows[dead_wood_rate].for_species(s)) {
      c.by_species[s].dead_wood = carbon::FirstOrderRate::from_rate(r->value);
    }
    if (const DecayRow* r = rows[litter_rate].for_species(s)) {
      c.by_species[s].litter = carbon::FirstOrderRate::from_rate(r->value);
    }
    if (const DecayRow* r = rows[to_soil].for_species(s)) c.by_species[s].to_soil = r->value;
    if (const DecayRow* r = rows[litterfall_rate].for_species(s))
      c.by_species[s].litterfall = r->value;
    if (const DecayRow* r = rows[ag_mortality_rate].for_species(s))
      c.by_species[s].ag_mortality = r->value;
    if (const DecayRow* r = rows[root_turnover_rate].for_species(s); r != nullptr && soil_enabled)
      c.by_species[s].root_turnover = r->value;
  }

  // Provenance of the rows the run uses: per-species rows of the species used, the soil rows
  // only with the soil pool.
  std::set<int> recorded;
  auto record = [&](const DecayRow* r) {
    if (r != nullptr && recorded.insert(r->line).second) out.records.push_back(r->record);
  };
  for (std::size_t s : species_used) {
    record(rows[dead_wood_rate].for_species(s));
    record(rows[litter_rate].for_species(s));
    record(rows[litterfall_rate].for_species(s));
    record(rows[ag_mortality_rate].for_species(s));
    if (soil_enabled) {
      record(rows[to_soil].for_species(s));
      record(rows[root_turnover_rate].for_species(s));
    }
  }
  record(&*rows[residue_to_litter].any);
  if (soil_enabled) record(&*rows[soil_rate].any);
  return out;
}

// --- harvested wood products --------------------------------------------------------------------

HwpTable load_hwp_table(const std::string& path) {
  static constexpr std::array<std::string_view, 3> kCategories = {"sawnwood", "panels", "paper"};
  const CsvTable t = CsvTable::read(path);
  const std::size_t c_cat = t.column("category"), c_hl = t.column("half_life"),
                    c_unit = t.column("unit"), c_status = t.column("status"),
                    c_src = t.column("source");
  std::array<int, 3> line{};
  HwpTable out;
  for (const auto& row : t.rows()) {
    const std::size_t k = one_of(t, row, c_cat, kCategories, "category");
    if (line[k] != 0) {
      throw InputError(t.where(row, c_cat) + ": '" + t.text(row, c_cat) +
                       "' is given again (first on line " + std::to_string(line[k]) + ")");
    }
    line[k] = row.line;
    if (t.text(row, c_unit) != "year") {
      throw InputError(t.where(row, c_unit) + ": unit of half_life must be 'year', not '" +
                       t.text(row, c_unit) + "'");
    }
    const double half_life = t.bounded(row, c_hl, 0.0, 1000.0, true, "years");
    const carbon::FirstOrderRate rate = carbon::FirstOrderRate::from_half_life(half_life);
    (k == 0 ? out.config.sawnwood : k == 1 ? out.config.panels : out.config.paper) = rate;
    out.records.push_back({path, std::string(kCategories[k]), "half_life", half_life, "year",
                           t.status(row, c_status), t.text(row, c_src)});
  }
  for (std::size_t k = 0; k < kCategories.size(); ++k) {
    if (line[k] == 0) {
      throw InputError(path + ": no row for category '" + std::string(kCategories[k]) +
                       "' (sawnwood, panels and paper are required)");
    }
  }
  return out;
}

// --- wood use -----------------------------------------------------------------------------------

WoodUseTable load_wood_use_table(const std::string& path) {
  static constexpr std::array<std::string_view, silviculture::kStemStreamCount> kStreams = {
      "sawlog", "other_industrial", "fuelwood"};
  static constexpr std::array<std::string_view, 4> kUses = {"sawnwood", "panels", "paper", "burnt"};
  const CsvTable t = CsvTable::read(path);
  const std::size_t c_stream = t.column("stream"), c_status = t.column("status"),
                    c_src = t.column("source");
  std::array<std::size_t, 4> c_use{};
  for (std::size_t u = 0; u < kUses.size(); ++u) c_use[u] = t.column(kUses[u]);
  std::array<int, silviculture::kStemStreamCount> line{};
  WoodUseTable out;
  for (const auto& row : t.rows()) {
    const std::size_t k = one_of(t, row, c_stream, kStreams, "stream");
    if (line[k] != 0) {
      throw InputError(t.where(row, c_stream) + ": '" + t.text(row, c_stream) +
                       "' is given again (first on line " + std::to_string(line[k]) + ")");
    }
    line[k] = row.line;
    std::array<double, 4> v{};
    for (std::size_t u = 0; u < kUses.size(); ++u) v[u] = share(t, row, c_use[u]);
    const double sum = v[0] + v[1] + v[2] + v[3];
    if (std::abs(sum - 1.0) > kShareSumTolerance) {
      throw InputError(line_of(t, row) + ": shares of '" + t.text(row, c_stream) + "' add up to " +
                       num(sum) + "; sawnwood + panels + paper + burnt must be 1");
    }
    out.wood_use.rows[k] = {v[0], v[1], v[2], v[3]};
    const Status st = t.status(row, c_status);
    for (std::size_t u = 0; u < kUses.size(); ++u) {
      out.records.push_back({path, std::string(kStreams[k]), std::string(kUses[u]), v[u], "1", st,
                             t.text(row, c_src)});
    }
  }
  for (std::size_t k = 0; k < kStreams.size(); ++k) {
    if (line[k] == 0) {
      throw InputError(path + ": no row for stream '" + std::string(kStreams[k]) +
                       "' (sawlog, other_industrial and fuelwood are required)");
    }
  }
  return out;
}

}  // namespace shinrin::io
