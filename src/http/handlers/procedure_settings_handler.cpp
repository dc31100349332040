// How the procedure runs, as admins keep it: the workflow
// (/api/v1/admin/workflow) and the SLA policies (/api/v1/admin/sla-policies).

#include "app/procedure_settings.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/sla_wire.hpp"
#include "http/json/workflow_wire.hpp"

namespace lt::http {

void RegisterProcedureSettingsRoutes(ApiRouter& router, Services& services) {
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

}  // namespace lt::http
