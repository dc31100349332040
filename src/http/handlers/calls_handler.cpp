// Phone calls:
//   POST /api/v1/calls                 an agent's record of a call (with the recording)
//   GET  /api/v1/calls                 recent calls (?days, ?unlinked, ?mine)
//   GET  /api/v1/calls/{id}            a call with its customer and their open cases
//   POST /api/v1/calls/{id}/link       adds the call to a case
//   POST /api/v1/webhooks/telephony    the telephony system's events, signed
//   GET/PUT /api/v1/admin/telephony    the webhook's secret (admins)

#include "app/calls.hpp"
#include "app/webhooks.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/call_event_wire.hpp"
#include "http/json/call_wire.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http {

void RegisterCallRoutes(ApiRouter& router, Services& services) {
  router.Add("POST", "/api/v1/calls",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseCallInput(body));
                LT_TRY_ASSIGN(auto call, app::RecordCall(services.app, context.principal(), input));
                return CreatedResponse(wire::CallToJson(call),
                                       "/api/v1/calls/" + std::to_string(call.id));
              }});

  router.Add("GET", "/api/v1/calls",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                const auto days = query.Id("days");
                const bool unlinked = query.Boolean("unlinked").value_or(false);
                const bool mine = query.Boolean("mine").value_or(false);
                query.RejectUnknown();
                if (days && *days > 366)
                  errors.Add("days", "validation.range", {{"min", "1"}, {"max", "366"}});
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto calls,
                              app::ListCalls(services.app, context.principal(),
                                             static_cast<int>(days.value_or(7)), unlinked, mine));
                return JsonResponse(200, {{"items", ItemsJson(calls, wire::CallToJson)}});
              }});

  router.Add("GET", "/api/v1/calls/{id}",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto view, app::GetCall(services.app, context.principal(), id));
                return JsonResponse(200, wire::CallViewToJson(view));
              }});

  router.Add("POST", "/api/v1/calls/{id}/link",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                FieldErrors errors;
                wire::ObjectReader reader(body, errors);
                const auto case_id = reader.Integer("case_id", 1, INT64_MAX);
                if (!case_id && !reader.Has("case_id"))
                  errors.Add("case_id", "validation.required");
                LT_TRY(wire::Finish(reader, errors, 0));
                LT_TRY_ASSIGN(auto call,
                              app::LinkCall(services.app, context.principal(), id, *case_id));
                return JsonResponse(200, wire::CallToJson(call));
              }});

  router.Add("POST", "/api/v1/webhooks/telephony",
             {Access::kPublic, [&services](RequestContext& context) -> Result<HttpResponse> {
                const app::WebhookRequest request = WebhookRequestOf(context);
                LT_TRY(app::CheckWebhookRequest(services.app, domain::Channel::kPhone, request));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto event, wire::ParseCallEvent(body));
                LT_TRY_ASSIGN(auto call,
                              app::ReceiveCallEvent(services.app, event, *request.signature));
                return JsonResponse(200, wire::CallToJson(call));
              }});

  router.Add("GET", "/api/v1/admin/telephony",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto settings,
                              app::GetTelephonySettings(services.app, context.principal()));
                return JsonResponse(200, {{"webhook_secret_set", settings.webhook_secret_set}});
              }});

  router.Add("PUT", "/api/v1/admin/telephony",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                FieldErrors errors;
                wire::ObjectReader reader(body, errors);
                const std::string secret = reader.RequiredString("webhook_secret");
                LT_TRY(wire::Finish(reader, errors, 0));
                LT_TRY_ASSIGN(auto settings, app::SaveTelephonySettings(
                                                 services.app, context.principal(), secret));
                return JsonResponse(200, {{"webhook_secret_set", settings.webhook_secret_set}});
              }});
}

}  // namespace lt::http
