// Saved queue views (/api/v1/views): a staff member's own and those shared
// with their departments.

#include "app/saved_views.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json/saved_view_wire.hpp"

namespace lt::http {

void RegisterSavedViewRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/api/v1/views",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                const auto& reader = context.principal();
                LT_TRY_ASSIGN(auto views, app::ListSavedViews(services.app, reader));
                nlohmann::json items = nlohmann::json::array();
                for (const auto& view : views) items.push_back(wire::SavedViewToJson(view, reader));
                return JsonResponse(200, {{"items", items}});
              }});

  router.Add("POST", "/api/v1/views",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseSavedView(body));
                LT_TRY_ASSIGN(auto view,
                              app::CreateSavedView(services.app, context.principal(), input));
                return CreatedResponse(wire::SavedViewToJson(view, context.principal()),
                                       "/api/v1/views/" + std::to_string(view.id));
              }});

  router.Add("PUT", "/api/v1/views/{id}",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY_ASSIGN(auto body, JsonBody(context));
                LT_TRY_ASSIGN(auto input, wire::ParseSavedView(body));
                LT_TRY_ASSIGN(auto view,
                              app::UpdateSavedView(services.app, context.principal(), id, input));
                return JsonResponse(200, wire::SavedViewToJson(view, context.principal()));
              }});

  router.Add("DELETE", "/api/v1/views/{id}",
             {Access::kAuthenticated, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY_ASSIGN(auto id, PathId(context));
                LT_TRY(app::DeleteSavedView(services.app, context.principal(), id));
                return NoContentResponse();
              }});
}

}  // namespace lt::http
