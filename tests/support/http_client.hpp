#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace lt::test {

struct HttpReply {
  int status = 0;  // 0 when the connection failed or closed without a reply
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string Header(const std::string& lower_name) const;
};

// A connected loopback TCP socket with a receive timeout, or -1.
int ConnectLoopback(std::uint16_t port, int timeout_seconds);

// A minimal blocking HTTP/1.1 client for tests on loopback: one request per
// connection ("Connection: close"), reads until the server closes.
HttpReply HttpCall(std::uint16_t port, const std::string& method, const std::string& target,
                   const std::string& body = "",
                   const std::map<std::string, std::string>& headers = {});

// A server-sent events client, as a browser's EventSource: GET `target` and
// keep reading on a thread of its own until destroyed.
class EventStreamClient {
 public:
  EventStreamClient(std::uint16_t port, const std::string& target,
                    const std::map<std::string, std::string>& headers);
  ~EventStreamClient();
  EventStreamClient(const EventStreamClient&) = delete;
  EventStreamClient& operator=(const EventStreamClient&) = delete;
  // Waits until what arrived (headers and body) contains `text`.
  bool WaitFor(const std::string& text, std::chrono::milliseconds timeout);
  std::string Received() const;

 private:
  int fd_ = -1;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::string received_;   // guarded by mutex_
  bool closed_ = false;    // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
};

// A browser session: the session cookie and the CSRF token that unsafe
// requests must carry.
struct WebSession {
  std::string cookie;  // "lt_session=..."; empty when the login failed
  std::string csrf;
  // Cookie (and, for unsafe methods, X-CSRF-Token and a JSON content type).
  std::map<std::string, std::string> Headers(bool unsafe = false) const;
};

// Logs in with POST /api/v1/session.
WebSession Login(std::uint16_t port, const std::string& email, const std::string& password);

// The demo installation's administrator (serve --demo).
inline WebSession LoginAsDemoAdmin(std::uint16_t port) {
  return Login(port, "admin@lingting.demo", "lingting-demo");
}

}  // namespace lt::test
