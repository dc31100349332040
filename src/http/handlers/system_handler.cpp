// /healthz, /livez, /metrics and /api/v1/openapi.json.

#include "http/handlers/handler_support.hpp"
#include "http/openapi.hpp"

namespace lt::http {

void RegisterSystemRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/healthz",
             {Access::kPublic, [&services](RequestContext&) -> Result<HttpResponse> {
                const Status store =
                    services.app.database.Read([](storage::Connection& connection) -> Status {
                      return connection.QueryInt("SELECT 1").ok()
                                 ? Ok()
                                 : Status(Error::Of(ErrorCode::kUnavailable, "error.unavailable"));
                    });
                if (!store.ok()) return store.error();
                const double uptime = std::chrono::duration<double>(
                                          std::chrono::steady_clock::now() - services.started_at)
                                          .count();
                return JsonResponse(200, {{"status", "ok"}, {"uptime_seconds", uptime}});
              }});
  // Liveness: answers without touching the store (for orchestrators, and the
  // bare HTTP ceiling in bench/api_bench.sh).
  router.Add("GET", "/livez", {Access::kPublic, [](RequestContext&) -> Result<HttpResponse> {
                                 return JsonResponse(200, {{"status", "ok"}});
                               }});
  router.Add("GET", "/metrics",
             {Access::kPublic, [&services](RequestContext&) -> Result<HttpResponse> {
                HttpResponse response;
                response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                response.body = services.metrics.Render(services.app.database.stats());
                return response;
              }});
  router.Add("GET", "/api/v1/openapi.json",
             {Access::kPublic, [](RequestContext&) -> Result<HttpResponse> {
                HttpResponse response;
                response.body = std::string(OpenApiDocument());
                return response;
              }});
}

}  // namespace lt::http
