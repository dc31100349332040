#pragma once

// One HTTP request to a gateway (a POST to an SMS gateway, a chat API or a
// group robot; a GET of a file from a chat API), through libcurl: what the
// server answered, or why nothing was answered.

#include <cstddef>
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

struct HttpGet {
  std::string url;
  std::size_t max_bytes = 64 * 1024;  // of the body kept; more is cut off
  int timeout_seconds = 10;
  bool verify_certificate = true;
};

struct HttpAnswer {
  bool answered = false;  // false: no connection, timeout, TLS failure
  long status = 0;
  std::string content_type;  // the Content-Type header, as sent
  std::string body;          // the first 64 KiB (a GET's max_bytes)
  bool cut_off = false;      // the body was longer than that
  std::string error;         // what went wrong when not answered
};

HttpAnswer Post(const HttpPost& request);
HttpAnswer Get(const HttpGet& request);

// The answer in a line for the timeline: "HTTP 200: {"code":"OK"}" (the body
// cut to 300 bytes, on a character boundary) or "connect: <error>".
std::string Describe(const HttpAnswer& answer);

}  // namespace lt::gateways
