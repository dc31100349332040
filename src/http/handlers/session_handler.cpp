// /api/v1/session: log in with e-mail and password, log out, who am I.

#include "http/handlers/handler_support.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/user_wire.hpp"

namespace lt::http {

void RegisterSessionRoutes(ApiRouter& router, Services& services) {
  using nlohmann::json;
  router.Add("POST", "/api/v1/session",
             {Access::kPublic, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                FieldErrors errors;
                wire::ObjectReader reader(body, errors);
                const std::string email = reader.RequiredString("email");
                const std::string password = reader.RequiredString("password");
                reader.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto session, services.authenticator.Login(
                                                email, password, context.request.remote_address));
                return SessionStarted(services, session);
              }});
  router.Add("DELETE", "/api/v1/session",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                if (auto session = context.request.Cookie("lt_session"))
                  LT_TRY(services.authenticator.Logout(*session));
                HttpResponse response = NoContentResponse();
                ClearSessionCookies(services, response);
                return response;
              }});
  router.Add("GET", "/api/v1/session",
             {Access::kAuthenticated, [](RequestContext& context) -> Result<HttpResponse> {
                json body = {{"user", wire::UserToJson(context.caller->user)}};
                if (context.caller->csrf_token) body["csrf_token"] = *context.caller->csrf_token;
                return JsonResponse(200, body);
              }});
}

}  // namespace lt::http
