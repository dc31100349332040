#include "storage/claim_store.hpp"

#include "storage/case_scope_sql.hpp"

namespace lt::storage {
namespace {

using domain::Id;

constexpr const char* kClaimColumns =
    "id, case_id, amount_minor, currency, reason, status, level, proposed_by, created_at, "
    "decided_at, updated_at";

domain::Claim ClaimFromRow(const Row& row) {
  domain::Claim claim;
  claim.id = row.Int(0);
  claim.case_id = row.Int(1);
  claim.amount = {row.Int(2), row.Text(3)};
  claim.reason = row.Text(4);
  claim.status =
      domain::kClaimStatusCodes.FromCode(row.Text(5)).value_or(domain::ClaimStatus::kPending);
  claim.level = static_cast<int>(row.Int(6));
  claim.proposed_by = row.OptionalInt(7);
  claim.created_at = row.Int(8);
  claim.decided_at = row.OptionalInt(9);
  claim.updated_at = row.Int(10);
  return claim;
}

}  // namespace

Result<std::vector<domain::AuthorityLimit>> ClaimStore::LoadAuthorityMatrix() {
  std::vector<domain::AuthorityLimit> matrix;
  LT_TRY(connection_.Query(
      "SELECT level, role, user_id, currency, max_amount_minor FROM authority_limits "
      "ORDER BY currency, level, id",
      {}, [&](const Row& row) {
        domain::AuthorityLimit limit;
        limit.level = static_cast<int>(row.Int(0));
        if (auto role = row.OptionalText(1)) limit.role = domain::kRoleCodes.FromCode(*role);
        limit.user_id = row.OptionalInt(2);
        limit.currency = row.Text(3);
        limit.max_amount_minor = row.Int(4);
        matrix.push_back(std::move(limit));
      }));
  if (matrix.empty()) return domain::DefaultAuthorityMatrix();
  return matrix;
}

Status ClaimStore::ReplaceAuthorityMatrix(const std::vector<domain::AuthorityLimit>& matrix) {
  LT_TRY(connection_.Execute("DELETE FROM authority_limits"));
  for (const auto& limit : matrix) {
    LT_TRY(connection_.Execute(
        "INSERT INTO authority_limits (level, role, user_id, currency, max_amount_minor) "
        "VALUES ($1, $2, $3, $4, $5)",
        {std::int64_t{limit.level},
         limit.role ? SqlValue(std::string(domain::kRoleCodes.ToCode(*limit.role)))
                    : SqlValue(nullptr),
         OptionalValue(limit.user_id), limit.currency, limit.max_amount_minor}));
  }
  return Ok();
}

Result<Id> ClaimStore::Insert(const domain::Claim& claim) {
  return connection_.QueryInt(
      "INSERT INTO claims (case_id, amount_minor, currency, reason, status, level, proposed_by, "
      "created_at, decided_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
      "RETURNING id",
      {claim.case_id, claim.amount.minor, claim.amount.currency, claim.reason,
       std::string(domain::kClaimStatusCodes.ToCode(claim.status)), std::int64_t{claim.level},
       OptionalValue(claim.proposed_by), claim.created_at, OptionalValue(claim.decided_at),
       claim.updated_at});
}

Status ClaimStore::SaveState(const domain::Claim& claim) {
  LT_TRY(connection_.Execute(
      "UPDATE claims SET status = $1, level = $2, decided_at = $3, updated_at = $4 WHERE id = $5",
      {std::string(domain::kClaimStatusCodes.ToCode(claim.status)), std::int64_t{claim.level},
       OptionalValue(claim.decided_at), claim.updated_at, claim.id}));
  return Ok();
}

Result<std::optional<domain::Claim>> ClaimStore::Find(Id id) {
  std::optional<domain::Claim> found;
  LT_TRY(connection_.Query(std::string("SELECT ") + kClaimColumns + " FROM claims WHERE id = $1",
                           {id}, [&](const Row& row) { found = ClaimFromRow(row); }));
  return found;
}

Result<std::vector<domain::Claim>> ClaimStore::ListForCase(Id case_id) {
  std::vector<domain::Claim> claims;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kClaimColumns + " FROM claims WHERE case_id = $1 ORDER BY id",
      {case_id}, [&](const Row& row) { claims.push_back(ClaimFromRow(row)); }));
  return claims;
}

Result<std::vector<domain::Claim>> ClaimStore::ListPending(int limit) {
  std::vector<domain::Claim> claims;
  LT_TRY(connection_.Query(std::string("SELECT ") + kClaimColumns +
                               " FROM claims WHERE status = 'pending' ORDER BY id LIMIT $1",
                           {std::int64_t{limit}},
                           [&](const Row& row) { claims.push_back(ClaimFromRow(row)); }));
  return claims;
}

Result<std::vector<domain::Claim>> ClaimStore::ListCreatedBetween(TimestampMs from, TimestampMs to,
                                                                  const domain::CaseScope& scope) {
  std::vector<domain::Claim> claims;
  SqlParams params = {from, to};
  const std::string visible = VisibleCaseFilter(scope, params);
  LT_TRY(connection_.Query(std::string("SELECT ") + kClaimColumns +
                               " FROM claims WHERE created_at >= $1 AND created_at < $2" + visible +
                               " ORDER BY created_at, id",
                           params, [&](const Row& row) { claims.push_back(ClaimFromRow(row)); }));
  return claims;
}

Result<Id> ClaimStore::InsertDecision(const domain::ClaimDecision& decision) {
  return connection_.QueryInt(
      "INSERT INTO claim_decisions (claim_id, level, user_id, verdict, note, at) "
      "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {decision.claim_id, std::int64_t{decision.level}, decision.user_id,
       std::string(domain::kClaimVerdictCodes.ToCode(decision.verdict)), decision.note,
       decision.at});
}

Result<std::vector<domain::ClaimDecision>> ClaimStore::ListDecisions(Id claim_id) {
  std::vector<domain::ClaimDecision> decisions;
  LT_TRY(connection_.Query(
      "SELECT id, claim_id, level, user_id, verdict, note, at FROM claim_decisions "
      "WHERE claim_id = $1 ORDER BY id",
      {claim_id}, [&](const Row& row) {
        domain::ClaimDecision decision;
        decision.id = row.Int(0);
        decision.claim_id = row.Int(1);
        decision.level = static_cast<int>(row.Int(2));
        decision.user_id = row.Int(3);
        decision.verdict = domain::kClaimVerdictCodes.FromCode(row.Text(4))
                               .value_or(domain::ClaimVerdict::kApprove);
        decision.note = row.Text(5);
        decision.at = row.Int(6);
        decisions.push_back(std::move(decision));
      }));
  return decisions;
}

}  // namespace lt::storage
