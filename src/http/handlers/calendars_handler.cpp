// Business calendars admins keep: /api/v1/admin/calendars, and a year of
// holidays and adjusted working days imported in the format of
// data/holidays-cn (/api/v1/admin/calendars/{id}/years/{year}).

#include "app/calendars.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/calendar_wire.hpp"

namespace lt::http {
namespace {

using nlohmann::json;

json CalendarWithDays(const sla::CalendarDefinition& calendar) {
  return wire::CalendarToJson(calendar, wire::WithDays::kYes);
}

}  // namespace

void RegisterCalendarRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/admin/calendars",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto calendars,
                              app::ListCalendars(services.app, context.principal()));
                json items = json::array();
                for (const auto& calendar : calendars) {
                  items.push_back(wire::CalendarToJson(calendar, wire::WithDays::kNo));
                }
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add("POST", "/api/v1/admin/calendars",
             CreateRoute(services, Access::kAdmin, "/api/v1/admin/calendars",
                         wire::ParseCalendarInput, app::CreateCalendar, CalendarWithDays));

  router.Add("GET", "/api/v1/admin/calendars/{id}",
             RecordRoute(services, app::GetCalendar, CalendarWithDays));

  router.Add("PATCH", "/api/v1/admin/calendars/{id}",
             UpdateRoute(services, Access::kAdmin, wire::ParseCalendarPatch, app::UpdateCalendar,
                         CalendarWithDays));

  router.Add("PUT", "/api/v1/admin/calendars/{id}/years/{year}",
             {Access::kAdmin, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto year, PathId(context, "year"));
                LT_TRY(JsonBody(context));  // a JSON object, checked day by day below
                LT_TRY_ASSIGN(auto calendar, app::ImportCalendarYear(
                                                 services.app, context.principal(), id,
                                                 static_cast<int>(year), context.request.body));
                return JsonResponse(200, wire::CalendarToJson(calendar, wire::WithDays::kYes));
              }});
}

}  // namespace lt::http
