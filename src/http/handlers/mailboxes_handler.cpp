// The mailboxes Lingting fetches over IMAP (admins):
//   GET/POST /api/v1/admin/mailboxes, PUT/DELETE /api/v1/admin/mailboxes/{id}
//   POST /api/v1/admin/mailboxes/test       the settings given, before saving
//   POST /api/v1/admin/mailboxes/{id}/test  the saved mailbox (with changes given)

#include "app/mailboxes.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/mailbox_wire.hpp"

namespace lt::http {
namespace {

nlohmann::json TestResultJson(const app::MailboxTestResult& tested) {
  return {{"ok", tested.ok},
          {"answer", tested.answer},
          {"messages", tested.messages},
          {"idle", tested.idle}};
}

Result<std::optional<app::MailboxInput>> OptionalInput(RequestContext& context) {
  if (context.request.body.empty()) return std::optional<app::MailboxInput>();
  LT_TRY_ASSIGN(auto body, JsonBody(context));
  LT_TRY_ASSIGN(auto input, wire::ParseMailbox(body));
  return std::optional<app::MailboxInput>(std::move(input));
}

}  // namespace

void RegisterMailboxRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/admin/mailboxes",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto views, app::ListMailboxes(services.app, context.principal()));
                nlohmann::json items = nlohmann::json::array();
                for (const auto& view : views) items.push_back(wire::MailboxToJson(view));
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add(
      "POST", "/api/v1/admin/mailboxes",
      {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
         LT_TRY_ASSIGN(auto body, JsonBody(context));
         LT_TRY_ASSIGN(auto input, wire::ParseMailbox(body));
         LT_TRY_ASSIGN(auto view, app::CreateMailbox(services.app, context.principal(), input));
         return CreatedResponse(wire::MailboxToJson(view),
                                "/api/v1/admin/mailboxes/" + std::to_string(view.mailbox.id));
       }});

  router.Add("PUT", "/api/v1/admin/mailboxes/{id}",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseMailbox(body));
                LT_TRY_ASSIGN(auto view,
                              app::UpdateMailbox(services.app, context.principal(), id, input));
                return JsonResponse(200, wire::MailboxToJson(view));
              }});

  router.Add("DELETE", "/api/v1/admin/mailboxes/{id}",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY(app::DeleteMailbox(services.app, context.principal(), id));
                return NoContentResponse();
              }});

  router.Add("POST", "/api/v1/admin/mailboxes/test",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto input, OptionalInput(context));
                LT_TRY_ASSIGN(auto tested, app::TestMailbox(services.app, context.principal(),
                                                            std::nullopt, input));
                return JsonResponse(200, TestResultJson(tested));
              }});

  router.Add("POST", "/api/v1/admin/mailboxes/{id}/test",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto input, OptionalInput(context));
                LT_TRY_ASSIGN(auto tested,
                              app::TestMailbox(services.app, context.principal(), id, input));
                return JsonResponse(200, TestResultJson(tested));
              }});
}

}  // namespace lt::http
