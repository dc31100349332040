#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/authentication.hpp"
#include "app/live_updates.hpp"
#include "base/ip_network.hpp"
#include "base/result.hpp"
#include "http/http_types.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "i18n/i18n.hpp"

namespace lt::http {

struct ApiOptions {
  std::size_t max_body_bytes = 32 * 1024 * 1024;  // larger bodies get 413
  bool secure_cookies = false;                    // set the Secure flag (behind TLS)
  int default_page_limit = 50;
  int max_page_limit = 200;
  // Reverse proxies whose X-Forwarded-For names the client (login limits
  // count per client address).
  std::set<std::string> trusted_proxies;
  // Who may read /metrics: clients in these networks, or with this bearer
  // token when one is set.
  std::vector<IpNetwork> metrics_networks = LoopbackNetworks();
  std::string metrics_token;
  // The web console's built files, served at / (empty: the API only).
  std::filesystem::path console_root;
};

// What a handler gets: the request, its path parameters, the authenticated
// caller (if the route requires one) and the reader's language.
struct RequestContext {
  const HttpRequest& request;
  const PathParams& params;
  std::optional<app::Caller> caller;
  i18n::Locale locale = i18n::kDefaultLocale;

  const domain::Principal& principal() const { return caller->principal; }
};

// Who may call a route. kAdmin: an authenticated administrator, checked
// before the handler reads the body, so that a non-admin learns nothing of
// what the route would accept.
enum class Access { kPublic, kAuthenticated, kAdmin };

using Handler = std::function<Result<HttpResponse>(RequestContext&)>;

// What a route's request body is: JSON, or XML (WeChat's pushes).
enum class BodyType { kJson, kXml };

struct RouteEntry {
  Access access = Access::kAuthenticated;
  Handler handler;
  BodyType body_type = BodyType::kJson;
};

// The services handlers call. Owned by server/wiring.
struct Services {
  app::AppContext& app;
  app::Authenticator& authenticator;
  Metrics& metrics;
  app::LiveUpdates& live_updates;
  ApiOptions options;
  std::chrono::steady_clock::time_point started_at = std::chrono::steady_clock::now();
};

using ApiRouter = Router<RouteEntry>;

// The whole HTTP API: routing, authentication, CSRF, language negotiation,
// body limits, problem+json errors and metrics around the handlers.
// Thread-safe; Handle() may block on the store.
class Api {
 public:
  explicit Api(Services& services);
  HttpResponse Handle(const HttpRequest& request);
  const ApiRouter& router() const { return router_; }

 private:
  Result<HttpResponse> Dispatch(const HttpRequest& request, const ApiRouter::Match& match,
                                i18n::Locale& locale);
  Services& services_;
  ApiRouter router_;
};

// Registration of each resource's routes (one file per resource in handlers/).
void RegisterSystemRoutes(ApiRouter& router, Services& services);
void RegisterLetterTemplateRoutes(ApiRouter& router, Services& services);
void RegisterSavedViewRoutes(ApiRouter& router, Services& services);
void RegisterOutboxRoutes(ApiRouter& router, Services& services);
void RegisterSmsRoutes(ApiRouter& router, Services& services);
void RegisterWechatRoutes(ApiRouter& router, Services& services);
void RegisterCallRoutes(ApiRouter& router, Services& services);
void RegisterMailboxRoutes(ApiRouter& router, Services& services);
void RegisterPortalRoutes(ApiRouter& router, Services& services);
void RegisterCaseFeedbackRoutes(ApiRouter& router, Services& services);
void RegisterSessionRoutes(ApiRouter& router, Services& services);
void RegisterCaseRoutes(ApiRouter& router, Services& services);
void RegisterCustomerRoutes(ApiRouter& router, Services& services);
void RegisterDepartmentRoutes(ApiRouter& router, Services& services);
void RegisterUserRoutes(ApiRouter& router, Services& services);
void RegisterCategoryRoutes(ApiRouter& router, Services& services);
void RegisterTokenRoutes(ApiRouter& router, Services& services);
void RegisterEventRoutes(ApiRouter& router, Services& services);
void RegisterCaseStepRoutes(ApiRouter& router, Services& services);
void RegisterSlaRoutes(ApiRouter& router, Services& services);
void RegisterQualityReportRoutes(ApiRouter& router, Services& services);
void RegisterVerificationRoutes(ApiRouter& router, Services& services);
void RegisterProcedureSettingsRoutes(ApiRouter& router, Services& services);
void RegisterNotificationRoutes(ApiRouter& router, Services& services);
void RegisterClaimRoutes(ApiRouter& router, Services& services);
void RegisterActionRoutes(ApiRouter& router, Services& services);
void RegisterDecisionReviewRoutes(ApiRouter& router, Services& services);
void RegisterPreventionReportRoutes(ApiRouter& router, Services& services);
void RegisterProposalRoutes(ApiRouter& router, Services& services);
void RegisterMonthlyFigureRoutes(ApiRouter& router, Services& services);
void RegisterCalendarRoutes(ApiRouter& router, Services& services);
void RegisterSupplierCarRoutes(ApiRouter& router, Services& services);

}  // namespace lt::http
