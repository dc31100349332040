#pragma once

// Claims (理赔): compensation proposed for a case and approved along the
// authority matrix (权责区分). Each level of the matrix names who may approve
// (a role or one user) and up to which amount. An approval within the
// approver's limit approves the claim; above it, the approval passes the
// claim up to the next level. A rejection at any level ends it. Values and
// rules only, no I/O.

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"
#include "domain/money.hpp"

namespace lt::domain {

enum class ClaimStatus { kPending, kApproved, kRejected, kWithdrawn };
inline constexpr EnumCodes<ClaimStatus, 4> kClaimStatusCodes{{{
    {ClaimStatus::kPending, "pending"},
    {ClaimStatus::kApproved, "approved"},
    {ClaimStatus::kRejected, "rejected"},
    {ClaimStatus::kWithdrawn, "withdrawn"},
}}};

enum class ClaimVerdict { kApprove, kReject };
inline constexpr EnumCodes<ClaimVerdict, 2> kClaimVerdictCodes{{{
    {ClaimVerdict::kApprove, "approve"},
    {ClaimVerdict::kReject, "reject"},
}}};

struct Claim {
  Id id = 0;
  Id case_id = 0;
  Money amount;
  std::string reason;
  ClaimStatus status = ClaimStatus::kPending;
  int level = 1;  // the level that decides next; once decided, the level that decided
  std::optional<Id> proposed_by;
  TimestampMs created_at = 0;
  std::optional<TimestampMs> decided_at;
  TimestampMs updated_at = 0;
};

// One approver's decision, kept for the audit of the claim.
struct ClaimDecision {
  Id id = 0;
  Id claim_id = 0;
  int level = 1;
  Id user_id = 0;
  ClaimVerdict verdict = ClaimVerdict::kApprove;
  std::string note;
  TimestampMs at = 0;
};

// One cell of the authority matrix: at `level`, `role` (or the one user
// `user_id`) may approve claims in `currency` up to `max_amount_minor`.
struct AuthorityLimit {
  int level = 1;
  std::optional<Role> role;
  std::optional<Id> user_id;
  std::string currency;
  std::int64_t max_amount_minor = 0;

  bool operator==(const AuthorityLimit&) const = default;
};

// The matrix shipped while an admin has stored none, in CNY: sales up to
// 1,000, QA up to 5,000, managers up to 50,000.
const std::vector<AuthorityLimit>& DefaultAuthorityMatrix();

// Levels ≥ 1; exactly one of role (not customer) and user; a currency code;
// a non-negative limit; no approver twice at a level of a currency.
// Errors: kInvalidArgument with one field error per problem ("limits[i].level").
Status ValidateAuthorityMatrix(const std::vector<AuthorityLimit>& matrix);

// The first level of `currency` above `level` (LevelAfter(matrix, 0, c) is
// where a claim starts); nullopt when there is none.
std::optional<int> LevelAfter(const std::vector<AuthorityLimit>& matrix, int level,
                              const std::string& currency);

// The highest amount the matrix lets anyone approve in `currency`; nullopt
// when the matrix has no level in it.
std::optional<std::int64_t> HighestLimit(const std::vector<AuthorityLimit>& matrix,
                                         const std::string& currency);

// Who is deciding.
struct Approver {
  Id user_id = 0;
  Role role = Role::kAgent;
};

// What a decision does to the claim.
struct ClaimOutcome {
  ClaimStatus status = ClaimStatus::kPending;
  int level = 1;  // the claim's level afterwards
};

// Applies `approver`'s verdict to a pending claim. An approval within the
// approver's limit at the claim's level approves it; above the limit it moves
// the claim to the next level of its currency. Errors: kConflict
// "error.claim_decided" when the claim is not pending; kForbidden
// "error.claim_not_approver" when the approver holds no limit at the claim's
// level; kForbidden "error.claim_own" for the claim's proposer or for someone
// who already decided it at a lower level (`decided_by`); kConflict
// "error.claim_above_authority" when no higher level exists.
Result<ClaimOutcome> DecideClaim(const std::vector<AuthorityLimit>& matrix, const Claim& claim,
                                 const std::vector<ClaimDecision>& decided_by,
                                 const Approver& approver, ClaimVerdict verdict);

// Whether `approver` may decide the claim now: it is pending, they hold a
// limit at its level, and they neither proposed it nor decided it before.
bool MayDecide(const std::vector<AuthorityLimit>& matrix, const Claim& claim,
               const std::vector<ClaimDecision>& decided_by, const Approver& approver);

}  // namespace lt::domain
