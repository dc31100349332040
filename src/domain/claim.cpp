#include "domain/claim.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace lt::domain {
namespace {

bool Matches(const AuthorityLimit& limit, const Approver& approver) {
  if (limit.user_id) return *limit.user_id == approver.user_id;
  return limit.role && Holds(approver.role, *limit.role);
}

// The highest limit `approver` holds at `level` in `currency`.
std::optional<std::int64_t> LimitAt(const std::vector<AuthorityLimit>& matrix, int level,
                                    const std::string& currency, const Approver& approver) {
  std::optional<std::int64_t> best;
  for (const auto& limit : matrix) {
    if (limit.level != level || limit.currency != currency || !Matches(limit, approver)) continue;
    best = std::max(best.value_or(limit.max_amount_minor), limit.max_amount_minor);
  }
  return best;
}

// The refusals of DecideClaim that do not depend on the verdict.
Status CheckDecider(const std::vector<AuthorityLimit>& matrix, const Claim& claim,
                    const std::vector<ClaimDecision>& decided_by, const Approver& approver) {
  if (claim.status != ClaimStatus::kPending) {
    return Error::Of(ErrorCode::kConflict, "error.claim_decided",
                     {{"status", std::string(kClaimStatusCodes.ToCode(claim.status))}});
  }
  const auto limit = LimitAt(matrix, claim.level, claim.amount.currency, approver);
  if (!limit) {
    return Error::Of(ErrorCode::kForbidden, "error.claim_not_approver",
                     {{"level", std::to_string(claim.level)}});
  }
  // Four eyes: whoever proposed the claim or already decided on it does not
  // decide again, even when the matrix names them at a higher level too.
  const bool decided_before = std::any_of(
      decided_by.begin(), decided_by.end(),
      [&](const ClaimDecision& decision) { return decision.user_id == approver.user_id; });
  if ((claim.proposed_by && *claim.proposed_by == approver.user_id) || decided_before) {
    return Error::Of(ErrorCode::kForbidden, "error.claim_own");
  }
  return Ok();
}

}  // namespace

const std::vector<AuthorityLimit>& DefaultAuthorityMatrix() {
  static const std::vector<AuthorityLimit> matrix = {
      {1, Role::kSales, std::nullopt, "CNY", 1'000'00},
      {2, Role::kQa, std::nullopt, "CNY", 5'000'00},
      {3, Role::kManager, std::nullopt, "CNY", 50'000'00},
  };
  return matrix;
}

Status ValidateAuthorityMatrix(const std::vector<AuthorityLimit>& matrix) {
  FieldErrors errors;
  std::set<std::tuple<std::string, int, int, Id>> seen;  // currency, level, role, user
  for (std::size_t i = 0; i < matrix.size(); ++i) {
    const AuthorityLimit& limit = matrix[i];
    const std::string prefix = "limits[" + std::to_string(i) + "].";
    if (limit.level < 1 || limit.level > 99) {
      errors.Add(prefix + "level", "validation.range", {{"min", "1"}, {"max", "99"}});
    }
    if (limit.role.has_value() == limit.user_id.has_value()) {
      errors.Add(prefix + "role", "validation.role_or_user");
    }
    if (limit.role && *limit.role == Role::kCustomer) {
      errors.Add(prefix + "role", "validation.staff_role");
    }
    if (!IsCurrencyCode(limit.currency)) {
      errors.Add(prefix + "currency", "validation.currency");
    }
    if (limit.max_amount_minor < 0) {
      errors.Add(prefix + "max_amount", "validation.amount");
    }
    const auto key =
        std::make_tuple(limit.currency, limit.level,
                        limit.role ? static_cast<int>(*limit.role) : -1, limit.user_id.value_or(0));
    if (!seen.insert(key).second) errors.Add(prefix + "level", "validation.duplicate_approver");
  }
  if (!errors.empty()) return errors.ToError();
  return Ok();
}

std::optional<int> LevelAfter(const std::vector<AuthorityLimit>& matrix, int level,
                              const std::string& currency) {
  std::optional<int> next;
  for (const auto& limit : matrix) {
    if (limit.currency != currency || limit.level <= level) continue;
    next = std::min(next.value_or(limit.level), limit.level);
  }
  return next;
}

std::optional<std::int64_t> HighestLimit(const std::vector<AuthorityLimit>& matrix,
                                         const std::string& currency) {
  std::optional<std::int64_t> highest;
  for (const auto& limit : matrix) {
    if (limit.currency != currency) continue;
    highest = std::max(highest.value_or(limit.max_amount_minor), limit.max_amount_minor);
  }
  return highest;
}

bool MayDecide(const std::vector<AuthorityLimit>& matrix, const Claim& claim,
               const std::vector<ClaimDecision>& decided_by, const Approver& approver) {
  return CheckDecider(matrix, claim, decided_by, approver).ok();
}

Result<ClaimOutcome> DecideClaim(const std::vector<AuthorityLimit>& matrix, const Claim& claim,
                                 const std::vector<ClaimDecision>& decided_by,
                                 const Approver& approver, ClaimVerdict verdict) {
  LT_TRY(CheckDecider(matrix, claim, decided_by, approver));
  const std::int64_t limit = *LimitAt(matrix, claim.level, claim.amount.currency, approver);
  if (verdict == ClaimVerdict::kReject) return ClaimOutcome{ClaimStatus::kRejected, claim.level};
  if (claim.amount.minor <= limit) return ClaimOutcome{ClaimStatus::kApproved, claim.level};
  const auto next = LevelAfter(matrix, claim.level, claim.amount.currency);
  if (!next) {
    return Error::Of(
        ErrorCode::kConflict, "error.claim_above_authority",
        {{"amount", FormatAmount(claim.amount.minor)}, {"currency", claim.amount.currency}});
  }
  return ClaimOutcome{ClaimStatus::kPending, *next};
}

}  // namespace lt::domain
