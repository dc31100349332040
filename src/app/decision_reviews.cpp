#include "app/decision_reviews.hpp"

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "app/field_rules.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/decision_review_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxOutcomeChars = 10000;

bool MaySettle(const domain::Principal& principal) {
  using domain::Role;
  switch (principal.role) {
    case Role::kQa:
    case Role::kQaHead:
    case Role::kSales:
    case Role::kGeneralAffairs:
    case Role::kManager:
    case Role::kAdmin:
      return true;
    default:
      return principal.system;
  }
}

}  // namespace

Result<std::vector<ReviewView>> ListDecisionReviews(AppContext& context,
                                                    const domain::Principal& principal,
                                                    domain::Settled settled, int limit) {
  LT_TRY(RequireStaff(principal));
  std::vector<ReviewView> views;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto reviews,
                  storage::DecisionReviewStore(connection).List(settled, kVisibleOverRead * limit));
    return KeepVisible(
        connection, principal, reviews, limit,
        [](const domain::DecisionReview& review) { return review.case_id; },
        [&](const domain::DecisionReview& review, domain::Case a_case) -> Status {
          views.push_back({review, std::move(a_case)});
          return Ok();
        });
  }));
  return views;
}

Result<ReviewView> SettleDecisionReview(AppContext& context, const domain::Principal& principal,
                                        Id review_id, const Settlement& settlement) {
  FieldErrors errors;
  const std::string outcome =
      CheckText(settlement.outcome, "outcome", kMaxOutcomeChars, Presence::kRequired, errors);
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  ReviewView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto review, storage::DecisionReviewStore(connection).Find(review_id));
    if (!review) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    LT_TRY_ASSIGN(auto a_case, LoadVisibleCase(connection, principal, review->case_id));
    if (!MaySettle(principal)) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    if (review->settled_at) return Error::Of(ErrorCode::kConflict, "error.review_settled");
    review->settled_at = now;
    review->settled_by = principal.user_id;
    review->alternative_taken = settlement.alternative_taken;
    review->outcome = outcome;
    LT_TRY(storage::DecisionReviewStore(connection).Settle(*review));
    ChangeList changes;
    changes.Record("outcome", std::nullopt, outcome);
    changes.Record("alternative_taken", std::nullopt,
                   settlement.alternative_taken
                       ? std::optional<std::string>(
                             domain::kAlternativeCodes.ToCode(*settlement.alternative_taken))
                       : std::nullopt);
    LT_TRY(storage::AuditStore(connection)
               .Append(MakeEvent("decision_review", review->id, "settle", principal.user_id, now,
                                 changes.Take())));
    view = {std::move(*review), std::move(a_case)};
    return Ok();
  }));
  return view;
}

}  // namespace lt::app
