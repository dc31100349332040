// A case's SLA clocks (/api/v1/cases/{id}/sla) and moving a deadline with the
// customer's agreement.

#include "app/sla_clocks.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/sla_wire.hpp"

namespace lt::http {

void RegisterSlaRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/cases/{id}/sla",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto found,
                              app::GetCaseClocks(services.app, context.principal(), id));
                return JsonResponse(200, {{"items", wire::ClocksToJson(found)}});
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
}

}  // namespace lt::http
