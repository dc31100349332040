#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "http/api.hpp"

namespace lt::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  // Threads that run handlers. Handlers block on the store, so this bounds
  // how many requests are in flight; group commit batches their writes.
  std::size_t threads = 16;
  // Bodies above this are cut off by closing the connection; between
  // ApiOptions::max_body_bytes and this, the API answers 413 problem+json.
  std::uint64_t hard_body_limit_bytes = 128ull * 1024 * 1024;
  // A connection is closed when a request's headers have not all arrived
  // this long after the server began to wait for them (zero: never).
  std::chrono::milliseconds header_timeout{10'000};
};

// The HTTP transport (RESTinio). Only http_server.cpp includes RESTinio (and
// header_deadline_socket.hpp, the socket it serves on).
class HttpServer {
 public:
  // Binds and starts serving on background threads.
  static Result<std::unique_ptr<HttpServer>> Start(Api& api, const ServerOptions& options);
  virtual ~HttpServer() = default;
  // The port actually bound (useful with port 0).
  virtual std::uint16_t port() const = 0;
  // Stops accepting, finishes in-flight requests and joins the threads.
  virtual void Stop() = 0;
};

}  // namespace lt::http
