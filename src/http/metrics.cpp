#include "http/metrics.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace lt::http {
namespace {

std::pair<std::string, std::string> SplitKey(const std::string& key) {
  const auto bar = key.find('|');
  return {key.substr(0, bar), key.substr(bar + 1)};
}

long ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * sysconf(_SC_PAGESIZE);
}

}  // namespace

void Metrics::RecordRequest(const std::string& method, const std::string& route, int status,
                            double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[method + "|" + route + "|" + std::to_string(status)];
  Histogram& histogram = latencies_[method + "|" + route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++histogram.buckets[i];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

std::string Metrics::Render(const app::StoreActivity& database) const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP lingting_http_requests_total HTTP requests by method, route and status.\n"
         "# TYPE lingting_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto bar1 = key.find('|');
    const auto bar2 = key.rfind('|');
    out << fmt::format(
        "lingting_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
        key.substr(0, bar1), key.substr(bar1 + 1, bar2 - bar1 - 1), key.substr(bar2 + 1), count);
  }
  out << "# HELP lingting_http_request_duration_seconds HTTP request latency.\n"
         "# TYPE lingting_http_request_duration_seconds histogram\n";
  for (const auto& [key, histogram] : latencies_) {
    const auto [method, route] = SplitKey(key);
    const std::string labels = fmt::format("method=\"{}\",route=\"{}\"", method, route);
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out << fmt::format("lingting_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, kBuckets[i], histogram.buckets[i]);
    }
    out << fmt::format("lingting_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, histogram.count);
    out << fmt::format("lingting_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                       histogram.sum);
    out << fmt::format("lingting_http_request_duration_seconds_count{{{}}} {}\n", labels,
                       histogram.count);
  }
  out << "# HELP lingting_db_write_transactions_total Committed write transactions (group "
         "commits).\n"
         "# TYPE lingting_db_write_transactions_total counter\n"
      << "lingting_db_write_transactions_total " << database.write_transactions << "\n"
      << "# HELP lingting_db_write_jobs_total Write units of work committed.\n"
         "# TYPE lingting_db_write_jobs_total counter\n"
      << "lingting_db_write_jobs_total " << database.write_jobs << "\n"
      << "# HELP lingting_db_write_failures_total Write units of work rolled back.\n"
         "# TYPE lingting_db_write_failures_total counter\n"
      << "lingting_db_write_failures_total " << database.write_failures << "\n"
      << "# HELP lingting_db_wal_restarts_total SQLite WAL restarts under load.\n"
         "# TYPE lingting_db_wal_restarts_total counter\n"
      << "lingting_db_wal_restarts_total " << database.wal_restarts << "\n"
      << "# HELP lingting_db_reads_total Read transactions.\n"
         "# TYPE lingting_db_reads_total counter\n"
      << "lingting_db_reads_total " << database.reads << "\n"
      << "# HELP lingting_db_commit_seconds_total Time spent in write transactions.\n"
         "# TYPE lingting_db_commit_seconds_total counter\n"
      << "lingting_db_commit_seconds_total " << database.commit_seconds_total << "\n"
      << "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
         "# TYPE process_resident_memory_bytes gauge\n"
      << "process_resident_memory_bytes " << ResidentBytes() << "\n";
  return out.str();
}

}  // namespace lt::http
