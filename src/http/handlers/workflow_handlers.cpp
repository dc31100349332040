// The complaint procedure over HTTP: the steps of a case
// (/api/v1/cases/{id}/transitions, /steps), its SLA clocks and moved
// deadlines, its quality report and its verification next month (and the
// list of those due); the workflow and SLA policies
// admins edit (/api/v1/admin/...); each user's notifications.

#include "app/cases.hpp"
#include "app/procedure_settings.hpp"
#include "app/quality_reports.hpp"
#include "app/sla_alerts.hpp"
#include "app/sla_clocks.hpp"
#include "app/verifications.hpp"
#include "app/workflow_steps.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/case_wire.hpp"
#include "http/json/notification_wire.hpp"
#include "http/json/quality_report_wire.hpp"
#include "http/json/sla_wire.hpp"
#include "http/json/step_wire.hpp"
#include "http/json/verification_wire.hpp"
#include "http/json/workflow_wire.hpp"

namespace lt::http {
namespace {

using nlohmann::json;

json ClocksToJson(const std::vector<sla::StoredClock>& clocks) {
  json items = json::array();
  for (const auto& clock : clocks) items.push_back(wire::ClockToJson(clock));
  return items;
}

}  // namespace

void RegisterWorkflowRoutes(ApiRouter& router, Services& services) {
  router.Add(
      "GET", "/api/v1/cases/{id}/transitions",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         LT_TRY_ASSIGN(auto id, PathId(context));
         LT_TRY_ASSIGN(auto available,
                       app::ListAvailableSteps(services.app, context.principal(), id));
         json items = json::array();
         for (const auto& step : available.steps) {
           items.push_back(wire::AvailableStepToJson(step, *available.workflow, context.locale));
         }
         return JsonResponse(200, {{"items", items}});
       }});

  router.Add("POST", "/api/v1/cases/{id}/transitions",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseStepInput(body));
                LT_TRY_ASSIGN(auto expected_version, ParseIfMatch(context));
                LT_TRY_ASSIGN(auto taken, app::TakeStep(services.app, context.principal(), id,
                                                        input, expected_version));
                json out = wire::CaseToJson(taken.a_case);
                out["step"] = wire::CaseStepToJson(taken.step);
                HttpResponse response = JsonResponse(200, out);
                response.WithHeader("ETag", "\"" + std::to_string(taken.a_case.version) + "\"");
                return response;
              }});

  router.Add("GET", "/api/v1/cases/{id}/steps",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto steps,
                              app::ListCaseSteps(services.app, context.principal(), id));
                json items = json::array();
                for (const auto& step : steps) items.push_back(wire::CaseStepToJson(step));
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add("GET", "/api/v1/cases/{id}/sla",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto clocks,
                              app::GetCaseClocks(services.app, context.principal(), id));
                return JsonResponse(200, {{"items", ClocksToJson(clocks)}});
              }});

  router.Add(
      "POST", "/api/v1/cases/{id}/sla/{target}/deadline",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         LT_TRY_ASSIGN(auto id, PathId(context));
         LT_TRY_ASSIGN(auto body, JsonBody(context));
         LT_TRY_ASSIGN(auto move, wire::ParseDeadlineMove(body, context.params.at("target")));
         LT_TRY_ASSIGN(auto clock, app::MoveDeadline(services.app, context.principal(), id, move));
         return JsonResponse(200, wire::ClockToJson(clock));
       }});

  router.Add("GET", "/api/v1/cases/{id}/quality-report",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto report,
                              app::GetQualityReport(services.app, context.principal(), id));
                return JsonResponse(200, wire::QualityReportToJson(report));
              }});

  router.Add("GET", "/api/v1/cases/{id}/verification",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto verification,
                              app::GetVerification(services.app, context.principal(), id));
                return JsonResponse(200, wire::VerificationToJson(verification));
              }});

  router.Add("GET", "/api/v1/verifications",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                const std::string month = query.String("month").value_or("");
                const int limit = query.Limit(services.options);
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(auto due, app::ListDueVerifications(services.app, context.principal(),
                                                                  month, limit));
                json items = json::array();
                for (const auto& verification : due) {
                  items.push_back(wire::VerificationToJson(verification));
                }
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add("GET", "/api/v1/admin/workflow",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto workflow, app::GetWorkflow(services.app, context.principal()));
                return JsonResponse(200, wire::WorkflowToJson(workflow, context.locale));
              }});

  router.Add("PUT", "/api/v1/admin/workflow",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto workflow, wire::ParseWorkflow(body));
                LT_TRY_ASSIGN(auto stored,
                              app::ReplaceWorkflow(services.app, context.principal(), workflow));
                return JsonResponse(200, wire::WorkflowToJson(stored, context.locale));
              }});

  router.Add("GET", "/api/v1/admin/sla-policies",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto policies,
                              app::GetSlaPolicies(services.app, context.principal()));
                return JsonResponse(200, wire::SlaPoliciesToJson(policies));
              }});

  router.Add("PUT", "/api/v1/admin/sla-policies",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto policies, wire::ParseSlaPolicies(body));
                LT_TRY_ASSIGN(auto stored,
                              app::ReplaceSlaPolicies(services.app, context.principal(), policies));
                return JsonResponse(200, wire::SlaPoliciesToJson(stored));
              }});
}

void RegisterNotificationRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/notifications",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                const bool unread = query.Boolean("unread").value_or(false);
                const int limit = query.Limit(services.options);
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(
                    auto notifications,
                    app::ListNotifications(services.app, context.principal(), unread, limit));
                json items = json::array();
                for (const auto& notification : notifications) {
                  items.push_back(wire::NotificationToJson(notification, context.locale));
                }
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add("POST", "/api/v1/notifications/{id}/read",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY(app::MarkNotificationRead(services.app, context.principal(), id));
                HttpResponse response;
                response.status = 204;
                return response;
              }});
}

}  // namespace lt::http
