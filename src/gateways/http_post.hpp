#pragma once

// One HTTP POST to a gateway (SMS now; chat APIs and group robots later),
// through libcurl: what the server answered, or why nothing was answered.

#include <string>
#include <utility>
#include <vector>

namespace lt::gateways {

struct HttpPost {
  std::string url;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int timeout_seconds = 10;
  bool verify_certificate = true;
};

struct HttpAnswer {
  bool answered = false;  // false: no connection, timeout, TLS failure
  long status = 0;
  std::string body;   // the first 64 KiB
  std::string error;  // what went wrong when not answered
};

HttpAnswer Post(const HttpPost& request);

// The answer in a line for the timeline: "HTTP 200: {"code":"OK"}" (the body
// cut to 300 bytes, on a character boundary) or "connect: <error>".
std::string Describe(const HttpAnswer& answer);

}  // namespace lt::gateways
