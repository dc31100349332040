// /healthz, /livez, /metrics and /api/v1/openapi.json.

#include "app/store_health.hpp"
#include "base/crypto.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/openapi.hpp"

namespace lt::http {
namespace {

// Prometheus scrapes from loopback or a configured network; anyone else
// needs the metrics token, when one is set.
Status CheckMetricsReader(const ApiOptions& options, const HttpRequest& request) {
  for (const auto& network : options.metrics_networks) {
    if (NetworkContains(network, request.remote_address)) return Ok();
  }
  const std::string authorization = request.Header("Authorization").value_or("");
  if (!options.metrics_token.empty() &&
      ConstantTimeEquals(authorization, "Bearer " + options.metrics_token)) {
    return Ok();
  }
  return Error::Of(ErrorCode::kForbidden, "error.metrics_forbidden");
}

}  // namespace

void RegisterSystemRoutes(ApiRouter& router, Services& services) {
  router.Add("GET", "/healthz",
             {Access::kPublic, [&services](RequestContext&) -> Result<HttpResponse> {
                const Status store = app::CheckStore(services.app);
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
             {Access::kPublic, [&services](RequestContext& context) -> Result<HttpResponse> {
                LT_TRY(CheckMetricsReader(services.options, context.request));
                HttpResponse response;
                response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                response.body = services.metrics.Render(app::StoreActivityOf(services.app));
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
