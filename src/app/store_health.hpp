#pragma once

// Whether the store answers, and what it has done: for /healthz and
// /metrics, which must not reach into the store themselves.

#include <cstdint>

#include "app/app_context.hpp"
#include "base/result.hpp"

namespace lt::app {

// A read round trip to the store; kUnavailable when it does not answer.
Status CheckStore(AppContext& context);

// The store's counters since this node started.
struct StoreActivity {
  std::uint64_t write_transactions = 0;  // commits
  std::uint64_t write_jobs = 0;          // writes committed
  std::uint64_t write_failures = 0;      // writes rolled back
  std::uint64_t reads = 0;
  std::uint64_t wal_restarts = 0;  // SQLite: the WAL started over under load
  double commit_seconds_total = 0;
};
StoreActivity StoreActivityOf(const AppContext& context);

}  // namespace lt::app
