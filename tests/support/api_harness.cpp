#include "support/api_harness.hpp"

#include <gtest/gtest.h>

#include "app/outbox.hpp"
#include "app/wechat_media.hpp"
#include "jobs/job_runner.hpp"
#include "jobs/outbox_job.hpp"
#include "jobs/wechat_media_job.hpp"

namespace lt::test {

std::string ApiResult::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

ApiHarness::ApiHarness() { services.app.options.max_attachment_bytes = 1024 * 1024; }

namespace {

// Runs the due jobs of `kind` now, as a node's job runner would.
void RunDueJobs(TestStore& store, std::string_view kind,
                std::unique_ptr<jobs::JobHandler> handler) {
  jobs::JobRunnerOptions options;
  options.node = "test-node";
  jobs::JobRunner runner(*store.database, store.clock, options);
  runner.Register(std::string(kind), std::move(handler));
  EXPECT_TRUE(runner.RunDue().ok());
}

}  // namespace

void ApiHarness::SendOutbox() {
  RunDueJobs(store, app::kOutboxSendJob, std::make_unique<jobs::OutboxJob>(*store.context));
}

void ApiHarness::FetchWechatMedia() {
  RunDueJobs(store, app::kWechatMediaJob, std::make_unique<jobs::WechatMediaJob>(*store.context));
}

std::string ApiHarness::TokenFor(const domain::User& user) {
  auto created = authenticator.CreateToken(domain::Principal::System(), user.id, "test");
  EXPECT_TRUE(created.ok());
  return created.ok() ? created->secret : "";
}

std::string ApiHarness::AdminToken() {
  if (admin_token_.empty())
    admin_token_ = TokenFor(store.AddUser("root@example.com", domain::Role::kAdmin));
  return admin_token_;
}

ApiResult ApiHarness::Call(const std::string& method, const std::string& target,
                           const std::string& token, const std::string& body,
                           std::map<std::string, std::string> headers) {
  http::HttpRequest request;
  request.method = method;
  const auto question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) {
    request.query = http::ParseQuery(target.substr(question + 1))
                        .value_or(std::multimap<std::string, std::string>{});
  }
  if (!token.empty()) request.headers["Authorization"] = "Bearer " + token;
  if (!body.empty() && !headers.contains("Content-Type"))
    request.headers["Content-Type"] = "application/json";
  for (auto& [name, value] : headers) request.headers[name] = value;
  request.body = body;
  request.remote_address = remote_address;
  http::HttpResponse response = api.Handle(request);
  ApiResult result;
  result.status = response.status;
  result.raw = response.body;
  result.headers = response.headers;
  if (!response.content_type.empty())
    result.headers.emplace_back("Content-Type", response.content_type);
  if (response.content_type.find("json") != std::string::npos && !response.body.empty()) {
    result.body = nlohmann::json::parse(response.body, nullptr, false);
  }
  return result;
}

bool RecordingSink::Send(std::string chunk) {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  text_ += chunk;
  received_.notify_all();
  return true;
}

bool RecordingSink::WaitFor(const std::string& text, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return received_.wait_for(lock, timeout, [&] { return text_.find(text) != std::string::npos; });
}

std::string RecordingSink::Received() const {
  std::lock_guard lock(mutex_);
  return text_;
}

void RecordingSink::Close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
}

std::shared_ptr<RecordingSink> ApiHarness::OpenEventStream(const std::string& token) {
  http::HttpRequest request;
  request.method = "GET";
  request.path = "/api/v1/events";
  request.headers["Authorization"] = "Bearer " + token;
  request.remote_address = "127.0.0.1";
  http::HttpResponse response = api.Handle(request);
  if (response.status != 200 || !response.stream) return nullptr;
  auto sink = std::make_shared<RecordingSink>();
  sink->Send(response.body);
  response.stream(sink);
  return sink;
}

ApiResult ApiHarness::CallJson(const std::string& method, const std::string& target,
                               const std::string& token, const nlohmann::json& body,
                               std::map<std::string, std::string> headers) {
  return Call(method, target, token, body.dump(), std::move(headers));
}

nlohmann::json ApiHarness::ClockOf(const std::string& case_path, const std::string& target) {
  auto fetched = Call("GET", case_path, AdminToken());
  EXPECT_EQ(fetched.status, 200) << fetched.raw;
  for (const auto& clock : fetched.body["sla"]) {
    if (clock["target"] == target) return clock;
  }
  return nullptr;
}

}  // namespace lt::test
