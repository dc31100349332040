#include "runtime/store_migration.hpp"

#include "storage/postgres/store_copy.hpp"

#include "base/crypto.hpp"
#include "runtime/runtime.hpp"
#include "storage/attachment_files.hpp"

namespace lt::runtime {
namespace {

bool IsPostgresUrl(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

// Checks (and copies, when the directories differ) every attachment body the
// source store refers to.
Status MoveAttachments(
    storage::Database& source, const StoreMigrationPlan& plan, StoreMigrationSummary& report,
    const std::function<void(MigrationStage, std::int64_t, std::int64_t)>& progress) {
  std::vector<std::string> digests;
  LT_TRY(source.Read([&](storage::Connection& connection) -> Status {
    return connection.Query("SELECT DISTINCT sha256 FROM attachments ORDER BY sha256", {},
                            [&](const storage::Row& row) { digests.push_back(row.Text(0)); });
  }));
  const storage::AttachmentFiles from(plan.from.attachments_dir, &source);
  storage::AttachmentFiles to(plan.to.attachments_dir);
  std::error_code ignored;
  const bool same_directory =
      std::filesystem::equivalent(plan.from.attachments_dir, plan.to.attachments_dir, ignored);
  const auto total = static_cast<std::int64_t>(digests.size());
  for (const std::string& digest : digests) {
    auto body = from.Get(digest);
    if (!body.ok()) {
      return Error::Of(ErrorCode::kNotFound, "error.attachment_missing", {{"sha256", digest}});
    }
    if (Sha256Hex(*body) != digest) {
      return Error::Of(ErrorCode::kInternal, "error.attachment_damaged", {{"sha256", digest}});
    }
    ++report.attachments_verified;
    if (!same_directory) {
      LT_TRY(to.Put(*body));
      ++report.attachments_copied;
    }
    if (progress) progress(MigrationStage::kAttachments, report.attachments_verified, total);
  }
  return Ok();
}

}  // namespace

Result<StoreMigrationSummary> MigrateStore(
    const StoreMigrationPlan& plan,
    const std::function<void(MigrationStage, std::int64_t done, std::int64_t total)>& progress) {
  if (!IsPostgresUrl(plan.to.url)) {
    return Error::Invalid("to", "validation.postgres_url", {{"url", plan.to.url}});
  }
  LT_TRY_ASSIGN(auto source, OpenDatabase(plan.from));
  StoreMigrationSummary report;
  LT_TRY(MoveAttachments(*source, plan, report, progress));
  storage::PgOptions target_options;
  target_options.url = plan.to.url;
  target_options.max_connections = 1;
  LT_TRY_ASSIGN(auto target, storage::PgDatabase::Open(target_options));
  LT_TRY_ASSIGN(report.tables,
                storage::CopyStore(*source, *target, [&](std::int64_t done, std::int64_t total) {
                  if (progress) progress(MigrationStage::kRows, done, total);
                }));
  report.verified = true;
  for (const auto& table : report.tables) {
    if (table.source_rows != table.target_rows) report.verified = false;
  }
  return report;
}

}  // namespace lt::runtime
