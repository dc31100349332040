// Slow clients against the built binary: a connection whose request headers
// do not arrive within server.header_timeout_seconds is closed, and only
// that; slow bodies, kept-alive connections in use and event streams are
// spared.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

namespace lt {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// A raw client connection that the test feeds byte by byte.
class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port) : fd_(test::ConnectLoopback(port, 5)) {}
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(RawConnection&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  void Send(const std::string& bytes) {
    ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }
  // True once the server has closed its side (end of stream or reset),
  // without waiting.
  bool ClosedByServer() {
    char byte = 0;
    const ssize_t n = ::recv(fd_, &byte, 1, MSG_DONTWAIT | MSG_PEEK);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
  }
  // Reads until `text` has arrived or the stream ends; what arrived.
  std::string ReadUntil(const std::string& text) {
    std::string received;
    char buffer[4096];
    while (received.find(text) == std::string::npos) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      received.append(buffer, static_cast<std::size_t>(n));
    }
    return received;
  }

 private:
  int fd_;
};

std::size_t OpenFileDescriptors(pid_t pid) {
  std::size_t count = 0;
  std::error_code error;
  for (auto it = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    ++count;
  }
  return count;
}

// A server whose header timeout is one second, so that the test waits a
// little; the default (10 s) is the configuration test's.
class SlowClients : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("LINGTING_SERVER_HEADER_TIMEOUT_SECONDS", "1", 1);
    server_ = std::make_unique<test::ServerProcess>(
        directory_.path(), std::vector<std::string>{"--demo", "--demo-cases", "3"});
    ::unsetenv("LINGTING_SERVER_HEADER_TIMEOUT_SECONDS");
    ASSERT_TRUE(server_->running());
  }
  std::uint16_t port() const { return server_->port(); }

  test::TempDir directory_;
  std::unique_ptr<test::ServerProcess> server_;
};

TEST_F(SlowClients, SixtyConnectionsSendingHeadersTooSlowlyAreClosedAfterTheTimeout) {
  const std::size_t before = OpenFileDescriptors(server_->pid());
  const auto first_opened = Clock::now();
  std::vector<RawConnection> connections;
  for (int i = 0; i < 60; ++i) {
    connections.emplace_back(port());
    ASSERT_TRUE(connections.back().connected());
    // Half dribble a header, half send nothing at all.
    if (i % 2 == 0) connections.back().Send("GET /healthz HTTP/1.1\r\nX-Slow: ");
  }
  const auto opened = Clock::now();

  // The server holds every slow connection until its time is up. Its
  // accepts run apart from this thread, so the count is read until it shows
  // all 60, while the first connection is still well within its second
  // (under the sanitizers the loop above alone can take a good part of it).
  // The server's own descriptors (store connections opened and closed as its
  // jobs run) move by one or two meanwhile, so the count allows for that;
  // each connection's own closing time is checked below.
  std::size_t held = 0;
  while (Clock::now() - first_opened < 800ms) {
    held = OpenFileDescriptors(server_->pid());
    if (held >= before + 60) break;
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_GE(held, before + 58)
      << "the server should hold every slow connection until its time is up";
  // The server keeps serving others meanwhile.
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(test::HttpCall(port(), "GET", "/healthz").status, 200);

  std::vector<Clock::duration> closed_after(connections.size(), Clock::duration::zero());
  std::size_t open = connections.size();
  while (open > 0 && Clock::now() - opened < 6s) {
    for (std::size_t i = 0; i < connections.size(); ++i) {
      if (closed_after[i] != Clock::duration::zero()) continue;
      if (connections[i].ClosedByServer()) {
        closed_after[i] = Clock::now() - opened;
        --open;
      } else if (i % 2 == 0) {
        connections[i].Send("x");  // one more byte, never the end of the headers
      }
    }
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_EQ(open, 0u) << "slow connections still open 6 s after a 1 s header timeout";
  for (const auto after : closed_after) {
    EXPECT_GE(after, 900ms) << "closed before its time";
    EXPECT_LE(after, 3s);
  }
  // And the server let go of their sockets.
  auto released = Clock::now();
  while (OpenFileDescriptors(server_->pid()) > before + 2 && Clock::now() - released < 2s) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_LE(OpenFileDescriptors(server_->pid()), before + 2);
}

TEST_F(SlowClients, ABodyMayArriveSlowlyOnceTheHeadersAreIn) {
  RawConnection connection(port());
  const std::string body = R"({"email":"nobody@example.cn","password":"not-the-password"})";
  connection.Send(
      "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
      "application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  for (std::size_t i = 0; i < 5; ++i) {  // 2.5 s for the first five bytes
    std::this_thread::sleep_for(500ms);
    connection.Send(body.substr(i, 1));
  }
  connection.Send(body.substr(5));
  const std::string reply = connection.ReadUntil("\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 401", 0), 0u) << reply;
}

TEST_F(SlowClients, AKeptAliveConnectionServesRequestsInTimeAndClosesWhenIdle) {
  RawConnection connection(port());
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  for (int i = 0; i < 3; ++i) {
    connection.Send(request);
    EXPECT_EQ(connection.ReadUntil("\r\n\r\n").rfind("HTTP/1.1 200", 0), 0u);
    std::this_thread::sleep_for(600ms);  // more than half the limit each time
  }
  std::this_thread::sleep_for(1s);
  EXPECT_TRUE(connection.ClosedByServer());
}

TEST_F(SlowClients, AnEventStreamOutlivesTheHeaderTimeout) {
  const test::WebSession session = test::LoginAsDemoAdmin(port());
  ASSERT_FALSE(session.cookie.empty());
  test::EventStreamClient stream(port(), "/api/v1/events", session.Headers());
  ASSERT_TRUE(stream.WaitFor("text/event-stream", 5s));
  std::this_thread::sleep_for(2500ms);
  const nlohmann::json body = {{"subject", "慢客户端之后的新投诉"},
                               {"customer", {{"name", "孙悟空"}, {"phone", "13900001111"}}}};
  auto created =
      test::HttpCall(port(), "POST", "/api/v1/cases", body.dump(), session.Headers(true));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string number = nlohmann::json::parse(created.body)["number"];
  EXPECT_TRUE(stream.WaitFor(number, 5s)) << stream.Received();
}

}  // namespace
}  // namespace lt
