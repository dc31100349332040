// Recurrence-prevention reports (/api/v1/cases/{id}/prevention-report,
// /api/v1/prevention-reports) and their actions.

#include "app/prevention_reports.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/action_wire.hpp"
#include "http/json/prevention_report_wire.hpp"

namespace lt::http {
using nlohmann::json;

void RegisterPreventionReportRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/cases/{id}/prevention-report",
             RecordRoute(services, app::GetPreventionReport, wire::PreventionViewToJson));

  router.Add(
      "POST", "/api/v1/cases/{id}/prevention-report",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         LT_TRY_ASSIGN(auto id, PathId(context));
         LT_TRY_ASSIGN(auto body, JsonBody(context));
         LT_TRY_ASSIGN(auto input, wire::ParsePreventionInput(body));
         LT_TRY_ASSIGN(auto view,
                       app::OpenPreventionReport(services.app, context.principal(), id, input));
         return CreatedResponse(wire::PreventionViewToJson(view),
                                "/api/v1/cases/" + std::to_string(id) + "/prevention-report");
       }});

  router.Add("POST", "/api/v1/cases/{id}/prevention-report/actions",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseActionInput(body));
                LT_TRY_ASSIGN(auto action, app::AddPreventionAction(
                                               services.app, context.principal(), id, input));
                return CreatedResponse(wire::ActionToJson(action),
                                       "/api/v1/actions/" + std::to_string(action.id));
              }});

  router.Add("POST", "/api/v1/cases/{id}/prevention-report/approval",
             ChangeRoute(
                 services,
                 [](Services& s, RequestContext& context, std::int64_t id,
                    const json& body) -> Result<app::PreventionView> {
                   FieldErrors errors;
                   wire::ObjectReader reader(body, errors);
                   reader.RejectUnknown();
                   if (!errors.empty()) return errors.ToError();
                   return app::ApprovePreventionReport(s.app, context.principal(), id);
                 },
                 [](const auto& changed) { return wire::PreventionViewToJson(changed); }));

  router.Add("POST", "/api/v1/cases/{id}/prevention-report/verification",
             ChangeRoute(
                 services,
                 [](Services& s, RequestContext& context, std::int64_t id,
                    const json& body) -> Result<app::PreventionView> {
                   LT_TRY_ASSIGN(auto verification, wire::ParseTextBody(body, "verification"));
                   return app::VerifyPreventionReport(s.app, context.principal(), id, verification);
                 },
                 [](const auto& changed) { return wire::PreventionViewToJson(changed); }));

  router.Add("GET", "/api/v1/prevention-reports",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                const bool verified = query.Boolean("verified").value_or(false);
                const int limit = query.Limit(services.options);
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto reports,
                              app::ListPreventionReports(services.app, context.principal(),
                                                         SettledOf(verified), limit));
                json items = json::array();
                for (const auto& report : reports) {
                  items.push_back(wire::PreventionReportToJson(report));
                }
                return JsonResponse(200, {{"items", items}});
              }});
}

}  // namespace lt::http
