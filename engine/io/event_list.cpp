#include "shinrin/io/event_list.hpp"

#include "shinrin/io/csv.hpp"

namespace shinrin::io {

setup::RawEventList read_event_rows(const std::string& path) {
  const CsvTable t = CsvTable::read(path);
  const std::size_t c_parcel = t.column("parcel"), c_year = t.column("year"),
                    c_op = t.column("operation"), c_int = t.column("intensity");
  setup::RawEventList out;
  out.path = path;
  out.rows.reserve(t.rows().size());
  for (const auto& row : t.rows()) {
    out.rows.push_back({t.text(row, c_parcel), t.text(row, c_year), t.text(row, c_op),
                        t.text(row, c_int), row.line});
  }
  return out;
}

}  // namespace shinrin::io
