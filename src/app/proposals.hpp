#pragma once

// Improvement proposals born from cases: proposed by staff, accepted or
// rejected, implemented with the savings realised; counted per period.
// Every change is audited ("improvement_proposal", id).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/improvement_proposal.hpp"
#include "domain/queries.hpp"

namespace lt::app {

struct ProposalInput {
  std::string title;
  std::string idea;
  std::optional<Id> owner_id;  // required
  std::string currency = "CNY";
  std::int64_t estimated_savings_minor = 0;
};

// Staff who see the case. Errors: kNotFound, kForbidden, kInvalidArgument.
Result<domain::ImprovementProposal> ProposeImprovement(AppContext& context,
                                                       const domain::Principal& principal,
                                                       Id case_id, const ProposalInput& input);

Result<domain::ImprovementProposal> GetProposal(AppContext& context,
                                                const domain::Principal& principal, Id id);

// Proposals on cases the caller sees, newest first. Staff only.
Result<std::vector<domain::ImprovementProposal>> ListProposals(
    AppContext& context, const domain::Principal& principal, const domain::ProposalFilter& filter);

struct ProposalPatch {
  Patch<std::string> title;
  Patch<std::string> idea;
  Patch<Id> owner_id;
  Patch<domain::ProposalStatus> status;  // along domain::MayMoveProposal
  Patch<std::int64_t> estimated_savings_minor;
  Patch<std::int64_t> realised_savings_minor;  // only once implemented
};

// The owner, the proposer, managers and admins. Errors: kNotFound,
// kForbidden, kInvalidArgument, kConflict "error.proposal_status" for a move
// the status does not allow.
Result<domain::ImprovementProposal> UpdateProposal(AppContext& context,
                                                   const domain::Principal& principal, Id id,
                                                   const ProposalPatch& patch);

// Staff only. `period` is "YYYY" or "YYYY-MM".
Result<std::vector<domain::ProposalTotals>> SummariseProposals(AppContext& context,
                                                               const domain::Principal& principal,
                                                               std::string_view period);

}  // namespace lt::app
