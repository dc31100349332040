// A case's quality abnormality report (/api/v1/cases/{id}/quality-report).

#include "app/quality_reports.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/quality_report_wire.hpp"

namespace lt::http {

void RegisterQualityReportRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/cases/{id}/quality-report",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto report,
                              app::GetQualityReport(services.app, context.principal(), id));
                return JsonResponse(200, wire::QualityReportToJson(report));
              }});
}

}  // namespace lt::http
