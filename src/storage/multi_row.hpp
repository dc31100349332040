#pragma once

// Multi-row statements: one INSERT for many rows costs the database one
// statement instead of many, which is most of PostgreSQL's cost per write.

#include <cstddef>
#include <string>

namespace lt::storage {

// "($1, $2, $3), ($4, $5, $6)": the VALUES of `rows` rows of `columns`
// parameters each, numbered from `first`.
inline std::string RowsOfParameters(std::size_t columns, std::size_t rows, std::size_t first = 1) {
  std::string values;
  for (std::size_t row = 0; row < rows; ++row) {
    values += row == 0 ? "(" : ", (";
    for (std::size_t column = 0; column < columns; ++column) {
      if (column > 0) values += ", ";
      values += "$" + std::to_string(first + row * columns + column);
    }
    values += ")";
  }
  return values;
}

}  // namespace lt::storage
