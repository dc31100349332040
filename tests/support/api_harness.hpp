#pragma once

#include <nlohmann/json.hpp>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
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

// A live-update client in process: records what /api/v1/events sends.
class RecordingSink final : public http::EventSink {
 public:
  bool Send(std::string chunk) override;
  // Waits until the stream contains `text` (true) or `timeout` passes.
  bool WaitFor(const std::string& text, std::chrono::milliseconds timeout);
  std::string Received() const;
  void Close();  // the client goes away: the next Send returns false

 private:
  mutable std::mutex mutex_;
  std::condition_variable received_;
  std::string text_;
  bool closed_ = false;
};

// The whole API in process over a fresh test store: requests go through
// routing, authentication, CSRF and error mapping exactly as over HTTP.
class ApiHarness {
 public:
  ApiHarness();
  TestStore store;
  app::Authenticator authenticator{*store.context};
  http::Metrics metrics;
  app::LiveUpdates live_updates{*store.database, std::chrono::milliseconds(200)};
  http::Services services{*store.context, authenticator, metrics, live_updates, http::ApiOptions{}};
  http::Api api{services};

  // The client address requests come from.
  std::string remote_address = "127.0.0.1";

  // Creates a user with this role and returns a bearer token for it.
  std::string TokenFor(const domain::User& user);
  std::string AdminToken();

  ApiResult Call(const std::string& method, const std::string& target,
                 const std::string& token = "", const std::string& body = "",
                 std::map<std::string, std::string> headers = {});
  // GET /api/v1/events as `token`'s user; the sink is null when it failed.
  std::shared_ptr<RecordingSink> OpenEventStream(const std::string& token);
  ApiResult CallJson(const std::string& method, const std::string& target, const std::string& token,
                     const nlohmann::json& body, std::map<std::string, std::string> headers = {});
  // Runs the outbox's due jobs now, as a node's job runner would.
  void SendOutbox();
  // Runs the WeChat media fetches that are due (jobs::WechatMediaJob).
  void FetchWechatMedia();
  // The SLA clock `target` of the case at `case_path` as an admin reads it;
  // null while it has not started.
  nlohmann::json ClockOf(const std::string& case_path, const std::string& target);

 private:
  std::string admin_token_;
};

}  // namespace lt::test
