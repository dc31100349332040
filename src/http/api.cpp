#include "http/api.hpp"

#include <spdlog/spdlog.h>

#include "app/authorization.hpp"
#include "base/crypto.hpp"
#include "http/console_files.hpp"
#include "http/error_mapping.hpp"

namespace lt::http {
namespace {

bool IsUnsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// Whether a request body of `content_type` is what the route takes.
bool TakesContentType(BodyType body_type, const std::string& content_type) {
  const std::string media = content_type.substr(0, content_type.find(';'));
  std::string lower;
  for (const char c : media) {
    if (c != ' ') lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (body_type == BodyType::kXml) return lower == "text/xml" || lower == "application/xml";
  return lower == "application/json" || (lower.size() > 5 && lower.ends_with("+json"));
}

}  // namespace

Api::Api(Services& services) : services_(services) {
  RegisterSystemRoutes(router_, services_);
  RegisterSessionRoutes(router_, services_);
  RegisterCaseRoutes(router_, services_);
  RegisterCustomerRoutes(router_, services_);
  RegisterDepartmentRoutes(router_, services_);
  RegisterUserRoutes(router_, services_);
  RegisterCategoryRoutes(router_, services_);
  RegisterTokenRoutes(router_, services_);
  RegisterEventRoutes(router_, services_);
  RegisterCaseStepRoutes(router_, services_);
  RegisterSlaRoutes(router_, services_);
  RegisterQualityReportRoutes(router_, services_);
  RegisterVerificationRoutes(router_, services_);
  RegisterProcedureSettingsRoutes(router_, services_);
  RegisterNotificationRoutes(router_, services_);
  RegisterClaimRoutes(router_, services_);
  RegisterActionRoutes(router_, services_);
  RegisterDecisionReviewRoutes(router_, services_);
  RegisterPreventionReportRoutes(router_, services_);
  RegisterProposalRoutes(router_, services_);
  RegisterMonthlyFigureRoutes(router_, services_);
  RegisterCalendarRoutes(router_, services_);
  RegisterSupplierCarRoutes(router_, services_);
  RegisterLetterTemplateRoutes(router_, services_);
  RegisterSavedViewRoutes(router_, services_);
  RegisterOutboxRoutes(router_, services_);
  RegisterSmsRoutes(router_, services_);
  RegisterWechatRoutes(router_, services_);
  RegisterCallRoutes(router_, services_);
  RegisterMailboxRoutes(router_, services_);
  RegisterPortalRoutes(router_, services_);
  RegisterCaseFeedbackRoutes(router_, services_);
}

Result<HttpResponse> Api::Dispatch(const HttpRequest& request, const ApiRouter::Match& match,
                                   i18n::Locale& locale) {
  const auto accept_language = request.Header("Accept-Language");
  if (request.body.size() > services_.options.max_body_bytes) {
    return Error::Of(ErrorCode::kTooLarge, "error.too_large",
                     {{"limit", std::to_string(services_.options.max_body_bytes)}});
  }
  if (IsUnsafe(request.method) && !request.body.empty()) {
    const std::string content_type = request.Header("Content-Type").value_or("");
    if (!TakesContentType(match.route->handler.body_type, content_type)) {
      return Error::Of(ErrorCode::kUnsupportedMedia,
                       match.route->handler.body_type == BodyType::kXml
                           ? "error.unsupported_media_xml"
                           : "error.unsupported_media",
                       {{"content_type", content_type.empty() ? "-" : content_type}});
    }
  }
  RequestContext context{request, match.params, std::nullopt, locale};
  if (match.route->handler.access != Access::kPublic) {
    const std::string authorization = request.Header("Authorization").value_or("");
    if (authorization.rfind("Bearer ", 0) == 0) {
      LT_TRY_ASSIGN(context.caller, services_.authenticator.ResolveBearer(authorization.substr(7)));
    } else if (auto session = request.Cookie("lt_session")) {
      LT_TRY_ASSIGN(context.caller, services_.authenticator.ResolveSession(*session));
      if (IsUnsafe(request.method)) {
        const std::string sent = request.Header("X-CSRF-Token").value_or("");
        if (!context.caller->csrf_token || !ConstantTimeEquals(sent, *context.caller->csrf_token)) {
          return Error::Of(ErrorCode::kForbidden, "error.csrf");
        }
      }
    } else {
      return Error::Of(ErrorCode::kUnauthenticated, "error.unauthenticated");
    }
    if (!accept_language) {
      i18n::Locale user_locale;
      if (i18n::ParseLocaleTag(context.caller->locale, user_locale)) locale = user_locale;
      context.locale = locale;
    }
    if (match.route->handler.access == Access::kAdmin) {
      LT_TRY(app::RequireAdmin(context.caller->principal));
    }
  }
  return match.route->handler.handler(context);
}

namespace {

// Every answer of the API: never sniffed as another type, framed, or sent
// on as a referrer; not stored by caches unless the handler said otherwise,
// since answers carry personal data.
void AddSecurityHeaders(HttpResponse& response) {
  if (!response.HasHeader("X-Content-Type-Options")) {
    response.WithHeader("X-Content-Type-Options", "nosniff");
  }
  if (!response.HasHeader("Cache-Control")) response.WithHeader("Cache-Control", "no-store");
  response.WithHeader("Referrer-Policy", "no-referrer");
  if (!response.HasHeader("Content-Security-Policy")) {
    response.WithHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
  response.WithHeader("X-Frame-Options", "DENY");
}

}  // namespace

HttpResponse Api::Handle(const HttpRequest& received) {
  const auto started = std::chrono::steady_clock::now();
  // Behind a trusted proxy, the client is the one it names; copy only then.
  std::optional<HttpRequest> forwarded;
  if (services_.options.trusted_proxies.contains(received.remote_address)) {
    forwarded = received;
    forwarded->remote_address = ClientAddress(received, services_.options.trusted_proxies);
  }
  const HttpRequest& request = forwarded ? *forwarded : received;
  i18n::Locale locale = i18n::kDefaultLocale;
  if (const auto accept_language = request.Header("Accept-Language")) {
    locale = i18n::NegotiateLocale(*accept_language);
  }
  const auto match = router_.Find(request.method, request.path);
  std::string route_label = "unmatched";
  HttpResponse response;
  std::optional<HttpResponse> console_file;
  if (match.kind == ApiRouter::MatchKind::kNoPath && !services_.options.console_root.empty()) {
    console_file = ServeConsoleFile(services_.options.console_root, request);
  }
  if (console_file) {
    route_label = "console";
    response = std::move(*console_file);
  } else if (match.kind == ApiRouter::MatchKind::kNoPath) {
    response = ProblemResponse(
        Error::Of(ErrorCode::kNotFound, "error.route_not_found", {{"path", request.path}}), locale);
  } else if (match.kind == ApiRouter::MatchKind::kNoMethod) {
    response = ProblemResponse(Error::Of(ErrorCode::kMethodNotAllowed, "error.method_not_allowed",
                                         {{"path", request.path}, {"method", request.method}}),
                               locale);
    std::string allowed;
    for (const auto& method : match.allowed_methods)
      allowed += (allowed.empty() ? "" : ", ") + method;
    response.WithHeader("Allow", allowed);
  } else {
    route_label = match.route->pattern;
    try {
      Result<HttpResponse> result = Dispatch(request, match, locale);
      response = result.ok() ? std::move(result).value() : ProblemResponse(result.error(), locale);
    } catch (const std::exception& exception) {
      response = ProblemResponse(
          Error::Internal(std::string("unhandled exception: ") + exception.what()), locale);
    }
  }
  response.WithHeader("Content-Language", std::string(i18n::LocaleTag(locale)));
  AddSecurityHeaders(response);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  services_.metrics.RecordRequest(request.method, route_label, response.status, seconds);
  spdlog::debug("{} {} {} {} {:.3f} ms", request.remote_address, request.method, request.path,
                response.status, seconds * 1000);
  return response;
}

}  // namespace lt::http
