#pragma once

// The TCP socket RESTinio serves on, with a deadline for request headers.
//
// RESTinio's own read limit covers a whole request, headers and body
// together, so it cannot be short without cutting slow uploads. This socket
// watches the bytes RESTinio reads: from the moment the server waits for a
// request (a new connection, or the previous response written on a kept-alive
// one) until the blank line that ends the request's headers, it runs a clock,
// and closes the connection when the clock runs out. A slow-loris client that
// dribbles a header byte now and then, or opens a connection and sends
// nothing, holds its socket for the limit and no longer.
//
// The body that follows is not on this clock; RESTinio's whole-request limit
// still bounds it. While a response is streamed (server-sent events) no read
// is started, so the clock does not run either.
//
// Only http_server.cpp uses this, with the RESTinio traits that name it.

#include <restinio/asio_include.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <utility>

namespace lt::http {

namespace net = restinio::asio_ns;

// The header deadline of the connections of one io_context. RESTinio
// constructs sockets from the io_context alone, so the limit travels as an
// Asio service registered on it before the server starts; without one,
// sockets have no deadline.
class HeaderTimeLimit final : public net::execution_context::service {
 public:
  using key_type = HeaderTimeLimit;
  static inline net::execution_context::id id;

  explicit HeaderTimeLimit(net::execution_context& context,
                           std::chrono::milliseconds limit = std::chrono::milliseconds::zero())
      : service(context), limit_(limit) {}

  std::chrono::milliseconds limit() const { return limit_; }

  static std::chrono::milliseconds Of(net::io_context& io) {
    return net::has_service<HeaderTimeLimit>(io) ? net::use_service<HeaderTimeLimit>(io).limit()
                                                 : std::chrono::milliseconds::zero();
  }

 private:
  void shutdown() override {}
  std::chrono::milliseconds limit_;
};

class HeaderDeadlineSocket {
 public:
  using socket_type = net::ip::tcp::socket;
  using executor_type = socket_type::executor_type;
  using lowest_layer_type = socket_type::lowest_layer_type;

  explicit HeaderDeadlineSocket(net::io_context& io) : io_(&io) {}
  // A moved-from socket gets a fresh state when next used: RESTinio's
  // acceptor accepts the next connection into the socket it moved from.
  HeaderDeadlineSocket(HeaderDeadlineSocket&&) noexcept = default;
  HeaderDeadlineSocket& operator=(HeaderDeadlineSocket&&) noexcept = default;
  HeaderDeadlineSocket(const HeaderDeadlineSocket&) = delete;
  HeaderDeadlineSocket& operator=(const HeaderDeadlineSocket&) = delete;
  // A pending wait of the clock holds the state weakly: it ends with the
  // socket, and the wait then finds nothing to do.
  ~HeaderDeadlineSocket() = default;

  lowest_layer_type& lowest_layer() { return state().socket.lowest_layer(); }
  const lowest_layer_type& lowest_layer() const { return state().socket.lowest_layer(); }
  executor_type get_executor() { return state().socket.get_executor(); }
  auto remote_endpoint() const { return state().socket.remote_endpoint(); }
  bool is_open() const { return state_ && state_->socket.is_open(); }

  template <typename... Args>
  void cancel(Args&&... args) {
    state().socket.cancel(std::forward<Args>(args)...);
  }
  template <typename... Args>
  void shutdown(Args&&... args) {
    state().socket.shutdown(std::forward<Args>(args)...);
  }
  template <typename... Args>
  void close(Args&&... args) {
    state().StopClock();
    state().socket.close(std::forward<Args>(args)...);
  }

  // Starts the clock when this read begins a request, and looks for the end
  // of its headers in what arrives. The clock's handler runs on the read
  // handler's executor (the connection's strand), as every other use of the
  // socket does.
  template <typename Handler>
  void async_read_some(net::mutable_buffer buffer, Handler&& handler) {
    State& current = state();
    auto executor = net::get_associated_executor(handler, current.socket.get_executor());
    if (current.phase == Phase::kAwaitingRequest) current.StartClock(state_, executor);
    current.socket.async_read_some(
        buffer, net::bind_executor(
                    executor, [state = state_, buffer, handler = std::forward<Handler>(handler)](
                                  const net::error_code& error, std::size_t length) mutable {
                      if (!error) state->Observe(static_cast<const char*>(buffer.data()), length);
                      handler(error, length);
                    }));
  }

  // A response is being written: the next read waits for a new request.
  template <typename ConstBuffers, typename Handler>
  void async_write_some(const ConstBuffers& buffers, Handler&& handler) {
    State& current = state();
    current.phase = Phase::kAwaitingRequest;
    current.socket.async_write_some(buffers, std::forward<Handler>(handler));
  }

 private:
  enum class Phase { kAwaitingRequest, kReadingHeaders, kReadingBody };

  struct State {
    explicit State(net::io_context& io) : socket(io), clock(io), limit(HeaderTimeLimit::Of(io)) {}

    // Sets the deadline of the request's headers. The clock's timer is
    // armed only when it is not already waiting: on a kept-alive connection
    // a wait started for an earlier request finds the later deadline when
    // it ends and waits again, so that a request costs no timer operation.
    template <typename Executor>
    void StartClock(const std::shared_ptr<State>& self, const Executor& executor) {
      phase = Phase::kReadingHeaders;
      line_empty = true;
      seen_request_line = false;
      if (limit <= std::chrono::milliseconds::zero()) return;
      deadline = std::chrono::steady_clock::now() + limit;
      if (!waiting) Wait(self, executor);
    }

    template <typename Executor>
    void Wait(const std::shared_ptr<State>& self, const Executor& executor) {
      waiting = true;
      clock.expires_at(deadline);
      clock.async_wait(net::bind_executor(
          executor, [weak = std::weak_ptr<State>(self), executor](const net::error_code& error) {
            const auto state = weak.lock();
            if (!state) return;
            state->waiting = false;
            if (error || state->phase != Phase::kReadingHeaders) return;
            if (std::chrono::steady_clock::now() < state->deadline) {
              state->Wait(state, executor);
              return;
            }
            net::error_code ignored;
            state->socket.shutdown(socket_type::shutdown_both, ignored);
            state->socket.close(ignored);
          }));
    }

    void StopClock() {
      phase = Phase::kAwaitingRequest;
      clock.cancel();
    }

    // Headers end at the first empty line after the request line; a line
    // ends with LF, with or without CR. Empty lines before the request line
    // (which HTTP lets a server skip) do not end anything.
    void Observe(const char* data, std::size_t length) {
      if (phase != Phase::kReadingHeaders) return;
      for (std::size_t i = 0; i < length; ++i) {
        const char c = data[i];
        if (c == '\n') {
          if (line_empty && seen_request_line) {
            phase = Phase::kReadingBody;  // a waiting clock finds this and stops
            return;
          }
          line_empty = true;
        } else if (c != '\r') {
          line_empty = false;
          seen_request_line = true;
        }
      }
    }

    socket_type socket;
    net::steady_timer clock;
    std::chrono::milliseconds limit;
    Phase phase = Phase::kAwaitingRequest;
    bool line_empty = true;
    bool seen_request_line = false;
    std::chrono::steady_clock::time_point deadline;  // of the headers being read
    bool waiting = false;                            // the timer has a wait pending
  };

  State& state() const {
    if (!state_) state_ = std::make_shared<State>(*io_);
    return *state_;
  }

  net::io_context* io_;
  mutable std::shared_ptr<State> state_;
};

// RESTinio's connection finds these by argument-dependent lookup, as it does
// for its own TLS socket: a plain TCP connection starts reading at once and
// has no TLS stream to show its state listener.
template <typename Connection, typename StartRead, typename Failed>
void prepare_connection_and_start_read(HeaderDeadlineSocket&, Connection&, StartRead start_read,
                                       Failed) {
  start_read();
}

inline std::nullptr_t make_tls_socket_pointer_for_state_listener(HeaderDeadlineSocket&) noexcept {
  return nullptr;
}

}  // namespace lt::http
