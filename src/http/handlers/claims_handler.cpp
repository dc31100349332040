// Claims over HTTP: /api/v1/cases/{id}/claims, /api/v1/claims (the inbox of
// claims awaiting the caller), decisions and withdrawal, the monthly summary
// (/api/v1/reports/claims) and the authority matrix admins edit.

#include "app/claims.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/claim_wire.hpp"

namespace lt::http {
namespace {

using nlohmann::json;

json ClaimList(const std::vector<domain::Claim>& claims) {
  return {{"items", ItemsJson(claims, wire::ClaimToJson)}};
}

}  // namespace

void RegisterClaimRoutes(ApiRouter& router, Services& services) {
  router.Add("POST", "/api/v1/cases/{id}/claims",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseClaimInput(body));
                LT_TRY_ASSIGN(auto view,
                              app::ProposeClaim(services.app, context.principal(), id, input));
                return CreatedResponse(wire::ClaimViewToJson(view),
                                       "/api/v1/claims/" + std::to_string(view.claim.id));
              }});

  router.Add("GET", "/api/v1/cases/{id}/claims",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto claims,
                              app::ListCaseClaims(services.app, context.principal(), id));
                return JsonResponse(200, ClaimList(claims));
              }});

  router.Add("GET", "/api/v1/claims",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                const int limit = query.Limit(services.options);
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto claims,
                              app::ListClaimsAwaiting(services.app, context.principal(), limit));
                return JsonResponse(200, ClaimList(claims));
              }});

  router.Add("GET", "/api/v1/claims/{id}",
             RecordRoute(services, app::GetClaim, wire::ClaimViewToJson));

  router.Add("POST", "/api/v1/claims/{id}/decisions",
             UpdateRoute(services, Access::kAuthenticated, wire::ParseClaimDecision,
                         app::DecideOnClaim, wire::ClaimViewToJson));

  router.Add("POST", "/api/v1/claims/{id}/withdraw",
             RecordRoute(services, app::WithdrawClaim, wire::ClaimViewToJson));

  router.Add("GET", "/api/v1/reports/claims",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(const std::string month, RequiredMonth(context));
                LT_TRY_ASSIGN(auto totals,
                              app::SummariseClaims(services.app, context.principal(), month));
                return JsonResponse(
                    200, {{"month", month}, {"items", ItemsJson(totals, wire::ClaimTotalsToJson)}});
              }});

  router.Add("GET", "/api/v1/admin/authority-matrix",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto matrix,
                              app::GetAuthorityMatrix(services.app, context.principal()));
                return JsonResponse(200, wire::AuthorityMatrixToJson(matrix));
              }});

  router.Add("PUT", "/api/v1/admin/authority-matrix",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto matrix, wire::ParseAuthorityMatrix(body));
                LT_TRY_ASSIGN(auto stored, app::ReplaceAuthorityMatrix(
                                               services.app, context.principal(), matrix));
                return JsonResponse(200, wire::AuthorityMatrixToJson(stored));
              }});
}

}  // namespace lt::http
