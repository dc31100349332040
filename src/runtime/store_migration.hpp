#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "config/options.hpp"
#include "storage/table_copy.hpp"

namespace lt::runtime {

struct StoreMigrationPlan {
  config::StoreOptions from;  // url and attachments_dir of the installation to move
  config::StoreOptions to;    // a postgresql:// url and the attachments directory to use
};

struct StoreMigrationSummary {
  std::vector<storage::TableCopy> tables;
  std::int64_t attachments_copied = 0;    // bodies written into the new directory
  std::int64_t attachments_verified = 0;  // bodies whose SHA-256 was checked
  bool verified = false;                  // every count matches
};

enum class MigrationStage { kAttachments, kRows };

// Moves a whole installation to PostgreSQL: first every attachment body the
// source refers to (read, checked against its SHA-256, written to the new
// directory unless it is the same one), then every row (storage::CopyStore).
// A missing or damaged body stops the move before any row is written.
// Errors: kInvalidArgument (the target is not PostgreSQL), kNotFound (an
// attachment body is missing), kInternal (a body does not match its
// SHA-256), and those of OpenDatabase and CopyStore.
Result<StoreMigrationSummary> MigrateStore(
    const StoreMigrationPlan& plan,
    const std::function<void(MigrationStage, std::int64_t done, std::int64_t total)>& progress);

}  // namespace lt::runtime
