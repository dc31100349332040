#include "app/case_ratings.hpp"

#include <algorithm>

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/field_rules.hpp"
#include "app/live_updates.hpp"
#include "storage/audit_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/interaction_store.hpp"
#include "storage/sample_shipment_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxCommentChars = 2000;

// Whether the company has answered: the case is resolved or closed, or a
// person wrote to the customer on the timeline (not the acknowledgement,
// which Lingting writes by itself).
Result<bool> Answered(storage::Connection& connection, const domain::Case& a_case) {
  LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
  const auto* state = workflow->FindState(a_case.status);
  if (state &&
      (state->kind == domain::StateKind::kResolved || state->kind == domain::StateKind::kClosed)) {
    return true;
  }
  LT_TRY_ASSIGN(const auto timeline,
                storage::InteractionStore(connection).ListByCase(a_case.id, false));
  return std::any_of(timeline.begin(), timeline.end(), [](const domain::Interaction& entry) {
    return entry.direction == domain::Direction::kOutbound && entry.author_user_id.has_value();
  });
}

}  // namespace

Result<domain::CaseRating> RateCase(AppContext& context, const domain::Principal& principal,
                                    domain::Id case_id, const CaseRatingInput& input) {
  const TimestampMs now = context.clock.NowMs();
  FieldErrors errors;
  domain::CaseRating rating;
  rating.case_id = case_id;
  if (input.level) {
    rating.level = *input.level;
  } else {
    errors.Add("level", "validation.required");
  }
  if (input.solved) {
    rating.solved = *input.solved;
  } else {
    errors.Add("solved", "validation.required");
  }
  rating.comment = CheckText(input.comment.value_or(""), "comment", kMaxCommentChars,
                             Presence::kOptional, errors);
  rating.rated_by = principal.user_id;
  rating.rated_at = now;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const domain::Case a_case, LoadVisibleCase(connection, principal, case_id));
    if (domain::IsStaff(principal)) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    if (!errors.empty()) return errors.ToError();
    LT_TRY_ASSIGN(const bool answered, Answered(connection, a_case));
    if (!answered) return Error::Of(ErrorCode::kConflict, "error.rating_too_early");
    storage::CaseRatingStore ratings(connection);
    LT_TRY_ASSIGN(const auto before, ratings.Find(case_id));
    LT_TRY(ratings.Save(rating));
    auto level_of = [](const std::optional<domain::CaseRating>& r) -> std::optional<std::string> {
      if (!r) return std::nullopt;
      return std::string(domain::kRatingLevelCodes.ToCode(r->level));
    };
    auto solved_of = [](const std::optional<domain::CaseRating>& r) -> std::optional<std::string> {
      if (!r) return std::nullopt;
      return std::string(r->solved ? "true" : "false");
    };
    LT_TRY(storage::AuditStore(connection)
               .Append(MakeEvent("case", case_id, "rated", principal.user_id, now,
                                 {{"rating.level", level_of(before), level_of(rating)},
                                  {"rating.solved", solved_of(before), solved_of(rating)}})));
    return storage::PublishCaseChange(connection,
                                      ChangeOf(a_case, "rated", principal.user_id, now));
  }));
  return rating;
}

Result<CaseRatingView> GetCaseRating(AppContext& context, const domain::Principal& principal,
                                     domain::Id case_id) {
  CaseRatingView view;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const domain::Case a_case, LoadVisibleCase(connection, principal, case_id));
    LT_TRY_ASSIGN(view.rating, storage::CaseRatingStore(connection).Find(case_id));
    if (!domain::IsStaff(principal)) {
      LT_TRY_ASSIGN(view.may_rate, Answered(connection, a_case));
    }
    return Ok();
  }));
  return view;
}

}  // namespace lt::app
