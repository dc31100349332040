#include "storage/connection.hpp"

namespace lt::storage {

Status Connection::Send(std::string_view sql, const SqlParams& params) {
  LT_TRY(Execute(sql, params));
  return Ok();
}

Status Connection::LockUntilCommit(std::int64_t /*key*/) { return Ok(); }

Status Connection::NotifyMany(std::span<const std::string> payloads) {
  for (const auto& payload : payloads) LT_TRY(Notify(payload));
  return Ok();
}

Result<std::int64_t> Connection::NextCaseSequence(const std::string& prefix, int year,
                                                  std::int64_t count) {
  return QueryInt(
      "INSERT INTO case_number_sequences (prefix, year, last_value) VALUES ($1, $2, $3) "
      "ON CONFLICT (prefix, year) DO UPDATE "
      "SET last_value = case_number_sequences.last_value + excluded.last_value "
      "RETURNING last_value",
      {prefix, std::int64_t{year}, count});
}

Result<std::int64_t> Connection::QueryInt(std::string_view sql, const SqlParams& params) {
  LT_TRY_ASSIGN(auto value, QueryOptionalInt(sql, params));
  if (!value) return Error::Internal("query returned no row: " + std::string(sql));
  return *value;
}

Result<std::optional<std::int64_t>> Connection::QueryOptionalInt(std::string_view sql,
                                                                 const SqlParams& params) {
  std::optional<std::int64_t> value;
  LT_TRY(Query(sql, params, [&](const Row& row) {
    if (!value && !row.IsNull(0)) value = row.Int(0);
  }));
  return value;
}

}  // namespace lt::storage
