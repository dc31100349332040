#include "support/http_client.hpp"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

namespace lt::test {

std::string HttpReply::Header(const std::string& lower_name) const {
  const auto found = headers.find(lower_name);
  return found == headers.end() ? std::string() : found->second;
}

int ConnectLoopback(std::uint16_t port, int timeout_seconds) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  timeval timeout{timeout_seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

namespace {

void SendRequest(int fd, const std::string& method, const std::string& target,
                 const std::string& body, const std::map<std::string, std::string>& headers,
                 bool keep_open) {
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!keep_open) request += "Connection: close\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST" || method == "PATCH") {
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  request += "\r\n" + body;
  std::size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (oversize body); read what it said
    sent += static_cast<std::size_t>(n);
  }
}

}  // namespace

HttpReply HttpCall(std::uint16_t port, const std::string& method, const std::string& target,
                   const std::string& body, const std::map<std::string, std::string>& headers) {
  HttpReply reply;
  const int fd = ConnectLoopback(port, 30);
  if (fd < 0) return reply;
  SendRequest(fd, method, target, body, headers, false);
  std::string response;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    response.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  const auto header_end = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.", 0) != 0 || header_end == std::string::npos) return reply;
  reply.status = std::stoi(response.substr(9, 3));
  std::size_t line_start = response.find("\r\n") + 2;
  while (line_start < header_end) {
    const auto line_end = response.find("\r\n", line_start);
    const std::string line = response.substr(line_start, line_end - line_start);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      reply.headers.emplace(name, value);
    }
    line_start = line_end + 2;
  }
  reply.body = response.substr(header_end + 4);
  return reply;
}

std::map<std::string, std::string> WebSession::Headers(bool unsafe) const {
  std::map<std::string, std::string> headers = {{"Cookie", cookie}};
  if (unsafe) {
    headers["X-CSRF-Token"] = csrf;
    headers["Content-Type"] = "application/json";
  }
  return headers;
}

WebSession Login(std::uint16_t port, const std::string& email, const std::string& password) {
  const nlohmann::json credentials = {{"email", email}, {"password", password}};
  const HttpReply reply = HttpCall(port, "POST", "/api/v1/session", credentials.dump(),
                                   {{"Content-Type", "application/json"}});
  WebSession session;
  if (reply.status != 201) return session;
  for (const auto& [name, value] : reply.headers) {
    if (name == "set-cookie" && value.rfind("lt_session=", 0) == 0)
      session.cookie = value.substr(0, value.find(';'));
  }
  const auto body = nlohmann::json::parse(reply.body, nullptr, false);
  if (body.is_object() && body.contains("csrf_token")) session.csrf = body["csrf_token"];
  return session;
}

EventStreamClient::EventStreamClient(std::uint16_t port, const std::string& target,
                                     const std::map<std::string, std::string>& headers) {
  fd_ = ConnectLoopback(port, 1);
  if (fd_ < 0) return;
  SendRequest(fd_, "GET", target, "", headers, true);
  reader_ = std::thread([this] {
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) break;
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      if (n > 0) {
        received_.append(buffer, static_cast<std::size_t>(n));
        arrived_.notify_all();
      }
    }
    std::lock_guard lock(mutex_);
    closed_ = true;
    arrived_.notify_all();
  });
}

EventStreamClient::~EventStreamClient() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
  if (reader_.joinable()) reader_.join();
  if (fd_ >= 0) ::close(fd_);
}

bool EventStreamClient::WaitFor(const std::string& text, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return arrived_.wait_for(lock, timeout,
                           [&] { return received_.find(text) != std::string::npos; });
}

std::string EventStreamClient::Received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

}  // namespace lt::test
