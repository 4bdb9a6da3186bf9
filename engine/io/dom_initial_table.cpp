#include "shinrin/io/dom_initial_table.hpp"

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>

#include "shinrin/core/error.hpp"
#include "shinrin/io/csv.hpp"

namespace shinrin::io {
namespace {

constexpr std::array<std::string_view, 3> kPools = {"dead_wood", "litter", "soil"};
constexpr std::array<std::string_view, 2> kTypes = {"plantation", "natural"};
constexpr std::size_t kAny = 0xFFFF;  // '*' as a species or forest type

struct Entry {
  double value = 0.0;
  ParameterRecord record;
  int line = 0;
};

}  // namespace

DomInitialTable load_dom_initial_table(const std::string& path, const SpeciesTable& species,
                                       std::span<const std::size_t> species_used,
                                       bool soil_enabled) {
  const CsvTable t = CsvTable::read(path);
  const std::size_t c_pool = t.column("pool"), c_sp = t.column("species"),
                    c_type = t.column("forest_type"), c_val = t.column("value"),
                    c_unit = t.column("unit"), c_status = t.column("status"),
                    c_src = t.column("source");
  // (pool, species or kAny, type or kAny) -> row
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, Entry> rows;
  for (const auto& row : t.rows()) {
    std::size_t pool = kPools.size(), type = kAny, sp = kAny;
    for (std::size_t k = 0; k < kPools.size(); ++k) {
      if (t.text(row, c_pool) == kPools[k]) pool = k;
    }
    if (pool == kPools.size()) {
      throw InputError(t.where(row, c_pool) + ": pool '" + t.text(row, c_pool) +
                       "' is not one of dead_wood, litter, soil");
    }
    const std::string& code = t.text(row, c_sp);
    if (code != "*") {
      const auto s = species.find(code);
      if (!s) {
        throw InputError(t.where(row, c_sp) + ": species '" + code +
                         "' is neither '*' nor in the species parameter table");
      }
      sp = *s;
    }
    const std::string& ft = t.text(row, c_type);
    if (ft != "*") {
      type = ft == kTypes[0] ? 0 : ft == kTypes[1] ? 1 : kAny;
      if (type == kAny) {
        throw InputError(t.where(row, c_type) + ": forest_type '" + ft +
                         "' is not one of plantation, natural, *");
      }
    }
    if (t.text(row, c_unit) != "t C ha-1") {
      throw InputError(t.where(row, c_unit) + ": unit must be 't C ha-1', not '" +
                       t.text(row, c_unit) + "'");
    }
    const double v = t.number(row, c_val);
    if (v < 0.0) throw InputError(t.where(row, c_val) + ": a stock cannot be negative");
    const std::string name(kPools[pool]);
    auto [it, fresh] = rows.try_emplace(
        {pool, sp, type}, Entry{v,
                                {path, code + " " + ft, "initial_" + name, v, "t C ha-1",
                                 t.status(row, c_status), t.text(row, c_src)},
                                row.line});
    if (!fresh) {
      throw InputError(t.where(row, c_pool) + ": " + name + " of species '" + code +
                       "', forest type '" + ft + "' is given again (first on line " +
                       std::to_string(it->second.line) + ")");
    }
  }

  auto find = [&](std::size_t pool, std::size_t sp, std::size_t type) -> const Entry* {
    for (const auto& key : {std::tuple{pool, sp, type}, std::tuple{pool, sp, kAny},
                            std::tuple{pool, kAny, type}, std::tuple{pool, kAny, kAny}}) {
      const auto it = rows.find(key);
      if (it != rows.end()) return &it->second;
    }
    return nullptr;
  };
  DomInitialTable out;
  out.by_species_type.assign(species.size() * 2, {});
  std::string missing;
  std::set<int> recorded;
  for (std::size_t sp : species_used) {
    for (std::size_t type = 0; type < 2; ++type) {
      carbon::DomStocks& s = out.by_species_type[sp * 2 + type];
      for (std::size_t pool = 0; pool < kPools.size(); ++pool) {
        if (pool == 2 && !soil_enabled) continue;
        const Entry* e = find(pool, sp, type);
        if (e == nullptr) {
          missing += "\n  " + std::string(kPools[pool]) + " of species '" + species[sp].code +
                     "', " + std::string(kTypes[type]);
          continue;
        }
        (pool == 0 ? s.dead_wood : pool == 1 ? s.litter : s.soil) = e->value;
        if (recorded.insert(e->line).second) out.records.push_back(e->record);
      }
    }
  }
  if (!missing.empty()) {
    throw InputError(
        path + ": no initial stock for these (add a row for the species or a '*' row):" + missing);
  }
  return out;
}

}  // namespace shinrin::io
