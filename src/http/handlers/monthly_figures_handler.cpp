// The monthly figures over HTTP (under /api/v1/reports/, the URL the API
// published): the quality abnormality ledger (/reports/quality-ledger) as
// JSON, CSV or an Excel workbook, and the timeliness attainment
// (/reports/timeliness).

#include "app/department_calendars.hpp"
#include "app/quality_ledger.hpp"
#include "app/timeliness.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/quality_ledger_wire.hpp"
#include "http/json/timeliness_wire.hpp"

namespace lt::http {

using nlohmann::json;

void RegisterMonthlyFigureRoutes(ApiRouter& router, Services& services) {
  router.Add(
      "GET", "/api/v1/reports/quality-ledger",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         FieldErrors errors;
         QueryReader query(context, errors);
         const auto from = query.String("from");
         if (!from) errors.Add("from", "validation.required");
         const std::string to = query.String("to").value_or("");
         const std::string format = query.String("format").value_or("json");
         if (format != "json" && format != "csv" && format != "xlsx") {
           errors.Add("format", "validation.enum", {{"allowed", "json, csv, xlsx"}});
         }
         query.RejectUnknown();
         if (!errors.empty()) return errors.ToError();
         LT_TRY_ASSIGN(auto rows,
                       app::GetQualityLedger(services.app, context.principal(), *from, to));
         if (format == "json") {
           return JsonResponse(200, {{"from", *from},
                                     {"to", to.empty() ? *from : to},
                                     {"items", wire::LedgerToJson(rows)}});
         }
         LT_TRY_ASSIGN(const sla::BusinessCalendar* calendar, app::ShippedBusinessCalendar());
         const exports::Table table = wire::LedgerTable(rows, context.locale, *calendar);
         const std::string name = "quality-ledger-" + *from + (to.empty() ? "" : "-" + to);
         if (format == "csv") {
           return DownloadResponse("text/csv; charset=utf-8", name + ".csv", exports::ToCsv(table));
         }
         LT_TRY_ASSIGN(auto workbook, exports::ToXlsx(table));
         return DownloadResponse(
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx",
             std::move(workbook));
       }});

  router.Add("GET", "/api/v1/reports/timeliness",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(const std::string month, RequiredMonth(context));
                LT_TRY_ASSIGN(auto report, app::CountTimelinessFigures(services.app,
                                                                       context.principal(), month));
                json out = wire::TimelinessToJson(report, context.locale);
                out["month"] = month;
                out["target_rate"] = services.app.options.timeliness_target_percent / 100.0;
                return JsonResponse(200, out);
              }});
}

}  // namespace lt::http
