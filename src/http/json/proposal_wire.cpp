#include "http/json/proposal_wire.hpp"

#include "http/json/wire_support.hpp"

namespace lt::http::wire {

using nlohmann::json;

json ProposalToJson(const domain::ImprovementProposal& proposal) {
  return {{"id", proposal.id},
          {"case_id", proposal.case_id},
          {"title", proposal.title},
          {"idea", proposal.idea},
          {"owner_id", proposal.owner_id},
          {"status", domain::kProposalStatusCodes.ToCode(proposal.status)},
          {"currency", proposal.currency},
          {"estimated_savings", domain::FormatAmount(proposal.estimated_savings_minor)},
          {"realised_savings", domain::FormatAmount(proposal.realised_savings_minor)},
          {"created_by", OptionalId(proposal.created_by)},
          {"created_at", FormatTimestamp(proposal.created_at)},
          {"implemented_at", OptionalTime(proposal.implemented_at)},
          {"updated_at", FormatTimestamp(proposal.updated_at)}};
}

Result<app::ProposalInput> ParseProposalInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::ProposalInput input;
  input.title = reader.RequiredString("title");
  input.idea = reader.RequiredString("idea");
  if (auto id = reader.NullableId("owner_id")) input.owner_id = *id;
  if (!input.owner_id) errors.Add("owner_id", "validation.required");
  input.currency = reader.String("currency").value_or("CNY");
  input.estimated_savings_minor = reader.Amount("estimated_savings").value_or(0);
  return Finish(reader, errors, std::move(input));
}

Result<app::ProposalPatch> ParseProposalPatch(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::ProposalPatch patch;
  patch.title = reader.String("title");
  patch.idea = reader.String("idea");
  if (auto id = reader.NullableId("owner_id")) {
    if (*id) {
      patch.owner_id = **id;
    } else {
      errors.Add("owner_id", "validation.required");
    }
  }
  patch.status = reader.Enum("status", domain::kProposalStatusCodes);
  patch.estimated_savings_minor = reader.Amount("estimated_savings");
  patch.realised_savings_minor = reader.Amount("realised_savings");
  return Finish(reader, errors, std::move(patch));
}

json ProposalTotalsToJson(const domain::ProposalTotals& totals) {
  return {{"status", domain::kProposalStatusCodes.ToCode(totals.status)},
          {"currency", totals.currency},
          {"count", totals.count},
          {"cases", totals.cases},
          {"estimated_savings", domain::FormatAmount(totals.estimated_savings_minor)},
          {"realised_savings", domain::FormatAmount(totals.realised_savings_minor)}};
}

}  // namespace lt::http::wire
