// Supplier corrective action requests over HTTP: QA requests one on a case
// (/api/v1/cases/{id}/supplier-cars) and decides on the answer; the supplier
// reads theirs and answers through the portal (/api/v1/supplier-cars).

#include "app/supplier_cars.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/action_wire.hpp"
#include "http/json/supplier_car_wire.hpp"

namespace lt::http {
using nlohmann::json;

void RegisterSupplierCarRoutes(ApiRouter& router, Services& services) {
  router.Add("POST", "/api/v1/cases/{id}/supplier-cars",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseCarRequest(body));
                LT_TRY_ASSIGN(auto view, app::RequestSupplierCar(services.app, context.principal(),
                                                                 id, input));
                return CreatedResponse(wire::CarViewToJson(view),
                                       "/api/v1/supplier-cars/" + std::to_string(view.car.id));
              }});

  router.Add("GET", "/api/v1/cases/{id}/supplier-cars",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto cars, app::ListCaseCars(services.app, context.principal(), id));
                return JsonResponse(200, {{"items", ItemsJson(cars, wire::SupplierCarToJson)}});
              }});

  router.Add("GET", "/api/v1/supplier-cars",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                FieldErrors errors;
                QueryReader query(context, errors);
                const int limit = query.Limit(services.options);
                // Staff filter by status; a supplier reads all of theirs.
                const bool staff = domain::IsStaff(context.principal());
                const auto statuses = staff ? query.Codes("status", domain::kCarStatusCodes)
                                            : std::vector<domain::CarStatus>{};
                query.RejectUnknown();
                if (!errors.empty()) return errors.ToError();
                LT_TRY_ASSIGN(
                    auto views,
                    staff
                        ? app::ListSupplierCars(services.app, context.principal(), statuses, limit)
                        : app::ListMySupplierCars(services.app, context.principal(), limit));
                return JsonResponse(200, {{"items", ItemsJson(views, wire::CarViewToJson)}});
              }});

  router.Add("GET", "/api/v1/supplier-cars/{id}",
             RecordRoute(services, app::GetSupplierCar, wire::CarViewToJson));

  router.Add("POST", "/api/v1/supplier-cars/{id}/initial-analysis",
             ChangeRoute(
                 services,
                 [](Services& s, RequestContext& context, std::int64_t id,
                    const json& body) -> Result<app::CarView> {
                   LT_TRY_ASSIGN(auto analysis, wire::ParseTextBody(body, "initial_analysis"));
                   return app::SubmitCarInitialAnalysis(s.app, context.principal(), id, analysis);
                 },
                 [](const auto& changed) { return wire::CarViewToJson(changed); }));

  router.Add("POST", "/api/v1/supplier-cars/{id}/answer",
             ChangeRoute(
                 services,
                 [](Services& s, RequestContext& context, std::int64_t id,
                    const json& body) -> Result<app::CarView> {
                   LT_TRY_ASSIGN(auto answer, wire::ParseCarAnswer(body));
                   return app::SubmitCarAnswer(s.app, context.principal(), id, answer);
                 },
                 [](const auto& changed) { return wire::CarViewToJson(changed); }));

  router.Add("POST", "/api/v1/supplier-cars/{id}/decision",
             ChangeRoute(
                 services,
                 [](Services& s, RequestContext& context, std::int64_t id,
                    const json& body) -> Result<app::CarView> {
                   LT_TRY_ASSIGN(auto decision, wire::ParseCarDecision(body));
                   return app::DecideSupplierCar(s.app, context.principal(), id, decision.verdict,
                                                 decision.note);
                 },
                 [](const auto& changed) { return wire::CarViewToJson(changed); }));
}

}  // namespace lt::http
