#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/claim.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Claims, their decisions and the authority matrix
// (migrations/*/0005_claims.sql).
class ClaimStore {
 public:
  explicit ClaimStore(Connection& connection) : connection_(connection) {}

  // The stored matrix, or the shipped one while none is stored.
  Result<std::vector<domain::AuthorityLimit>> LoadAuthorityMatrix();
  // Replaces the whole matrix (already validated by the caller).
  Status ReplaceAuthorityMatrix(const std::vector<domain::AuthorityLimit>& matrix);

  Result<domain::Id> Insert(const domain::Claim& claim);
  // Saves status, level, decided_at and updated_at.
  Status SaveState(const domain::Claim& claim);
  Result<std::optional<domain::Claim>> Find(domain::Id id);
  Result<std::vector<domain::Claim>> ListForCase(domain::Id case_id);
  // Pending claims oldest first, at most `limit`.
  Result<std::vector<domain::Claim>> ListPending(int limit);
  // Claims created in [from, to) on the cases `scope` sees, oldest first.
  Result<std::vector<domain::Claim>> ListCreatedBetween(TimestampMs from, TimestampMs to,
                                                        const domain::CaseScope& scope);

  Result<domain::Id> InsertDecision(const domain::ClaimDecision& decision);
  Result<std::vector<domain::ClaimDecision>> ListDecisions(domain::Id claim_id);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
