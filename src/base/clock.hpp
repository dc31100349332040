#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace lt {

// Instants are UTC milliseconds since the Unix epoch throughout Lingting.
using TimestampMs = std::int64_t;

// Where time comes from. Production uses SystemClock; tests use ManualClock so
// that SLA logic can be driven to the second. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimestampMs NowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimestampMs NowMs() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that only moves when told to.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimestampMs start_ms) : now_ms_(start_ms) {}
  TimestampMs NowMs() const override { return now_ms_.load(); }
  void Set(TimestampMs now_ms) { now_ms_.store(now_ms); }
  void Advance(std::int64_t delta_ms) { now_ms_.fetch_add(delta_ms); }

 private:
  std::atomic<TimestampMs> now_ms_;
};

}  // namespace lt
