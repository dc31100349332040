// The customer portal (issue 16):
//   POST /api/v1/portal/sign-in-codes          a one-time code to an e-mail
//                                              address or mobile number
//   POST /api/v1/portal/session                sign in (or up) with the code
//   GET  /api/v1/portal/states                 the workflow's states, by kind
//   GET  /api/v1/portal/wechat                 whether WeChat is bound
//   POST /api/v1/portal/wechat-binding-codes   a code to send to the account
// The portal's cases, messages and attachments are the API's own routes,
// which show a customer their own cases only.

#include "app/portal_sign_in.hpp"
#include "app/procedure_settings.hpp"
#include "app/wechat_binding.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/portal_wire.hpp"

namespace lt::http {

void RegisterPortalRoutes(ApiRouter& router, Services& services) {
  using nlohmann::json;
  router.Add("POST", "/api/v1/portal/sign-in-codes",
             {Access::kPublic, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                FieldErrors errors;
                wire::ObjectReader reader(body, errors);
                app::SignInCodeRequest request;
                request.address = reader.RequiredString("address");
                reader.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                request.client_address = context.request.remote_address;
                request.locale = context.locale;
                LT_TRY_ASSIGN(auto sent, app::RequestSignInCode(services.app, request));
                return JsonResponse(202, wire::SignInCodeSentToJson(sent));
              }});

  router.Add("POST", "/api/v1/portal/session",
             {Access::kPublic, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseSignInWithCode(body));
                input.locale = context.locale;
                LT_TRY_ASSIGN(auto user, app::SignInWithCode(services.app, input));
                LT_TRY_ASSIGN(auto session, services.authenticator.OpenSession(user));
                return SessionStarted(services, session);
              }});

  router.Add("GET", "/api/v1/portal/states",
             {Access::kAuthenticated, [&services](RequestContext&) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto workflow, app::WorkflowInForce(services.app));
                return JsonResponse(200, wire::PortalStatesToJson(workflow));
              }});

  router.Add("GET", "/api/v1/portal/wechat",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto bound, app::HasWechatBinding(services.app, context.principal()));
                return JsonResponse(200, {{"bound", bound}});
              }});

  router.Add("POST", "/api/v1/portal/wechat-binding-codes",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto code,
                              app::CreateWechatBindingCode(services.app, context.principal(),
                                                           context.request.remote_address));
                return JsonResponse(201, wire::WechatBindingCodeToJson(code));
              }});
}

}  // namespace lt::http
