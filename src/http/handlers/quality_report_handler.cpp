// A case's quality abnormality report (/api/v1/cases/{id}/quality-report).

#include "app/quality_reports.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/quality_report_wire.hpp"

namespace lt::http {

void RegisterQualityReportRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/cases/{id}/quality-report",
             RecordRoute(services, app::GetQualityReport, wire::QualityReportToJson));
}

}  // namespace lt::http
