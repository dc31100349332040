#include "http/http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <restinio/all.hpp>

#include "http/header_deadline_socket.hpp"

#include <atomic>
#include <mutex>

namespace lt::http {
namespace {

// RESTinio's defaults, on a socket that closes connections whose request
// headers arrive too slowly.
using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t,
                                  restinio::details::autodetect_request_handler_type,
                                  restinio::default_strand_t, HeaderDeadlineSocket>;

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

HttpRequest ToRequest(const restinio::request_handle_t& request) {
  HttpRequest out;
  const auto& header = request->header();
  out.method = header.method().c_str();
  const auto path = header.path();
  out.path =
      PercentDecode(std::string_view(path.data(), path.size()), false).value_or(std::string(path));
  const auto query = header.query();
  out.query = ParseQuery(std::string_view(query.data(), query.size()))
                  .value_or(std::multimap<std::string, std::string>{});
  header.for_each_field([&](const restinio::http_header_field_t& field) {
    auto [it, inserted] = out.headers.emplace(field.name(), field.value());
    if (!inserted) it->second += ", " + field.value();  // RFC 9110 field combination
  });
  out.body = request->body();
  out.remote_address = request->remote_endpoint().address().to_string();
  return out;
}

// A server-sent events stream on one RESTinio connection. Writes are posted
// to the connection's own executor; a failed write marks the client gone.
class RestinioEventSink final : public EventSink,
                                public std::enable_shared_from_this<RestinioEventSink> {
 public:
  using Builder = restinio::response_builder_t<restinio::chunked_output_t>;
  explicit RestinioEventSink(Builder builder) : builder_(std::move(builder)) {}

  bool Send(std::string chunk) override {
    std::lock_guard lock(mutex_);
    if (!open_) return false;
    builder_.append_chunk(std::move(chunk));
    // The callback may run at once (connection already closed) or later on
    // the connection's thread; it only flips the atomic flag.
    builder_.flush([weak = weak_from_this()](const restinio::asio_ns::error_code& error) {
      if (!error) return;
      if (auto self = weak.lock()) self->open_ = false;
    });
    return true;
  }

 private:
  std::mutex mutex_;
  Builder builder_;  // guarded by mutex_
  std::atomic<bool> open_{true};
};

// Finds a free TCP port on `host` by binding port 0 and reading it back.
Result<std::uint16_t> FindFreePort(const std::string& host) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return Error{ErrorCode::kUnavailable, "error.unavailable", {}, {}, "socket()"};
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  ::inet_pton(AF_INET, host.c_str(), &address.sin_addr);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    return Error{ErrorCode::kUnavailable, "error.unavailable", {}, {}, "cannot bind " + host};
  }
  ::close(fd);
  return static_cast<std::uint16_t>(ntohs(address.sin_port));
}

class RestinioServer final : public HttpServer {
 public:
  RestinioServer(Api& api, std::uint16_t port) : api_(api), port_(port) {}
  ~RestinioServer() override { Stop(); }

  std::uint16_t port() const override { return port_; }

  void Stop() override {
    if (handle_) {
      handle_->stop();
      handle_->wait();
      handle_.reset();
    }
  }

  Status Run(const ServerOptions& options) {
    try {
      auto io = std::make_shared<restinio::asio_ns::io_context>();
      restinio::asio_ns::make_service<HeaderTimeLimit>(*io, options.header_timeout);
      handle_ = restinio::run_async<Traits>(
          restinio::io_context_holder_t(std::move(io)),
          restinio::server_settings_t<Traits>{}
              .address(options.host)
              .port(port_)
              .max_pipelined_requests(1)
              .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(
                  options.hard_body_limit_bytes))
              // The whole request, headers and body; the headers alone have
              // options.header_timeout (HeaderDeadlineSocket).
              .read_next_http_message_timelimit(std::chrono::seconds(120))
              .handle_request_timeout(std::chrono::seconds(60))
              .request_handler(
                  [this](const restinio::request_handle_t& request) { return Serve(request); }),
          options.threads);
    } catch (const std::exception& exception) {
      return Error{ErrorCode::kUnavailable,
                   "error.unavailable",
                   {},
                   {},
                   "cannot listen on " + options.host + ":" + std::to_string(port_) + ": " +
                       exception.what()};
    }
    return Ok();
  }

 private:
  restinio::request_handling_status_t Serve(const restinio::request_handle_t& request) {
    HttpResponse response;
    try {
      response = api_.Handle(ToRequest(request));
    } catch (const std::exception& exception) {
      spdlog::error("request failed outside the API: {}", exception.what());
      response.status = 500;
      response.content_type = "application/problem+json";
      response.body = R"({"type":"about:blank","title":"Internal Server Error","status":500})";
    }
    if (response.stream) return StartStream(request, std::move(response));
    auto builder = request->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
        std::string(ReasonPhrase(response.status))});
    if (!response.content_type.empty()) {
      builder.append_header(restinio::http_field::content_type, response.content_type);
    }
    for (auto& [name, value] : response.headers) builder.append_header(name, value);
    builder.set_body(std::move(response.body));
    builder.done();
    return restinio::request_accepted();
  }

  restinio::request_handling_status_t StartStream(const restinio::request_handle_t& request,
                                                  HttpResponse response) {
    auto builder =
        request->create_response<restinio::chunked_output_t>(restinio::http_status_line_t{
            restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
            std::string(ReasonPhrase(response.status))});
    builder.append_header(restinio::http_field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) builder.append_header(name, value);
    auto sink = std::make_shared<RestinioEventSink>(std::move(builder));
    sink->Send(std::move(response.body));
    response.stream(std::move(sink));
    return restinio::request_accepted();
  }

  Api& api_;
  std::uint16_t port_;
  restinio::running_server_handle_t<Traits> handle_;
};

}  // namespace

Result<std::unique_ptr<HttpServer>> HttpServer::Start(Api& api, const ServerOptions& options) {
  std::uint16_t port = options.port;
  if (port == 0) {
    LT_TRY_ASSIGN(port, FindFreePort(options.host));
  }
  auto server = std::make_unique<RestinioServer>(api, port);
  LT_TRY(server->Run(options));
  return std::unique_ptr<HttpServer>(std::move(server));
}

}  // namespace lt::http
