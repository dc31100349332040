// What the customer adds to a case besides messages (issue 16):
//   GET/POST /api/v1/cases/{id}/sample-shipments   samples on their way
//   GET/PUT  /api/v1/cases/{id}/rating             the customer's rating

#include "app/case_ratings.hpp"
#include "app/sample_shipments.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/portal_wire.hpp"

namespace lt::http {

void RegisterCaseFeedbackRoutes(ApiRouter& router, Services& services) {
  router.Add(
      "GET", "/api/v1/cases/{id}/sample-shipments",
      {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
         LT_TRY_ASSIGN(auto id, PathId(context));
         LT_TRY_ASSIGN(auto shipments,
                       app::ListSampleShipments(services.app, context.principal(), id));
         return JsonResponse(200, {{"items", ItemsJson(shipments, wire::SampleShipmentToJson)}});
       }});

  router.Add("POST", "/api/v1/cases/{id}/sample-shipments",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseSampleShipment(body));
                LT_TRY_ASSIGN(auto shipment, app::RecordSampleShipment(
                                                 services.app, context.principal(), id, input));
                return CreatedResponse(wire::SampleShipmentToJson(shipment),
                                       "/api/v1/cases/" + std::to_string(id) + "/sample-shipments");
              }});

  router.Add("GET", "/api/v1/cases/{id}/rating",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto view, app::GetCaseRating(services.app, context.principal(), id));
                return JsonResponse(200, wire::CaseRatingViewToJson(view));
              }});

  router.Add("PUT", "/api/v1/cases/{id}/rating",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseCaseRating(body));
                LT_TRY_ASSIGN(auto rating,
                              app::RateCase(services.app, context.principal(), id, input));
                return JsonResponse(200, wire::CaseRatingToJson(rating));
              }});
}

}  // namespace lt::http
