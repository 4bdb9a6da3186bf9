#pragma once
//! Loader of data/crediting.csv: the numbers of the crediting methodologies, one row per
//! (methodology, key, parameter) with unit, status and source (columns in data/README.md).

#include <string>
#include <string_view>
#include <vector>

#include "shinrin/core/provenance.hpp"

namespace shinrin::io {

class CreditingTable {
 public:
  struct Row {
    std::string methodology;  //!< a methodology name, or "all"
    std::string key;          //!< species code, or "-"
    ParameterRecord record;   //!< table = path, key = "<methodology>" or "<methodology>:<key>"
  };
  CreditingTable(std::string path, std::vector<Row> rows)
      : path_(std::move(path)), rows_(std::move(rows)) {}
  const std::string& path() const { return path_; }
  const std::vector<Row>& rows() const { return rows_; }
  //! The row of (methodology, key, parameter), else of ("all", key, parameter), else nullptr.
  const ParameterRecord* find(std::string_view methodology, std::string_view key,
                              std::string_view parameter) const;
  //! Species codes that have a row for (methodology, parameter), e.g. standard_rotation_age.
  std::vector<std::string> keys(std::string_view methodology, std::string_view parameter) const;

 private:
  std::string path_;
  std::vector<Row> rows_;
};

//! Reads the table; throws InputError naming file, line and column on a bad row or a repeated
//! (methodology, key, parameter).
CreditingTable load_crediting_table(const std::string& path);

}  // namespace shinrin::io
