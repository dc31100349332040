#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include "app/store_health.hpp"

namespace lt::http {

// Request counters and latency histograms, exposed in the Prometheus text
// format at /metrics. Thread-safe.
class Metrics {
 public:
  void RecordRequest(const std::string& method, const std::string& route, int status,
                     double seconds);
  std::string Render(const app::StoreActivity& database) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t> requests_;  // "method|route|status" → count
  std::map<std::string, Histogram> latencies_;     // "method|route" → histogram
};

}  // namespace lt::http
