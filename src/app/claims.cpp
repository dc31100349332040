#include "app/claims.hpp"

#include <algorithm>
#include <map>

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "app/field_rules.hpp"
#include "app/live_updates.hpp"
#include "app/references.hpp"
#include "app/report_period.hpp"
#include "app/staff_notifications.hpp"
#include "storage/audit_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/claim_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/directory_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxClaimTextChars = 4000;

std::vector<domain::AuthorityLimit> CellsAt(const std::vector<domain::AuthorityLimit>& matrix,
                                            const domain::Claim& claim) {
  std::vector<domain::AuthorityLimit> cells;
  if (claim.status != domain::ClaimStatus::kPending) return cells;
  for (const auto& limit : matrix) {
    if (limit.level == claim.level && limit.currency == claim.amount.currency) {
      cells.push_back(limit);
    }
  }
  return cells;
}

Result<ClaimView> ViewOf(storage::ClaimStore& store, domain::Claim claim,
                         const std::vector<domain::AuthorityLimit>& matrix) {
  ClaimView view;
  LT_TRY_ASSIGN(view.decisions, store.ListDecisions(claim.id));
  view.awaiting = CellsAt(matrix, claim);
  view.claim = std::move(claim);
  return view;
}

// The claim and its case, once the principal may see both as staff.
struct LoadedClaim {
  domain::Claim claim;
  domain::Case a_case;
};
Result<LoadedClaim> LoadClaim(storage::Connection& connection, const domain::Principal& principal,
                              Id claim_id) {
  LT_TRY_ASSIGN(auto claim, storage::ClaimStore(connection).Find(claim_id));
  if (!claim) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  LT_TRY_ASSIGN(auto a_case, LoadVisibleCase(connection, principal, claim->case_id));
  LT_TRY(RequireStaff(principal));
  return LoadedClaim{std::move(*claim), std::move(a_case)};
}

std::string AmountText(const domain::Money& amount) {
  return domain::FormatAmount(amount.minor) + " " + amount.currency;
}

// Audits a claim change and tells live-update clients of the case.
Status RecordClaimChange(storage::Connection& connection, const domain::Case& a_case,
                         const domain::Claim& claim, const std::string& action,
                         const domain::Principal& principal, TimestampMs now, ChangeList changes) {
  LT_TRY(storage::AuditStore(connection)
             .Append(MakeEvent("claim", claim.id, action, principal.user_id, now, changes.Take())));
  return storage::PublishCaseChange(connection,
                                    ChangeOf(a_case, "claim", principal.user_id, now, true));
}

// Tells whoever may decide the claim at its level now (not its proposer, nor
// who decided it below): the users the matrix names, and the holders of the
// roles it names in the case's department (everywhere when it has none).
Status NotifyApprovers(storage::Connection& connection, const std::string& public_url,
                       const domain::Case& a_case, const domain::Claim& claim,
                       const std::vector<domain::AuthorityLimit>& matrix,
                       const std::vector<domain::ClaimDecision>& decisions, TimestampMs now) {
  storage::DirectoryStore directory(connection);
  std::vector<Id> approvers;
  for (const auto& cell : CellsAt(matrix, claim)) {
    if (cell.user_id) {
      LT_TRY_ASSIGN(const auto user, directory.FindUser(*cell.user_id));
      if (user && domain::MayDecide(matrix, claim, decisions, {user->id, user->role})) {
        approvers.push_back(user->id);
      }
      continue;
    }
    if (!cell.role) continue;
    LT_TRY_ASSIGN(auto holders, directory.ActiveUserIdsInRoles({*cell.role}, a_case.department_id));
    if (holders.empty() && a_case.department_id) {
      LT_TRY_ASSIGN(holders, directory.ActiveUserIdsInRoles({*cell.role}, std::nullopt));
    }
    for (const Id holder : holders) {
      if (domain::MayDecide(matrix, claim, decisions, {holder, *cell.role})) {
        approvers.push_back(holder);
      }
    }
  }
  StaffNotice notice;
  notice.kind = "claim_approval";
  notice.about = &a_case;
  notice.subject = AmountText(claim.amount);
  return NotifyStaff(connection, public_url, notice, approvers, now);
}

ClaimTotals::Sum& SumFor(ClaimTotals& totals, domain::ClaimStatus status) {
  switch (status) {
    case domain::ClaimStatus::kPending:
      return totals.pending;
    case domain::ClaimStatus::kApproved:
      return totals.approved;
    case domain::ClaimStatus::kRejected:
      return totals.rejected;
    case domain::ClaimStatus::kWithdrawn:
      return totals.withdrawn;
  }
  return totals.pending;
}

}  // namespace

Result<ClaimView> ProposeClaim(AppContext& context, const domain::Principal& principal, Id case_id,
                               const ClaimInput& input) {
  FieldErrors errors;
  const std::string reason =
      CheckText(input.reason, "reason", kMaxClaimTextChars, Presence::kRequired, errors);
  if (!domain::IsCurrencyCode(input.amount.currency)) {
    errors.Add("currency", "validation.currency");
  }
  if (input.amount.minor <= 0) errors.Add("amount", "validation.amount");
  const TimestampMs now = context.clock.NowMs();
  ClaimView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto a_case, LoadVisibleCase(connection, principal, case_id));
    LT_TRY(RequireStaff(principal));
    storage::ClaimStore store(connection);
    LT_TRY_ASSIGN(const auto matrix, store.LoadAuthorityMatrix());
    const auto highest = domain::HighestLimit(matrix, input.amount.currency);
    const auto first_level = domain::LevelAfter(matrix, 0, input.amount.currency);
    if (errors.empty() && (!highest || !first_level || input.amount.minor > *highest)) {
      errors.Add("amount", "validation.claim_above_authority",
                 {{"limit", highest ? domain::FormatAmount(*highest) : "0.00"},
                  {"currency", input.amount.currency}});
    }
    if (!errors.empty()) return errors.ToError();
    domain::Claim claim;
    claim.case_id = case_id;
    claim.amount = input.amount;
    claim.reason = reason;
    claim.level = *first_level;
    claim.proposed_by = principal.user_id;
    claim.created_at = claim.updated_at = now;
    LT_TRY_ASSIGN(claim.id, store.Insert(claim));
    ChangeList changes;
    changes.Record("amount", std::nullopt, AmountText(claim.amount));
    changes.Record("reason", std::nullopt, claim.reason);
    changes.Record("case_id", std::nullopt, std::optional<Id>(case_id));
    LT_TRY(RecordClaimChange(connection, a_case, claim, "propose", principal, now,
                             std::move(changes)));
    LT_TRY(NotifyApprovers(connection, context.options.public_url, a_case, claim, matrix, {}, now));
    LT_TRY_ASSIGN(view, ViewOf(store, std::move(claim), matrix));
    return Ok();
  }));
  return view;
}

Result<ClaimView> GetClaim(AppContext& context, const domain::Principal& principal, Id claim_id) {
  ClaimView view;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto loaded, LoadClaim(connection, principal, claim_id));
    storage::ClaimStore store(connection);
    LT_TRY_ASSIGN(const auto matrix, store.LoadAuthorityMatrix());
    LT_TRY_ASSIGN(view, ViewOf(store, std::move(loaded.claim), matrix));
    return Ok();
  }));
  return view;
}

Result<std::vector<domain::Claim>> ListCaseClaims(AppContext& context,
                                                  const domain::Principal& principal, Id case_id) {
  std::vector<domain::Claim> claims;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY(LoadVisibleCase(connection, principal, case_id));
    LT_TRY(RequireStaff(principal));
    LT_TRY_ASSIGN(claims, storage::ClaimStore(connection).ListForCase(case_id));
    return Ok();
  }));
  return claims;
}

Result<ClaimView> DecideOnClaim(AppContext& context, const domain::Principal& principal,
                                Id claim_id, const ClaimDecisionInput& input) {
  FieldErrors errors;
  const std::string note = CheckText(
      input.note, "note", kMaxClaimTextChars,
      input.verdict == domain::ClaimVerdict::kReject ? Presence::kRequired : Presence::kOptional,
      errors);
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  ClaimView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto loaded, LoadClaim(connection, principal, claim_id));
    if (!principal.user_id) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    storage::ClaimStore store(connection);
    LT_TRY_ASSIGN(const auto matrix, store.LoadAuthorityMatrix());
    LT_TRY_ASSIGN(const auto decisions, store.ListDecisions(claim_id));
    domain::Claim& claim = loaded.claim;
    LT_TRY_ASSIGN(const auto outcome,
                  domain::DecideClaim(matrix, claim, decisions,
                                      {*principal.user_id, principal.role}, input.verdict));
    domain::ClaimDecision decision;
    decision.claim_id = claim.id;
    decision.level = claim.level;
    decision.user_id = *principal.user_id;
    decision.verdict = input.verdict;
    decision.note = note;
    decision.at = now;
    LT_TRY(store.InsertDecision(decision));
    ChangeList changes;
    changes.Record("status", std::string(domain::kClaimStatusCodes.ToCode(claim.status)),
                   std::string(domain::kClaimStatusCodes.ToCode(outcome.status)));
    changes.Record("level", std::to_string(claim.level), std::to_string(outcome.level));
    changes.Record("note", std::nullopt, note.empty() ? std::nullopt : std::optional(note));
    const bool passed_up = outcome.status == domain::ClaimStatus::kPending;
    claim.status = outcome.status;
    claim.level = outcome.level;
    claim.updated_at = now;
    if (!passed_up) claim.decided_at = now;
    LT_TRY(store.SaveState(claim));
    const std::string action = passed_up                                         ? "pass_up"
                               : input.verdict == domain::ClaimVerdict::kApprove ? "approve"
                                                                                 : "reject";
    LT_TRY(RecordClaimChange(connection, loaded.a_case, claim, action, principal, now,
                             std::move(changes)));
    if (passed_up) {
      auto decided = decisions;
      decided.push_back(decision);
      LT_TRY(NotifyApprovers(connection, context.options.public_url, loaded.a_case, claim, matrix,
                             decided, now));
    }
    LT_TRY_ASSIGN(view, ViewOf(store, std::move(claim), matrix));
    return Ok();
  }));
  return view;
}

Result<ClaimView> WithdrawClaim(AppContext& context, const domain::Principal& principal,
                                Id claim_id) {
  const TimestampMs now = context.clock.NowMs();
  ClaimView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto loaded, LoadClaim(connection, principal, claim_id));
    domain::Claim& claim = loaded.claim;
    const bool proposer = principal.user_id && claim.proposed_by == principal.user_id;
    const bool supervisor = principal.role == domain::Role::kManager ||
                            principal.role == domain::Role::kAdmin || principal.system;
    if (!proposer && !supervisor) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    if (claim.status != domain::ClaimStatus::kPending) {
      return Error::Of(ErrorCode::kConflict, "error.claim_decided",
                       {{"status", std::string(domain::kClaimStatusCodes.ToCode(claim.status))}});
    }
    storage::ClaimStore store(connection);
    claim.status = domain::ClaimStatus::kWithdrawn;
    claim.decided_at = claim.updated_at = now;
    LT_TRY(store.SaveState(claim));
    ChangeList changes;
    changes.Record("status", std::string("pending"), std::string("withdrawn"));
    LT_TRY(RecordClaimChange(connection, loaded.a_case, claim, "withdraw", principal, now,
                             std::move(changes)));
    LT_TRY_ASSIGN(const auto matrix, store.LoadAuthorityMatrix());
    LT_TRY_ASSIGN(view, ViewOf(store, std::move(claim), matrix));
    return Ok();
  }));
  return view;
}

Result<std::vector<domain::Claim>> ListClaimsAwaiting(AppContext& context,
                                                      const domain::Principal& principal,
                                                      int limit) {
  LT_TRY(RequireStaff(principal));
  std::vector<domain::Claim> awaiting;
  if (!principal.user_id) return awaiting;
  const domain::Approver approver{*principal.user_id, principal.role};
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    storage::ClaimStore store(connection);
    LT_TRY_ASSIGN(const auto matrix, store.LoadAuthorityMatrix());
    // Pending claims are few (they are decided within days); reading them
    // all and asking the matrix is simpler than encoding it in SQL.
    LT_TRY_ASSIGN(const auto pending, store.ListPending(10000));
    std::vector<domain::Claim> decidable;
    for (const auto& claim : pending) {
      // The matrix alone rules out most; only then read who decided already.
      if (!domain::MayDecide(matrix, claim, {}, approver)) continue;
      LT_TRY_ASSIGN(const auto decisions, store.ListDecisions(claim.id));
      if (domain::MayDecide(matrix, claim, decisions, approver)) decidable.push_back(claim);
    }
    return KeepVisible(
        connection, principal, decidable, limit,
        [](const domain::Claim& claim) { return claim.case_id; },
        [&](const domain::Claim& claim, const domain::Case&) -> Status {
          awaiting.push_back(claim);
          return Ok();
        });
  }));
  return awaiting;
}

Result<std::vector<ClaimTotals>> SummariseClaims(AppContext& context,
                                                 const domain::Principal& principal,
                                                 std::string_view month) {
  LT_TRY(RequireStaff(principal));
  LT_TRY_ASSIGN(const Period period, MonthPeriod(month));
  std::map<std::string, ClaimTotals> by_currency;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto claims,
                  storage::ClaimStore(connection)
                      .ListCreatedBetween(period.from, period.to, domain::ScopeOf(principal)));
    for (const auto& claim : claims) {
      ClaimTotals& totals = by_currency[claim.amount.currency];
      totals.currency = claim.amount.currency;
      for (ClaimTotals::Sum* sum : {&totals.proposed, &SumFor(totals, claim.status)}) {
        ++sum->count;
        sum->amount_minor += claim.amount.minor;
      }
    }
    return Ok();
  }));
  std::vector<ClaimTotals> totals;
  for (auto& [currency, sum] : by_currency) totals.push_back(std::move(sum));
  return totals;
}

Result<std::vector<domain::AuthorityLimit>> GetAuthorityMatrix(AppContext& context,
                                                               const domain::Principal& principal) {
  LT_TRY(RequireSupervisor(principal));
  std::vector<domain::AuthorityLimit> matrix;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(matrix, storage::ClaimStore(connection).LoadAuthorityMatrix());
    return Ok();
  }));
  return matrix;
}

Result<std::vector<domain::AuthorityLimit>> ReplaceAuthorityMatrix(
    AppContext& context, const domain::Principal& principal,
    const std::vector<domain::AuthorityLimit>& matrix) {
  LT_TRY(RequireAdmin(principal));
  LT_TRY(domain::ValidateAuthorityMatrix(matrix));
  const TimestampMs now = context.clock.NowMs();
  std::vector<domain::AuthorityLimit> stored;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    FieldErrors errors;
    for (std::size_t i = 0; i < matrix.size(); ++i) {
      LT_TRY(CheckReference(connection, Reference::kUser, matrix[i].user_id,
                            "limits[" + std::to_string(i) + "].user_id", errors));
    }
    if (!errors.empty()) return errors.ToError();
    storage::ClaimStore store(connection);
    LT_TRY_ASSIGN(const auto before, store.LoadAuthorityMatrix());
    LT_TRY(store.ReplaceAuthorityMatrix(matrix));
    LT_TRY_ASSIGN(stored, store.LoadAuthorityMatrix());
    auto describe = [](const std::vector<domain::AuthorityLimit>& limits) {
      std::string out;
      for (const auto& limit : limits) {
        if (!out.empty()) out += "; ";
        out += std::to_string(limit.level) + " " +
               (limit.role ? std::string(domain::kRoleCodes.ToCode(*limit.role))
                           : "user:" + std::to_string(limit.user_id.value_or(0))) +
               " " + domain::FormatAmount(limit.max_amount_minor) + " " + limit.currency;
      }
      return out;
    };
    ChangeList changes;
    changes.Record("limits", describe(before), describe(stored));
    return storage::AuditStore(connection)
        .Append(
            MakeEvent("authority_matrix", 0, "replace", principal.user_id, now, changes.Take()));
  }));
  return stored;
}

}  // namespace lt::app
