#pragma once

// Claims (理赔): proposing compensation on a case, deciding on it along the
// authority matrix, the claims awaiting a user, the monthly summary, and the
// matrix admins edit. Every change is audited in its own transaction.

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/claim.hpp"

namespace lt::app {

struct ClaimInput {
  domain::Money amount;  // parsed by the edge
  std::string reason;
};

struct ClaimDecisionInput {
  domain::ClaimVerdict verdict = domain::ClaimVerdict::kApprove;
  std::string note;
};

// A claim with its decisions and, while pending, who may decide next.
struct ClaimView {
  domain::Claim claim;
  std::vector<domain::ClaimDecision> decisions;
  std::vector<domain::AuthorityLimit> awaiting;  // the matrix cells of the current level
};

// Staff who see the case. The amount must be positive and within the
// matrix's highest limit in its currency ("validation.claim_above_authority").
// Errors: kNotFound, kForbidden, kInvalidArgument.
Result<ClaimView> ProposeClaim(AppContext& context, const domain::Principal& principal, Id case_id,
                               const ClaimInput& input);

// Errors: kNotFound (claim absent or its case not visible), kForbidden (portal users).
Result<ClaimView> GetClaim(AppContext& context, const domain::Principal& principal, Id claim_id);

// Errors: kNotFound, kForbidden.
Result<std::vector<domain::Claim>> ListCaseClaims(AppContext& context,
                                                  const domain::Principal& principal, Id case_id);

// Records the caller's approval or rejection (domain::DecideClaim), audited.
// Errors: kNotFound; kForbidden when the caller may not decide now; kConflict
// when the claim is decided or above every limit; kInvalidArgument for a
// rejection without a note.
Result<ClaimView> DecideOnClaim(AppContext& context, const domain::Principal& principal,
                                Id claim_id, const ClaimDecisionInput& input);

// The proposer (or a manager or admin) withdraws a pending claim.
// Errors: kNotFound, kForbidden, kConflict (already decided).
Result<ClaimView> WithdrawClaim(AppContext& context, const domain::Principal& principal,
                                Id claim_id);

// Pending claims the caller may decide now, oldest first, at most `limit`.
Result<std::vector<domain::Claim>> ListClaimsAwaiting(AppContext& context,
                                                      const domain::Principal& principal,
                                                      int limit);

// The claims of one month (by proposal date) in one currency.
struct ClaimTotals {
  struct Sum {
    std::int64_t count = 0;
    std::int64_t amount_minor = 0;
  };
  std::string currency;
  Sum proposed, approved, rejected, pending, withdrawn;
};

// Staff only. `month` is "YYYY-MM" in the business calendar's zone.
// Errors: kForbidden, kInvalidArgument (month).
Result<std::vector<ClaimTotals>> SummariseClaims(AppContext& context,
                                                 const domain::Principal& principal,
                                                 std::string_view month);

// Admins and managers read the matrix (a decider learns their own limit from
// the claim); admins replace it (validated, users checked, audited).
Result<std::vector<domain::AuthorityLimit>> GetAuthorityMatrix(AppContext& context,
                                                               const domain::Principal& principal);
Result<std::vector<domain::AuthorityLimit>> ReplaceAuthorityMatrix(
    AppContext& context, const domain::Principal& principal,
    const std::vector<domain::AuthorityLimit>& matrix);

}  // namespace lt::app
