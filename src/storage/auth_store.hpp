#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

struct StoredSession {
  domain::Id id = 0;
  domain::Id user_id = 0;
  std::string csrf_token;
  TimestampMs expires_at = 0;
};

struct StoredIdempotencyKey {
  std::string request_hash;
  domain::Id resource_id = 0;
};

// API tokens, login sessions and idempotency keys. Secrets are stored only
// as hashes (BLAKE2b); the clear value is shown once, at creation.
class AuthStore {
 public:
  explicit AuthStore(Connection& connection) : connection_(connection) {}

  Result<domain::Id> InsertToken(const domain::ApiToken& token, const std::string& token_hash);
  // The active (not revoked) token with this hash.
  Result<std::optional<domain::ApiToken>> FindActiveToken(const std::string& token_hash);
  Result<std::optional<domain::ApiToken>> FindToken(domain::Id id);
  Result<std::vector<domain::ApiToken>> ListTokens(std::optional<domain::Id> user_id);
  Status RevokeToken(domain::Id id, TimestampMs at);
  Status TouchToken(domain::Id id, TimestampMs at);

  Result<domain::Id> InsertSession(domain::Id user_id, const std::string& session_hash,
                                   const std::string& csrf_token, TimestampMs created_at,
                                   TimestampMs expires_at);
  Result<std::optional<StoredSession>> FindSession(const std::string& session_hash);
  Status DeleteSession(const std::string& session_hash);
  Status DeleteExpiredSessions(TimestampMs now);

  Result<std::optional<StoredIdempotencyKey>> FindIdempotencyKey(domain::Id user_id,
                                                                 const std::string& key);
  Status InsertIdempotencyKey(domain::Id user_id, const std::string& key,
                              const std::string& request_hash, domain::Id resource_id,
                              TimestampMs at);
  // Forgets idempotency keys recorded before `before`; returns how many.
  Result<std::int64_t> DeleteIdempotencyKeysBefore(TimestampMs before);

 private:
  Result<std::vector<domain::ApiToken>> QueryTokens(const std::string& where,
                                                    const SqlParams& params);
  Connection& connection_;
};

}  // namespace lt::storage
