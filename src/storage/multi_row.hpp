#pragma once

// Multi-row statements: one INSERT for many rows costs the database one
// statement instead of many, which is most of PostgreSQL's cost per write.

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Rows inserted (or ids listed) by one statement at most: far below both
// stores' limits on a statement's parameters.
inline constexpr std::size_t kRowsPerInsert = 500;

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

// "$3, $4, $5": `values` added to `params`, numbered on from those there,
// as the list of an IN (...).
template <class Value>
std::string ParameterList(SqlParams& params, std::span<const Value> values) {
  std::string list;
  for (const Value& value : values) {
    params.emplace_back(value);
    list += (list.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  return list;
}

// Runs `insert` ("INSERT INTO t (a, b)") with the VALUES of `rows` rows of
// `columns` parameters each, RETURNING id, and gives the new ids in the
// order of the rows: ids are drawn row by row in the order of VALUES,
// whatever order RETURNING gives them back in.
inline Result<std::vector<domain::Id>> InsertRows(Connection& connection, std::string_view insert,
                                                  std::size_t columns, std::size_t rows,
                                                  const SqlParams& params) {
  std::vector<domain::Id> ids;
  LT_TRY(connection.Query(
      std::string(insert) + " VALUES " + RowsOfParameters(columns, rows) + " RETURNING id", params,
      [&](const Row& row) { ids.push_back(row.Int(0)); }));
  if (ids.size() != rows) return Error::Internal("rows not all inserted");
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace lt::storage
