#include "http/json/claim_wire.hpp"

#include "http/json/wire_support.hpp"

namespace lt::http::wire {
namespace {

using nlohmann::json;

json LimitToJson(const domain::AuthorityLimit& limit) {
  return {{"level", limit.level},
          {"role", limit.role ? json(domain::kRoleCodes.ToCode(*limit.role)) : json(nullptr)},
          {"user_id", OptionalId(limit.user_id)},
          {"currency", limit.currency},
          {"max_amount", domain::FormatAmount(limit.max_amount_minor)}};
}

json SumToJson(const app::ClaimTotals::Sum& sum) {
  return {{"count", sum.count}, {"amount", domain::FormatAmount(sum.amount_minor)}};
}

}  // namespace

json ClaimToJson(const domain::Claim& claim) {
  return {{"id", claim.id},
          {"case_id", claim.case_id},
          {"amount", domain::FormatAmount(claim.amount.minor)},
          {"currency", claim.amount.currency},
          {"reason", claim.reason},
          {"status", domain::kClaimStatusCodes.ToCode(claim.status)},
          {"level", claim.level},
          {"proposed_by", OptionalId(claim.proposed_by)},
          {"created_at", FormatTimestamp(claim.created_at)},
          {"decided_at", OptionalTime(claim.decided_at)},
          {"updated_at", FormatTimestamp(claim.updated_at)}};
}

json ClaimViewToJson(const app::ClaimView& view) {
  json out = ClaimToJson(view.claim);
  json decisions = json::array();
  for (const auto& decision : view.decisions) {
    decisions.push_back({{"level", decision.level},
                         {"user_id", decision.user_id},
                         {"verdict", domain::kClaimVerdictCodes.ToCode(decision.verdict)},
                         {"note", decision.note},
                         {"at", FormatTimestamp(decision.at)}});
  }
  out["decisions"] = decisions;
  json awaiting = json::array();
  for (const auto& limit : view.awaiting) awaiting.push_back(LimitToJson(limit));
  out["awaiting"] = awaiting;
  return out;
}

Result<app::ClaimInput> ParseClaimInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::ClaimInput input;
  const auto amount = reader.Amount("amount");
  if (!reader.Has("amount")) errors.Add("amount", "validation.required");
  input.amount.minor = amount.value_or(0);
  input.amount.currency = reader.String("currency").value_or("CNY");
  input.reason = reader.RequiredString("reason");
  return Finish(reader, errors, std::move(input));
}

Result<app::ClaimDecisionInput> ParseClaimDecision(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::ClaimDecisionInput input;
  auto verdict = reader.Enum("verdict", domain::kClaimVerdictCodes);
  if (!verdict && !reader.Has("verdict")) errors.Add("verdict", "validation.required");
  input.verdict = verdict.value_or(domain::ClaimVerdict::kApprove);
  input.note = reader.String("note").value_or("");
  return Finish(reader, errors, std::move(input));
}

json ClaimTotalsToJson(const app::ClaimTotals& totals) {
  return {{"currency", totals.currency},
          {"proposed", SumToJson(totals.proposed)},
          {"approved", SumToJson(totals.approved)},
          {"rejected", SumToJson(totals.rejected)},
          {"pending", SumToJson(totals.pending)},
          {"withdrawn", SumToJson(totals.withdrawn)}};
}

json AuthorityMatrixToJson(const std::vector<domain::AuthorityLimit>& matrix) {
  json limits = json::array();
  for (const auto& limit : matrix) limits.push_back(LimitToJson(limit));
  return {{"limits", limits}};
}

Result<std::vector<domain::AuthorityLimit>> ParseAuthorityMatrix(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  auto matrix =
      ReadObjects<domain::AuthorityLimit>(reader, "limits", errors, [&](ObjectReader& cell) {
        domain::AuthorityLimit limit;
        limit.level = static_cast<int>(cell.Integer("level", 1, 99).value_or(0));
        if (!cell.Has("level")) errors.Add(cell.Path("level"), "validation.required");
        limit.role = cell.Enum("role", domain::kRoleCodes);
        if (auto user = cell.NullableId("user_id")) limit.user_id = *user;
        limit.currency = cell.RequiredString("currency");
        const auto max_amount = cell.Amount("max_amount");
        if (!cell.Has("max_amount")) errors.Add(cell.Path("max_amount"), "validation.required");
        limit.max_amount_minor = max_amount.value_or(0);
        return limit;
      });
  if (!reader.Has("limits")) errors.Add("limits", "validation.required");
  return Finish(reader, errors, std::move(matrix));
}

}  // namespace lt::http::wire
