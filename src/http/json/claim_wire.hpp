#pragma once

// The JSON shapes of claims, their decisions, the monthly claims summary and
// the authority matrix. Amounts travel as decimal strings ("1234.50"); a
// request may also give a JSON number.

#include <nlohmann/json.hpp>

#include <vector>

#include "app/claims.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

nlohmann::json ClaimToJson(const domain::Claim& claim);
nlohmann::json ClaimViewToJson(const app::ClaimView& view);
Result<app::ClaimInput> ParseClaimInput(const nlohmann::json& body);
Result<app::ClaimDecisionInput> ParseClaimDecision(const nlohmann::json& body);

nlohmann::json ClaimTotalsToJson(const app::ClaimTotals& totals);

nlohmann::json AuthorityMatrixToJson(const std::vector<domain::AuthorityLimit>& matrix);
Result<std::vector<domain::AuthorityLimit>> ParseAuthorityMatrix(const nlohmann::json& body);

}  // namespace lt::http::wire
