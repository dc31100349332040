#include "app/store_health.hpp"

#include "storage/connection.hpp"
#include "storage/database.hpp"

namespace lt::app {

Status CheckStore(AppContext& context) {
  return context.database.Read([](storage::Connection& connection) -> Status {
    return connection.QueryInt("SELECT 1").ok()
               ? Ok()
               : Status(Error::Of(ErrorCode::kUnavailable, "error.unavailable"));
  });
}

StoreActivity StoreActivityOf(const AppContext& context) {
  const storage::Database::Stats stats = context.database.stats();
  return {.write_transactions = stats.write_transactions,
          .write_jobs = stats.write_jobs,
          .write_failures = stats.write_failures,
          .reads = stats.reads,
          .wal_restarts = stats.wal_restarts,
          .commit_seconds_total = stats.commit_seconds_total};
}

}  // namespace lt::app
