#include "shinrin/io/crediting_table.hpp"

#include <set>
#include <tuple>

#include "shinrin/core/error.hpp"
#include "shinrin/io/csv.hpp"

namespace shinrin::io {

const ParameterRecord* CreditingTable::find(std::string_view methodology, std::string_view key,
                                            std::string_view parameter) const {
  for (std::string_view m : {methodology, std::string_view("all")}) {
    for (const Row& r : rows_) {
      if (r.methodology == m && r.key == key && r.record.name == parameter) return &r.record;
    }
  }
  return nullptr;
}

std::vector<std::string> CreditingTable::keys(std::string_view methodology,
                                              std::string_view parameter) const {
  std::vector<std::string> out;
  for (const Row& r : rows_) {
    if (r.methodology == methodology && r.record.name == parameter && r.key != "-")
      out.push_back(r.key);
  }
  return out;
}

CreditingTable load_crediting_table(const std::string& path) {
  const CsvTable t = CsvTable::read(path);
  const std::size_t c_method = t.column("methodology"), c_key = t.column("key"),
                    c_param = t.column("parameter"), c_value = t.column("value"),
                    c_unit = t.column("unit"), c_status = t.column("status"),
                    c_source = t.column("source");
  std::vector<CreditingTable::Row> rows;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const auto& row : t.rows()) {
    CreditingTable::Row r;
    r.methodology = t.text(row, c_method);
    r.key = t.text(row, c_key);
    if (r.methodology.empty()) throw InputError(t.where(row, c_method) + ": empty methodology");
    if (r.key.empty()) throw InputError(t.where(row, c_key) + ": empty key (write - when none)");
    ParameterRecord& rec = r.record;
    rec.table = path;
    rec.key = r.key == "-" ? r.methodology : r.methodology + ":" + r.key;
    rec.name = t.text(row, c_param);
    rec.value = t.number(row, c_value);
    rec.unit = t.text(row, c_unit);
    rec.status = t.status(row, c_status);
    rec.source = t.text(row, c_source);
    if (rec.source.empty())
      throw InputError(t.where(row, c_source) + ": every value needs a source");
    if (!seen.emplace(r.methodology, r.key, rec.name).second) {
      throw InputError(t.where(row, c_param) + ": (" + r.methodology + ", " + r.key + ", " +
                       rec.name + ") is given twice");
    }
    rows.push_back(std::move(r));
  }
  return CreditingTable(path, std::move(rows));
}

}  // namespace shinrin::io
