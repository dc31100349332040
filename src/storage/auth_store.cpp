#include "storage/auth_store.hpp"

namespace lt::storage {

Result<domain::Id> AuthStore::InsertToken(const domain::ApiToken& token,
                                          const std::string& token_hash) {
  return connection_.QueryInt(
      "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) VALUES ($1, $2, $3, "
      "$4, $5) "
      "RETURNING id",
      {token.user_id, token.name, token_hash, token.prefix, token.created_at});
}

Result<std::vector<domain::ApiToken>> AuthStore::QueryTokens(const std::string& where,
                                                             const SqlParams& params) {
  std::vector<domain::ApiToken> tokens;
  LT_TRY(connection_.Query(
      "SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens "
      "WHERE " +
          where + " ORDER BY id",
      params, [&](const Row& row) {
        tokens.push_back(domain::ApiToken{row.Int(0), row.Int(1), row.Text(2), row.Text(3),
                                          row.Int(4), row.OptionalInt(5), row.OptionalInt(6)});
      }));
  return tokens;
}

Result<std::optional<domain::ApiToken>> AuthStore::FindActiveToken(const std::string& token_hash) {
  LT_TRY_ASSIGN(auto tokens, QueryTokens("token_hash = $1 AND revoked_at IS NULL", {token_hash}));
  if (tokens.empty()) return std::optional<domain::ApiToken>();
  return std::optional<domain::ApiToken>(tokens.front());
}

Result<std::optional<domain::ApiToken>> AuthStore::FindToken(domain::Id id) {
  LT_TRY_ASSIGN(auto tokens, QueryTokens("id = $1", {id}));
  if (tokens.empty()) return std::optional<domain::ApiToken>();
  return std::optional<domain::ApiToken>(tokens.front());
}

Result<std::vector<domain::ApiToken>> AuthStore::ListTokens(std::optional<domain::Id> user_id) {
  if (user_id) return QueryTokens("user_id = $1", {*user_id});
  return QueryTokens("1 = 1", {});
}

Status AuthStore::RevokeToken(domain::Id id, TimestampMs at) {
  LT_TRY(connection_.Execute(
      "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", {at, id}));
  return Ok();
}

Status AuthStore::TouchToken(domain::Id id, TimestampMs at) {
  LT_TRY(connection_.Execute("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", {at, id}));
  return Ok();
}

Result<domain::Id> AuthStore::InsertSession(domain::Id user_id, const std::string& session_hash,
                                            const std::string& csrf_token, TimestampMs created_at,
                                            TimestampMs expires_at) {
  return connection_.QueryInt(
      "INSERT INTO sessions (session_hash, user_id, csrf_token, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {session_hash, user_id, csrf_token, created_at, expires_at});
}

Result<std::optional<StoredSession>> AuthStore::FindSession(const std::string& session_hash) {
  std::optional<StoredSession> found;
  LT_TRY(connection_.Query(
      "SELECT id, user_id, csrf_token, expires_at FROM sessions WHERE session_hash = $1",
      {session_hash}, [&](const Row& row) {
        found = StoredSession{row.Int(0), row.Int(1), row.Text(2), row.Int(3)};
      }));
  return found;
}

Status AuthStore::DeleteSession(const std::string& session_hash) {
  LT_TRY(connection_.Execute("DELETE FROM sessions WHERE session_hash = $1", {session_hash}));
  return Ok();
}

Status AuthStore::DeleteExpiredSessions(TimestampMs now) {
  LT_TRY(connection_.Execute("DELETE FROM sessions WHERE expires_at < $1", {now}));
  return Ok();
}

Result<std::optional<StoredIdempotencyKey>> AuthStore::FindIdempotencyKey(domain::Id user_id,
                                                                          const std::string& key) {
  std::optional<StoredIdempotencyKey> found;
  LT_TRY(connection_.Query(
      "SELECT request_hash, resource_id FROM idempotency_keys WHERE user_id = $1 AND key = $2",
      {user_id, key}, [&](const Row& row) {
        found = StoredIdempotencyKey{row.Text(0), row.Int(1)};
      }));
  return found;
}

Status AuthStore::InsertIdempotencyKey(domain::Id user_id, const std::string& key,
                                       const std::string& request_hash, domain::Id resource_id,
                                       TimestampMs at) {
  LT_TRY(connection_.Execute(
      "INSERT INTO idempotency_keys (user_id, key, request_hash, resource_id, created_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {user_id, key, request_hash, resource_id, at}));
  return Ok();
}

Result<std::int64_t> AuthStore::DeleteIdempotencyKeysBefore(TimestampMs before) {
  return connection_.Execute("DELETE FROM idempotency_keys WHERE created_at < $1", {before});
}

}  // namespace lt::storage
