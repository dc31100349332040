#pragma once

#include <span>
#include <string_view>

#include "base/result.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// The migrations compiled into the binary from migrations/<engine>/NNNN_name.sql.
std::span<const Migration> SqliteMigrations();
std::span<const Migration> PostgresMigrations();

struct MigrationReport {
  int applied = 0;
  int current_version = 0;
};

// Applies, in order and each in its own transaction, every migration newer
// than the store's recorded version. Refuses a store newer than the binary.
Result<MigrationReport> ApplyMigrations(Connection& connection,
                                        std::span<const Migration> migrations);

}  // namespace lt::storage
