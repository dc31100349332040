// SMS:
//   POST /api/v1/webhooks/sms        a text from a customer, posted by the
//                                    gateway and signed (domain/webhook_signature.hpp)
//   GET/PUT /api/v1/admin/sms        the gateway (admins)
//   POST /api/v1/admin/sms/test      a test text, sent now

#include "app/sms_gateway_settings.hpp"
#include "app/sms_intake.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/sms_wire.hpp"

namespace lt::http {

void RegisterSmsRoutes(ApiRouter& router, Services& services) {
  router.Add("POST", "/api/v1/webhooks/sms",
             {Access::kPublic, [&services](RequestContext& context) -> Result<HttpResponse> {
                const app::WebhookRequest request = WebhookRequestOf(context);
                LT_TRY(app::CheckWebhookRequest(services.app, domain::Channel::kSms, request));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto sms, wire::ParseIncomingSms(body));
                LT_TRY_ASSIGN(auto ingested, app::IngestSms(services.app, sms, *request.signature));
                return JsonResponse(200, wire::IngestedSmsToJson(ingested));
              }});

  router.Add("GET", "/api/v1/admin/sms",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto view, app::GetSmsGateway(services.app, context.principal()));
                return JsonResponse(200, wire::SmsGatewayToJson(view));
              }});

  router.Add("PUT", "/api/v1/admin/sms",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseSmsGateway(body));
                LT_TRY_ASSIGN(auto view,
                              app::SaveSmsGateway(services.app, context.principal(), input));
                return JsonResponse(200, wire::SmsGatewayToJson(view));
              }});

  router.Add("POST", "/api/v1/admin/sms/test",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto request, wire::ParseSmsTest(body));
                LT_TRY_ASSIGN(auto tested, app::TestSmsGateway(services.app, context.principal(),
                                                               request.gateway, request.to));
                return JsonResponse(200, {{"ok", tested.ok}, {"answer", tested.answer}});
              }});
}

}  // namespace lt::http
