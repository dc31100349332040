#include "app/proposals.hpp"

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "app/field_rules.hpp"
#include "app/references.hpp"
#include "app/report_period.hpp"
#include "domain/money.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/proposal_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxTitleChars = 200;
constexpr std::size_t kMaxIdeaChars = 20000;

std::string StatusText(domain::ProposalStatus status) {
  return std::string(domain::kProposalStatusCodes.ToCode(status));
}

std::string AmountText(std::int64_t minor) { return domain::FormatAmount(minor); }

Result<domain::ImprovementProposal> LoadVisible(storage::Connection& connection,
                                                const domain::Principal& principal, Id id) {
  LT_TRY_ASSIGN(auto proposal, storage::ProposalStore(connection).Find(id));
  if (!proposal) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  LT_TRY(LoadVisibleCase(connection, principal, proposal->case_id));
  LT_TRY(RequireStaff(principal));
  return std::move(*proposal);
}

}  // namespace

Result<domain::ImprovementProposal> ProposeImprovement(AppContext& context,
                                                       const domain::Principal& principal,
                                                       Id case_id, const ProposalInput& input) {
  FieldErrors errors;
  domain::ImprovementProposal proposal;
  proposal.title = CheckText(input.title, "title", kMaxTitleChars, Presence::kRequired, errors);
  proposal.idea = CheckText(input.idea, "idea", kMaxIdeaChars, Presence::kRequired, errors);
  if (!input.owner_id) errors.Add("owner_id", "validation.required");
  if (!domain::IsCurrencyCode(input.currency)) errors.Add("currency", "validation.currency");
  const TimestampMs now = context.clock.NowMs();
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY(LoadVisibleCase(connection, principal, case_id));
    LT_TRY(RequireStaff(principal));
    LT_TRY(CheckReference(connection, Reference::kUser, input.owner_id, "owner_id", errors));
    if (!errors.empty()) return errors.ToError();
    proposal.case_id = case_id;
    proposal.owner_id = *input.owner_id;
    proposal.currency = input.currency;
    proposal.estimated_savings_minor = input.estimated_savings_minor;
    proposal.created_by = principal.user_id;
    proposal.created_at = proposal.updated_at = now;
    LT_TRY_ASSIGN(proposal.id, storage::ProposalStore(connection).Insert(proposal));
    ChangeList changes;
    changes.Record("case_id", std::nullopt, std::optional<Id>(case_id));
    changes.Record("title", std::nullopt, proposal.title);
    changes.Record("owner_id", std::nullopt, std::optional<Id>(proposal.owner_id));
    changes.Record("estimated_savings", std::nullopt, AmountText(proposal.estimated_savings_minor));
    return storage::AuditStore(connection)
        .Append(MakeEvent("improvement_proposal", proposal.id, "propose", principal.user_id, now,
                          changes.Take()));
  }));
  return proposal;
}

Result<domain::ImprovementProposal> GetProposal(AppContext& context,
                                                const domain::Principal& principal, Id id) {
  domain::ImprovementProposal proposal;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(proposal, LoadVisible(connection, principal, id));
    return Ok();
  }));
  return proposal;
}

Result<std::vector<domain::ImprovementProposal>> ListProposals(
    AppContext& context, const domain::Principal& principal, const domain::ProposalFilter& filter) {
  LT_TRY(RequireStaff(principal));
  std::vector<domain::ImprovementProposal> visible;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    domain::ProposalFilter wider = filter;
    wider.limit = kVisibleOverRead * filter.limit;
    LT_TRY_ASSIGN(const auto proposals, storage::ProposalStore(connection).List(wider));
    return KeepVisible(
        connection, principal, proposals, filter.limit,
        [](const domain::ImprovementProposal& proposal) { return proposal.case_id; },
        [&](const domain::ImprovementProposal& proposal, const domain::Case&) -> Status {
          visible.push_back(proposal);
          return Ok();
        });
  }));
  return visible;
}

Result<domain::ImprovementProposal> UpdateProposal(AppContext& context,
                                                   const domain::Principal& principal, Id id,
                                                   const ProposalPatch& patch) {
  const TimestampMs now = context.clock.NowMs();
  domain::ImprovementProposal after;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto before, LoadVisible(connection, principal, id));
    const bool involved = principal.user_id && (*principal.user_id == before.owner_id ||
                                                principal.user_id == before.created_by);
    const bool supervisor = principal.system || principal.role == domain::Role::kManager ||
                            principal.role == domain::Role::kAdmin;
    if (!involved && !supervisor) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    if (patch.status && *patch.status != before.status &&
        !domain::MayMoveProposal(before.status, *patch.status)) {
      return Error::Of(ErrorCode::kConflict, "error.proposal_status",
                       {{"from", StatusText(before.status)}, {"to", StatusText(*patch.status)}});
    }
    FieldErrors errors;
    after = before;
    if (patch.title) {
      after.title = CheckText(*patch.title, "title", kMaxTitleChars, Presence::kRequired, errors);
    }
    if (patch.idea) {
      after.idea = CheckText(*patch.idea, "idea", kMaxIdeaChars, Presence::kRequired, errors);
    }
    if (patch.owner_id) {
      LT_TRY(CheckReference(connection, Reference::kUser, patch.owner_id, "owner_id", errors));
      after.owner_id = *patch.owner_id;
    }
    if (patch.status) after.status = *patch.status;
    if (patch.estimated_savings_minor)
      after.estimated_savings_minor = *patch.estimated_savings_minor;
    if (patch.realised_savings_minor) {
      if (after.status != domain::ProposalStatus::kImplemented) {
        errors.Add("realised_savings", "validation.only_when_implemented");
      }
      after.realised_savings_minor = *patch.realised_savings_minor;
    }
    if (!errors.empty()) return errors.ToError();
    if (after.status == domain::ProposalStatus::kImplemented && !after.implemented_at) {
      after.implemented_at = now;
    }
    after.updated_at = now;
    LT_TRY(storage::ProposalStore(connection).Update(after));
    ChangeList changes;
    changes.Record("title", before.title, after.title);
    changes.Record("idea", before.idea, after.idea);
    changes.Record("owner_id", std::optional<Id>(before.owner_id),
                   std::optional<Id>(after.owner_id));
    changes.Record("status", StatusText(before.status), StatusText(after.status));
    changes.Record("estimated_savings", AmountText(before.estimated_savings_minor),
                   AmountText(after.estimated_savings_minor));
    changes.Record("realised_savings", AmountText(before.realised_savings_minor),
                   AmountText(after.realised_savings_minor));
    return storage::AuditStore(connection)
        .Append(MakeEvent("improvement_proposal", id, "update", principal.user_id, now,
                          changes.Take()));
  }));
  return after;
}

Result<std::vector<domain::ProposalTotals>> SummariseProposals(AppContext& context,
                                                               const domain::Principal& principal,
                                                               std::string_view period_text) {
  LT_TRY(RequireStaff(principal));
  LT_TRY_ASSIGN(const Period period, YearOrMonthPeriod(period_text));
  std::vector<domain::ProposalTotals> totals;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(totals, storage::ProposalStore(connection)
                              .Summarise(period.from, period.to, domain::ScopeOf(principal)));
    return Ok();
  }));
  return totals;
}

}  // namespace lt::app
