#pragma once

// The JSON shapes of improvement proposals and their summary. Savings
// travel as decimal strings ("1234.50").

#include <nlohmann/json.hpp>

#include "app/proposals.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

nlohmann::json ProposalToJson(const domain::ImprovementProposal& proposal);
Result<app::ProposalInput> ParseProposalInput(const nlohmann::json& body);
Result<app::ProposalPatch> ParseProposalPatch(const nlohmann::json& body);
nlohmann::json ProposalTotalsToJson(const domain::ProposalTotals& totals);

}  // namespace lt::http::wire
