#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace lt::test {

// The stand-in gateway (tests/support/gateway-recorder.py) on 127.0.0.1: it
// records each request and answers by the phone number in the body
// (13900400400 refused, 13900503503 unavailable once, 13900200200 a 200 with
// an error code, any other accepted), and as WeChat's API under /wechat.
// Stopped when destroyed.
class GatewayRecorder {
 public:
  GatewayRecorder();
  ~GatewayRecorder();
  GatewayRecorder(const GatewayRecorder&) = delete;
  GatewayRecorder& operator=(const GatewayRecorder&) = delete;

  std::string Url(const std::string& path) const;
  // Every request so far: {"method", "path", "headers", "body"}.
  std::vector<nlohmann::json> Requests() const;
  // A file WeChat's media/get gives for `media_id` from now on.
  void AddWechatMedia(const std::string& media_id, const std::string& content_type,
                      const std::string& content) const;
  // Waits until at least `count` requests arrived; returns them.
  std::vector<nlohmann::json> WaitForRequests(
      std::size_t count, std::chrono::seconds timeout = std::chrono::seconds(20));

 private:
  std::filesystem::path directory_;
  std::unique_ptr<ChildProcess> process_;
  std::uint16_t port_ = 0;
};

}  // namespace lt::test
