// The review of rejected decisions (/api/v1/reviews).

#include "app/decision_reviews.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/decision_review_wire.hpp"

namespace lt::http {
using nlohmann::json;

void RegisterDecisionReviewRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/reviews",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                const bool settled = query.Boolean("settled").value_or(false);
                const int limit = query.Limit(services.options);
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto reviews,
                              app::ListDecisionReviews(services.app, context.principal(),
                                                       SettledOf(settled), limit));
                return JsonResponse(200, {{"items", ItemsJson(reviews, wire::ReviewToJson)}});
              }});

  router.Add("POST", "/api/v1/reviews/{id}/settlement",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto settlement, wire::ParseSettlement(body));
                LT_TRY_ASSIGN(auto review, app::SettleDecisionReview(
                                               services.app, context.principal(), id, settlement));
                return JsonResponse(200, wire::ReviewToJson(review));
              }});
}

}  // namespace lt::http
