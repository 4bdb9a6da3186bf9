#pragma once
//! A small CSV reader for the parameter tables in data/ (RFC 4180: comma separated, fields may be
//! double-quoted, "" inside quotes is a quote). Lines starting with '#' and blank lines are
//! skipped. The first remaining line is the header. UTF-8 is passed through; a UTF-8 byte-order
//! mark is dropped. Every value keeps its line number so errors can say "file:line column 'x'".

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shinrin/core/provenance.hpp"

namespace shinrin::io {

class CsvTable {
 public:
  struct Row {
    int line = 0;                     //!< 1-based line number in the file
    std::vector<std::string> fields;  //!< one per header column
  };

  //! Reads `path`; throws InputError naming the file and line on unreadable files, unterminated
  //! quotes or rows with the wrong number of fields.
  static CsvTable read(const std::string& path);
  //! Parses `text` as if read from a file called `name`.
  static CsvTable parse(std::string_view text, const std::string& name);

  const std::string& path() const { return path_; }
  const std::vector<std::string>& header() const { return header_; }
  const std::vector<Row>& rows() const { return rows_; }

  //! Index of column `name`; throws InputError listing the columns if there is none.
  std::size_t column(std::string_view name) const;
  std::optional<std::size_t> find_column(std::string_view name) const;

  //! Text of `row` in column `col`.
  const std::string& text(const Row& row, std::size_t col) const { return row.fields[col]; }
  //! Value of `row` in column `col` as a finite double; throws InputError naming file, line and
  //! column if it is not a number.
  double number(const Row& row, std::size_t col) const;
  //! Value as an integer; throws InputError like number().
  long integer(const Row& row, std::size_t col) const;
  //! Value as a number > 0; throws InputError naming the place otherwise.
  double positive(const Row& row, std::size_t col) const;
  //! Value as a number in [lo, hi], or (lo, hi] when `lo_open`; throws InputError naming the
  //! place, the value, the range and `unit` otherwise. Parameter tables bound every model value,
  //! so that a typo (1e308) stops the load instead of giving infinite or NaN stands.
  double bounded(const Row& row, std::size_t col, double lo, double hi, bool lo_open,
                 std::string_view unit) const;
  //! Value as a status tag C, C*, D or U (DOMAIN.md 0); throws InputError otherwise.
  Status status(const Row& row, std::size_t col) const;
  //! "file:line: column 'name'" for messages.
  std::string where(const Row& row, std::size_t col) const;

 private:
  std::string path_;
  std::vector<std::string> header_;
  std::vector<Row> rows_;
};

}  // namespace shinrin::io
