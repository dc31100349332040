#include <gtest/gtest.h>

#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

std::string CookieValue(const test::ApiResult& result, const std::string& name) {
  for (const auto& [header, value] : result.headers) {
    if (header == "Set-Cookie" && value.rfind(name + "=", 0) == 0) {
      return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
    }
  }
  return {};
}

TEST(AuthApi, RequestsWithoutCredentialsAre401) {
  test::ApiHarness harness;
  auto result = harness.Call("GET", "/api/v1/cases");
  EXPECT_EQ(result.status, 401);
  EXPECT_EQ(result.body["type"], "https://lingting.dev/problems/unauthenticated");
  EXPECT_EQ(harness.Call("GET", "/api/v1/cases", "lt_notarealtoken").status, 401);
}

TEST(AuthApi, SessionLoginSetsHttpOnlyCookieAndUnsafeMethodsNeedTheCsrfToken) {
  test::ApiHarness harness;
  harness.store.AddUser("agent@example.com", domain::Role::kAgent);
  auto login = harness.CallJson("POST", "/api/v1/session", "",
                                {{"email", "agent@example.com"}, {"password", "correct horse"}});
  ASSERT_EQ(login.status, 201) << login.raw;
  const std::string session = CookieValue(login, "lt_session");
  const std::string csrf = login.body["csrf_token"];
  ASSERT_FALSE(session.empty());
  bool http_only = false;
  for (const auto& [header, value] : login.headers) {
    if (header == "Set-Cookie" && value.rfind("lt_session=", 0) == 0) {
      http_only = value.find("HttpOnly") != std::string::npos &&
                  value.find("SameSite=Lax") != std::string::npos;
    }
  }
  EXPECT_TRUE(http_only);
  const std::map<std::string, std::string> cookie = {
      {"Cookie", "lt_session=" + session + "; lt_csrf=" + csrf}};
  EXPECT_EQ(harness.Call("GET", "/api/v1/session", "", "", cookie).status, 200);
  const json body = {{"subject", "会话创建"},
                     {"customer", {{"name", "x"}, {"phone", "13000000001"}}}};
  auto without_csrf = harness.Call("POST", "/api/v1/cases", "", body.dump(), cookie);
  EXPECT_EQ(without_csrf.status, 403);
  EXPECT_EQ(without_csrf.body["code"], "error.csrf");
  auto with_csrf_headers = cookie;
  with_csrf_headers["X-CSRF-Token"] = csrf;
  EXPECT_EQ(harness.Call("POST", "/api/v1/cases", "", body.dump(), with_csrf_headers).status, 201);
  auto wrong_csrf = cookie;
  wrong_csrf["X-CSRF-Token"] = std::string(csrf.size(), '0');
  EXPECT_EQ(harness.Call("POST", "/api/v1/cases", "", body.dump(), wrong_csrf).status, 403);
  EXPECT_EQ(harness.Call("DELETE", "/api/v1/session", "", "", with_csrf_headers).status, 204);
  EXPECT_EQ(harness.Call("GET", "/api/v1/session", "", "", cookie).status, 401);
}

TEST(AuthApi, RepeatedWrongPasswordsAreRateLimitedWithRetryAfter) {
  test::ApiHarness harness;
  harness.store.AddUser("qa@example.com", domain::Role::kQa);
  test::ApiResult last;
  for (int i = 0; i <= harness.store.context->options.login_max_failures; ++i) {
    last = harness.CallJson("POST", "/api/v1/session", "",
                            {{"email", "qa@example.com"}, {"password", "nope"}});
  }
  EXPECT_EQ(last.status, 429);
  EXPECT_FALSE(last.Header("Retry-After").empty());
}

TEST(AuthApi, BehindATrustedProxyLoginLimitsCountPerForwardedClient) {
  test::ApiHarness harness;
  harness.services.options.trusted_proxies = {"127.0.0.1"};
  harness.store.AddUser("qa@example.com", domain::Role::kQa);
  const auto attempt = [&](const std::string& email, const std::string& forwarded_for) {
    return harness.CallJson("POST", "/api/v1/session", "", {{"email", email}, {"password", "nope"}},
                            {{"X-Forwarded-For", forwarded_for}});
  };
  for (int i = 0; i <= harness.store.context->options.login_max_failures; ++i) {
    attempt("qa@example.com", "203.0.113.7");
  }
  EXPECT_EQ(attempt("qa@example.com", "203.0.113.7").status, 429);  // this client, this account
  // Another client behind the same proxy is not slowed down with the first,
  // nor can the first hide behind an address it prepends itself.
  EXPECT_EQ(attempt("qa@example.com", "198.51.100.9").status, 401);
  EXPECT_EQ(attempt("qa@example.com", "198.51.100.9, 203.0.113.7").status, 429);
  // Nor are other people at the first client (until it fails across accounts).
  EXPECT_EQ(attempt("other@example.com", "203.0.113.7").status, 401);
}

TEST(ClientAddress, BelievesForwardedForOnlyFromTrustedProxies) {
  http::HttpRequest request;
  request.remote_address = "10.0.0.5";
  request.headers["X-Forwarded-For"] = "203.0.113.7, 10.0.0.4";
  EXPECT_EQ(http::ClientAddress(request, {}), "10.0.0.5");
  EXPECT_EQ(http::ClientAddress(request, {"10.0.0.5"}), "10.0.0.4");
  EXPECT_EQ(http::ClientAddress(request, {"10.0.0.5", "10.0.0.4"}), "203.0.113.7");
  request.headers.erase("X-Forwarded-For");
  EXPECT_EQ(http::ClientAddress(request, {"10.0.0.5"}), "10.0.0.5");
}

TEST(AuthApi, TokensAreCreatedListedAndRevoked) {
  test::ApiHarness harness;
  const auto agent_token =
      harness.TokenFor(harness.store.AddUser("a@example.com", domain::Role::kAgent));
  auto created = harness.CallJson("POST", "/api/v1/tokens", agent_token, {{"name", "ERP 集成"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string secret = created.body["token"];
  EXPECT_EQ(harness.Call("GET", "/api/v1/cases", secret).status, 200);
  auto listed = harness.Call("GET", "/api/v1/tokens", agent_token);
  EXPECT_EQ(listed.body["items"].size(), 2u);
  EXPECT_FALSE(listed.body["items"][0].contains("token"));
  EXPECT_EQ(
      harness.Call("DELETE", "/api/v1/tokens/" + created.body["id"].dump(), agent_token).status,
      204);
  EXPECT_EQ(harness.Call("GET", "/api/v1/cases", secret).status, 401);
  EXPECT_EQ(harness.Call("DELETE", "/api/v1/tokens/9999", agent_token).status, 404);
  const auto other = harness.store.AddUser("b@example.com", domain::Role::kAgent);
  auto for_other = harness.CallJson("POST", "/api/v1/tokens", agent_token,
                                    {{"name", "x"}, {"user_id", other.id}});
  EXPECT_EQ(for_other.status, 403);
}

TEST(AuthApi, MetricsAreServedToTheMonitoringNetworksOrWithTheToken) {
  test::ApiHarness harness;
  harness.remote_address = "203.0.113.9";  // before: anyone anywhere read them
  auto outsider = harness.Call("GET", "/metrics");
  EXPECT_EQ(outsider.status, 403) << outsider.raw;
  EXPECT_EQ(outsider.body["code"], "error.metrics_forbidden");
  harness.services.options.metrics_token = "scrape-secret";
  EXPECT_EQ(harness.Call("GET", "/metrics", "scrape-secret").status, 200);
  EXPECT_EQ(harness.Call("GET", "/metrics", "wrong").status, 403);
  harness.services.options.metrics_networks.push_back(*ParseIpNetwork("203.0.113.0/24"));
  EXPECT_EQ(harness.Call("GET", "/metrics").status, 200);
  harness.remote_address = "::ffff:127.0.0.1";  // loopback, written as IPv6
  EXPECT_EQ(harness.Call("GET", "/metrics").status, 200);
}

TEST(AuthApi, EveryAnswerForbidsSniffingFramingCachingAndReferrers) {
  test::ApiHarness harness;
  for (const auto& answer :
       {harness.Call("GET", "/api/v1/cases", harness.AdminToken()), harness.Call("GET", "/nowhere"),
        harness.Call("GET", "/api/v1/cases")}) {
    EXPECT_EQ(answer.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(answer.Header("Cache-Control"), "no-store");
    EXPECT_EQ(answer.Header("Referrer-Policy"), "no-referrer");
    EXPECT_NE(answer.Header("Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos);
  }
}

TEST(AuthApi, HealthMetricsAndOpenApiArePublic) {
  test::ApiHarness harness;
  EXPECT_EQ(harness.Call("GET", "/healthz").status, 200);
  auto live = harness.Call("GET", "/livez");
  EXPECT_EQ(live.status, 200);
  EXPECT_EQ(live.body["status"], "ok");
  EXPECT_EQ(harness.Call("GET", "/api/v1/openapi.json").body["openapi"], "3.1.0");
  harness.Call("GET", "/api/v1/cases");
  auto metrics = harness.Call("GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(
      metrics.raw.find(
          "lingting_http_requests_total{method=\"GET\",route=\"/api/v1/cases\",status=\"401\"} 1"),
      std::string::npos);
  EXPECT_NE(metrics.raw.find("lingting_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(metrics.raw.find("lingting_db_reads_total"), std::string::npos);
}

}  // namespace
}  // namespace lt
