// /api/v1/session: log in with e-mail and password, log out, who am I.

#include "base/time_format.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/user_wire.hpp"

namespace lt::http {
namespace {

std::string CookieAttributes(const Services& services, std::int64_t max_age_seconds,
                             bool http_only) {
  std::string attributes = "; Path=/; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
  if (http_only) attributes += "; HttpOnly";
  if (services.options.secure_cookies) attributes += "; Secure";
  return attributes;
}

}  // namespace

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
                const std::int64_t max_age =
                    (session.expires_at - services.app.clock.NowMs()) / 1000;
                HttpResponse response =
                    JsonResponse(201, {{"user", wire::UserToJson(session.user)},
                                       {"csrf_token", session.csrf_token},
                                       {"expires_at", FormatTimestamp(session.expires_at)}});
                response.WithHeader("Set-Cookie", "lt_session=" + session.session_token +
                                                      CookieAttributes(services, max_age, true));
                response.WithHeader("Set-Cookie", "lt_csrf=" + session.csrf_token +
                                                      CookieAttributes(services, max_age, false));
                response.WithHeader("Cache-Control", "no-store");
                return response;
              }});
  router.Add(
      "DELETE", "/api/v1/session",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         if (auto session = context.request.Cookie("lt_session"))
           LT_TRY(services.authenticator.Logout(*session));
         HttpResponse response = NoContentResponse();
         response.WithHeader("Set-Cookie", "lt_session=" + CookieAttributes(services, 0, true));
         response.WithHeader("Set-Cookie", "lt_csrf=" + CookieAttributes(services, 0, false));
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
