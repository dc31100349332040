#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lt::http {

// Case-insensitive comparison for header names.
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
};

// A request as the handlers see it, independent of the HTTP library.
struct HttpRequest {
  std::string method;                             // "GET", "POST", ...
  std::string path;                               // without the query string, percent-decoded
  std::multimap<std::string, std::string> query;  // percent-decoded
  std::map<std::string, std::string, CaseInsensitiveLess> headers;
  std::string body;
  std::string remote_address;

  std::optional<std::string> Header(std::string_view name) const;
  // The value of a cookie from the Cookie header.
  std::optional<std::string> Cookie(std::string_view name) const;
};

// The open end of a streamed response (server-sent events). Thread-safe.
class EventSink {
 public:
  virtual ~EventSink() = default;
  // Queues `chunk` for the client without waiting. False once the client is
  // known to be gone; the caller then drops the sink.
  virtual bool Send(std::string chunk) = 0;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the response is streamed: the server sends the status, the
  // headers and `body`, keeps the connection open and hands `stream` the sink
  // for what follows.
  std::function<void(std::shared_ptr<EventSink>)> stream;

  // Whether a header of this name (any case) is set.
  bool HasHeader(std::string_view name) const;
  HttpResponse& WithHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// The client's address: the connection's peer, or, when that peer is one of
// `trusted_proxies`, the nearest address in X-Forwarded-For that is not.
std::string ClientAddress(const HttpRequest& request, const std::set<std::string>& trusted_proxies);

// Percent-decodes a URL component ('+' as space when `plus_is_space`).
// Returns nullopt for malformed escapes.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Parses "a=1&b=2" into decoded pairs; malformed escapes make it return nullopt.
std::optional<std::multimap<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace lt::http
