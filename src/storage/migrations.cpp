#include "storage/migrations.hpp"

#include <chrono>
#include <string>

namespace lt::storage {

Result<MigrationReport> ApplyMigrations(Connection& connection,
                                        std::span<const Migration> migrations) {
  LT_TRY(connection.ExecuteScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
  LT_TRY_ASSIGN(auto current,
                connection.QueryOptionalInt("SELECT MAX(version) FROM schema_migrations"));
  MigrationReport report;
  report.current_version = static_cast<int>(current.value_or(0));
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  if (report.current_version > newest) {
    return Error::Of(
        ErrorCode::kConflict, "error.store_too_new",
        {{"store", std::to_string(report.current_version)}, {"binary", std::to_string(newest)}});
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= report.current_version) continue;
    LT_TRY(connection.ExecuteScript("BEGIN"));
    Status applied = connection.ExecuteScript(migration.sql);
    if (applied.ok()) {
      const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
      auto recorded = connection.Execute(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
          {std::int64_t{migration.version}, std::string(migration.name), std::int64_t{now_ms}});
      if (!recorded.ok()) applied = std::move(recorded).error();
    }
    if (!applied.ok()) {
      std::ignore = connection.ExecuteScript("ROLLBACK");  // the migration's error is what matters
      Error error = std::move(applied).error();
      error.detail = "migration " + std::string(migration.name) + ": " + error.detail;
      return error;
    }
    LT_TRY(connection.ExecuteScript("COMMIT"));
    report.current_version = migration.version;
    ++report.applied;
  }
  return report;
}

}  // namespace lt::storage
