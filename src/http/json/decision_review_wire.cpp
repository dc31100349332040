#include "http/json/decision_review_wire.hpp"

#include "http/json/case_wire.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {

using nlohmann::json;

json ReviewToJson(const app::ReviewView& view) {
  const domain::DecisionReview& review = view.review;
  return {
      {"id", review.id},
      {"case", CaseToJson(view.a_case)},
      {"step_id", review.transition_id},
      {"alternatives", CodeList(review.alternatives, domain::kAlternativeCodes)},
      {"opened_at", FormatTimestamp(review.opened_at)},
      {"settled_at", OptionalTime(review.settled_at)},
      {"settled_by", OptionalId(review.settled_by)},
      {"alternative_taken", review.alternative_taken
                                ? json(domain::kAlternativeCodes.ToCode(*review.alternative_taken))
                                : json(nullptr)},
      {"outcome", review.outcome}};
}

Result<app::Settlement> ParseSettlement(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::Settlement settlement;
  settlement.outcome = reader.RequiredString("outcome");
  settlement.alternative_taken = reader.Enum("alternative_taken", domain::kAlternativeCodes);
  return Finish(reader, errors, std::move(settlement));
}

}  // namespace lt::http::wire
