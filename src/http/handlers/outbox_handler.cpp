// Messages to customers and how they went out:
//   POST /api/v1/cases/{id}/messages  an agent's message on the customer's channel
//   GET  /api/v1/cases/{id}/outbox    the case's outbox: queued, sent, failed
// and the SMTP server they go out through (admins):
//   GET/PUT /api/v1/admin/smtp, POST /api/v1/admin/smtp/test

#include "app/channel_settings.hpp"
#include "app/outbox.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/interaction_wire.hpp"
#include "http/json/outbox_wire.hpp"

namespace lt::http {

void RegisterOutboxRoutes(ApiRouter& router, Services& services) {
  router.Add("POST", "/api/v1/cases/{id}/messages",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseCustomerMessage(body));
                LT_TRY_ASSIGN(auto sent, app::SendCustomerMessage(services.app, context.principal(),
                                                                  id, input));
                return CreatedResponse({{"interaction", wire::InteractionToJson(sent.interaction)},
                                        {"outbox", wire::OutboxMessageToJson(sent.outbox)}},
                                       "/api/v1/cases/" + std::to_string(id) + "/outbox");
              }});

  router.Add("GET", "/api/v1/cases/{id}/outbox",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto messages,
                              app::ListCaseOutbox(services.app, context.principal(), id));
                nlohmann::json items = nlohmann::json::array();
                for (const auto& message : messages) {
                  items.push_back(wire::OutboxMessageToJson(message));
                }
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add("GET", "/api/v1/admin/smtp",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto view, app::GetSmtpSettings(services.app, context.principal()));
                return JsonResponse(200, wire::SmtpSettingsToJson(view));
              }});

  router.Add("PUT", "/api/v1/admin/smtp",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseSmtpSettings(body));
                LT_TRY_ASSIGN(auto view,
                              app::SaveSmtpSettings(services.app, context.principal(), input));
                return JsonResponse(200, wire::SmtpSettingsToJson(view));
              }});

  router.Add("POST", "/api/v1/admin/smtp/test",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                std::optional<app::SmtpSettingsInput> input;
                if (!context.request.body.empty()) {
                  LT_TRY_ASSIGN(auto body, JsonBody(context));
                  LT_TRY_ASSIGN(input, wire::ParseSmtpSettings(body));
                }
                LT_TRY_ASSIGN(auto tested,
                              app::TestSmtpSettings(services.app, context.principal(), input));
                return JsonResponse(200, {{"ok", tested.ok}, {"answer", tested.answer}});
              }});
}

}  // namespace lt::http
