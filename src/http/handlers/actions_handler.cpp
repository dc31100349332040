// Actions over HTTP: those of a case (/api/v1/cases/{id}/actions), the
// actions list across cases (/api/v1/actions), and their changes: update,
// done, verification, cancel.

#include "app/actions.hpp"
#include "app/quality_reports.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/action_wire.hpp"

namespace lt::http {
namespace {

using nlohmann::json;

json ActionList(const std::vector<domain::Action>& actions) {
  return {{"items", ItemsJson(actions, wire::ActionToJson)}};
}

}  // namespace

void RegisterActionRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/cases/{id}/actions",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto actions,
                              app::ListCaseActions(services.app, context.principal(), id));
                return JsonResponse(200, ActionList(actions));
              }});

  router.Add("POST", "/api/v1/cases/{id}/actions",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseActionInput(body));
                LT_TRY_ASSIGN(auto action,
                              app::AddAction(services.app, context.principal(), id, input));
                return CreatedResponse(wire::ActionToJson(action),
                                       "/api/v1/actions/" + std::to_string(action.id));
              }});

  router.Add("GET", "/api/v1/actions",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                app::ActionFilter filter;
                if (query.String("owner") == "me") {
                  filter.owner_id = context.principal().user_id.value_or(0);
                } else {
                  filter.owner_id = query.Id("owner");
                }
                filter.department_id = query.Id("department");
                for (const auto& code : query.List("status")) {
                  if (auto status = domain::kActionStatusCodes.FromCode(code)) {
                    filter.statuses.push_back(*status);
                  } else {
                    errors.Add("status", "validation.enum",
                               {{"allowed", domain::kActionStatusCodes.AllowedList()}});
                  }
                }
                filter.limit = query.Limit(services.options);
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto actions,
                              app::ListActions(services.app, context.principal(), filter));
                return JsonResponse(200, ActionList(actions));
              }});

  router.Add("PATCH", "/api/v1/actions/{id}",
             ChangeRoute(
                 services,
                 [](Services& s, RequestContext& context, std::int64_t id,
                    const json& body) -> Result<domain::Action> {
                   LT_TRY_ASSIGN(auto patch, wire::ParseActionPatch(body));
                   return app::UpdateAction(s.app, context.principal(), id, patch);
                 },
                 [](const auto& changed) { return wire::ActionToJson(changed); }));

  router.Add("POST", "/api/v1/actions/{id}/done",
             ChangeRoute(
                 services,
                 [](Services& s, RequestContext& context, std::int64_t id,
                    const json& body) -> Result<domain::Action> {
                   LT_TRY_ASSIGN(auto evidence, wire::ParseTextBody(body, "evidence"));
                   return app::ReportActionDone(s.app, context.principal(), id, evidence);
                 },
                 [](const auto& changed) { return wire::ActionToJson(changed); }));

  router.Add("POST", "/api/v1/actions/{id}/verification",
             ChangeRoute(
                 services,
                 [](Services& s, RequestContext& context, std::int64_t id,
                    const json& body) -> Result<domain::Action> {
                   LT_TRY_ASSIGN(auto input, wire::ParseActionVerification(body));
                   return app::VerifyAction(s.app, context.principal(), id, input.effectiveness,
                                            input.verification);
                 },
                 [](const auto& changed) { return wire::ActionToJson(changed); }));

  router.Add("POST", "/api/v1/actions/{id}/cancel",
             ChangeRoute(
                 services,
                 [](Services& s, RequestContext& context, std::int64_t id,
                    const json& body) -> Result<domain::Action> {
                   LT_TRY_ASSIGN(auto reason, wire::ParseTextBody(body, "reason"));
                   return app::CancelAction(s.app, context.principal(), id, reason);
                 },
                 [](const auto& changed) { return wire::ActionToJson(changed); }));
}

}  // namespace lt::http
