// /api/v1/tokens: API tokens for integrations (created, listed, revoked).

#include "http/handlers/handler_support.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/user_wire.hpp"

namespace lt::http {

void RegisterTokenRoutes(ApiRouter& router, Services& services) {
  using nlohmann::json;
  router.Add("GET", "/api/v1/tokens",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto tokens, services.authenticator.ListTokens(context.principal()));
                return JsonResponse(200, {{"items", ItemsJson(tokens, wire::TokenToJson)}});
              }});
  router.Add("POST", "/api/v1/tokens",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                FieldErrors errors;
                wire::ObjectReader reader(body, errors);
                const std::string name = reader.RequiredString("name");
                const auto user_id = reader.Integer("user_id", 1, INT64_MAX);
                reader.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto created, services.authenticator.CreateToken(context.principal(),
                                                                               user_id, name));
                json out = wire::TokenToJson(created.token);
                out["token"] = created.secret;
                HttpResponse response =
                    CreatedResponse(out, "/api/v1/tokens/" + std::to_string(created.token.id));
                response.WithHeader("Cache-Control", "no-store");
                return response;
              }});
  router.Add("DELETE", "/api/v1/tokens/{id}",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY(services.authenticator.RevokeToken(context.principal(), id));
                return NoContentResponse();
              }});
}

}  // namespace lt::http
