#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>

#include "http/api.hpp"
#include "support/test_env.hpp"

namespace lt::test {

struct ApiResult {
  int status = 0;
  nlohmann::json body;  // parsed when the body is JSON, else null
  std::string raw;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string Header(const std::string& name) const;
};

// The whole API in process over a fresh test store: requests go through
// routing, authentication, CSRF and error mapping exactly as over HTTP.
class ApiHarness {
 public:
  ApiHarness();
  TestStore store;
  app::Authenticator authenticator{*store.context};
  http::Metrics metrics;
  http::Services services{*store.context, authenticator, metrics, http::ApiOptions{}};
  http::Api api{services};

  // Creates a user with this role and returns a bearer token for it.
  std::string TokenFor(const domain::User& user);
  std::string AdminToken();

  ApiResult Call(const std::string& method, const std::string& target,
                 const std::string& token = "", const std::string& body = "",
                 std::map<std::string, std::string> headers = {});
  ApiResult CallJson(const std::string& method, const std::string& target, const std::string& token,
                     const nlohmann::json& body, std::map<std::string, std::string> headers = {});

 private:
  std::string admin_token_;
};

}  // namespace lt::test
