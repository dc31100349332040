#include "storage/sqlite/sqlite_database.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>

#include "storage/migrations.hpp"

namespace lt::storage {
namespace {

// Called by SQLite in the writer thread after each commit with the WAL's size in pages.
int RecordWalPages(void* wal_pages, sqlite3*, const char*, int pages) {
  *static_cast<int*>(wal_pages) = pages;
  return SQLITE_OK;
}

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteDatabase::OpenConnection(SqliteMode mode) const {
  LT_TRY_ASSIGN(auto connection, SqliteConnection::Open(options_.path, mode));
  const std::int64_t cache_kib =
      mode == SqliteMode::kReadOnly ? options_.reader_cache_kib : options_.writer_cache_kib;
  const std::string pragmas = "PRAGMA cache_size = -" + std::to_string(cache_kib) +
                              "; PRAGMA temp_store = MEMORY;" +
                              (mode == SqliteMode::kReadOnly ? " PRAGMA query_only = 1;" : "");
  LT_TRY(connection->ExecuteScript(pragmas));
  return connection;
}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const SqliteOptions& options) {
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(options));
  const auto parent = std::filesystem::path(options.path).parent_path();
  if (!parent.empty()) {
    std::error_code ignored;
    std::filesystem::create_directories(parent, ignored);
  }
  LT_TRY_ASSIGN(database->writer_, database->OpenConnection(SqliteMode::kReadWrite));
  const std::string synchronous = options.durability == Durability::kFull ? "FULL" : "NORMAL";
  // After a restart the WAL file is cut back to the size of a full WAL.
  const std::int64_t wal_limit_bytes = options.wal_restart_pages * 4096;
  LT_TRY(database->writer_->ExecuteScript(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = " + synchronous +
      "; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = " +
      std::to_string(wal_limit_bytes) + ";"));
  sqlite3_wal_hook(database->writer_->handle(), RecordWalPages, &database->wal_pages_);
  LT_TRY_ASSIGN(auto report, ApplyMigrations(*database->writer_, SqliteMigrations()));
  if (report.applied > 0) {
    spdlog::info("store migrated to version {} ({} applied)", report.current_version,
                 report.applied);
  }
  LT_TRY_ASSIGN(database->checkpointer_, database->OpenConnection(SqliteMode::kReadWrite));
  LT_TRY(database->checkpointer_->ExecuteScript("PRAGMA synchronous = " + synchronous + ";"));
  database->writer_thread_ = std::thread([raw = database.get()] { raw->WriterLoop(); });
  database->checkpoint_thread_ = std::thread([raw = database.get()] { raw->CheckpointLoop(); });
  return database;
}

SqliteDatabase::~SqliteDatabase() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_writer_.notify_all();
  wake_checkpointer_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
  // Best effort at close: a leftover WAL is replayed at the next open anyway.
  if (writer_)
    std::ignore = writer_->ExecuteScript("PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);");
}

Status SqliteDatabase::Write(const Work& work) {
  Job job{&work, {}};
  auto result = job.done.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return Error::Of(ErrorCode::kUnavailable, "error.unavailable");
    queue_.push_back(&job);
  }
  wake_writer_.notify_one();
  return result.get();
}

void SqliteDatabase::WriterLoop() {
  std::vector<Job*> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_writer_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    CommitBatch(batch);
    batch.clear();
  }
}

// Copies committed WAL pages into the database file without blocking the
// writer or readers (PASSIVE), whenever a commit reports a large WAL.
void SqliteDatabase::CheckpointLoop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_checkpointer_.wait(lock, [&] { return stopping_ || checkpoint_wanted_; });
      if (stopping_) return;
      checkpoint_wanted_ = false;
    }
    int wal_pages = 0, copied = 0;
    const int code = sqlite3_wal_checkpoint_v2(checkpointer_->handle(), nullptr,
                                               SQLITE_CHECKPOINT_PASSIVE, &wal_pages, &copied);
    if (code != SQLITE_OK && code != SQLITE_BUSY)
      spdlog::warn("WAL checkpoint failed with code {}", code);
  }
}

void SqliteDatabase::CommitBatch(std::vector<Job*>& batch) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<Status> results;
  results.reserve(batch.size());
  writer_->ForgetAll();
  Status begun = writer_->ExecuteScript("BEGIN IMMEDIATE");
  if (!begun.ok()) {
    for (Job* job : batch) job->done.set_value(begun);
    std::lock_guard lock(mutex_);
    stats_.write_failures += batch.size();
    return;
  }
  std::uint64_t failures = 0;
  auto& notifications = writer_->pending_notifications();
  notifications.clear();
  if (batch.size() == 1) {
    // Alone, a job needs no savepoint: the transaction is its undo. A long
    // job of nested writes (a mail batch: a savepoint a message) would
    // otherwise run under one savepoint throughout, and SQLite cuts its
    // in-memory sub-journal back on every inner RELEASE by walking it from
    // the start: time quadratic in the job's size.
    Status result = RunGuarded(*batch.front()->work, *writer_);
    if (!result.ok()) {
      std::ignore = writer_->ExecuteScript("ROLLBACK");
      notifications.clear();
      batch.front()->done.set_value(std::move(result));
      std::lock_guard lock(mutex_);
      ++stats_.write_failures;
      return;
    }
    results.push_back(std::move(result));
  } else {
    for (Job* job : batch) {
      // A job that fails is undone alone; the others in the batch are unaffected.
      Status result = writer_->RunNested(*job->work);
      if (!result.ok()) ++failures;
      results.push_back(std::move(result));
    }
  }
  Status committed = writer_->ExecuteScript("COMMIT");
  if (!committed.ok()) {
    std::ignore = writer_->ExecuteScript("ROLLBACK");  // the COMMIT error is what callers see
    notifications.clear();
    for (Job* job : batch) job->done.set_value(committed);
    std::lock_guard lock(mutex_);
    stats_.write_failures += batch.size();
    return;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const bool wal_is_large = wal_pages_ > options_.checkpoint_pages;
  {
    std::lock_guard lock(mutex_);
    if (wal_is_large) checkpoint_wanted_ = true;
    ++stats_.write_transactions;
    stats_.write_jobs += batch.size() - failures;
    stats_.write_failures += failures;
    stats_.commit_seconds_total += seconds;
  }
  if (wal_is_large) wake_checkpointer_.notify_one();
  // Delivered before the writers are released, so that a change is on its
  // way to live-update clients by the time its request is answered.
  for (const std::string& payload : notifications) listeners_.Deliver(payload);
  notifications.clear();
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->done.set_value(std::move(results[i]));
  if (wal_pages_ > options_.wal_restart_pages) RestartWal();
}

void SqliteDatabase::RestartWal() {
  sqlite3* handle = writer_->handle();
  sqlite3_busy_timeout(handle, options_.wal_restart_wait_ms);
  const int code =
      sqlite3_wal_checkpoint_v2(handle, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
  sqlite3_busy_timeout(handle, kBusyTimeoutMs);
  if (code == SQLITE_OK) {
    wal_pages_ = 0;  // the next commit writes from the start of the WAL
    std::lock_guard lock(mutex_);
    ++stats_.wal_restarts;
  } else if (code != SQLITE_BUSY) {
    spdlog::warn("WAL restart failed with code {}", code);
  }
}

Status SqliteDatabase::Read(const Work& work) {
  std::unique_ptr<SqliteConnection> connection;
  {
    std::lock_guard lock(mutex_);
    ++stats_.reads;
    if (!idle_readers_.empty()) {
      connection = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
  }
  if (!connection) {
    LT_TRY_ASSIGN(connection, OpenConnection(SqliteMode::kReadOnly));
  }
  connection->ForgetAll();
  Status result = connection->ExecuteScript("BEGIN");
  if (result.ok()) {
    result = RunGuarded(work, *connection);
    std::ignore = connection->ExecuteScript("COMMIT");  // read-only: nothing to lose
  }
  std::lock_guard lock(mutex_);
  idle_readers_.push_back(std::move(connection));
  return result;
}

Status SqliteDatabase::Backup(const std::string& path) {
  if (std::filesystem::exists(path)) {
    return Error::Invalid("to", "validation.file_exists", {{"path", path}});
  }
  // VACUUM INTO writes a consistent, compacted copy from one read snapshot
  // while writers go on.
  LT_TRY_ASSIGN(auto connection, OpenConnection(SqliteMode::kReadWrite));
  return connection->Execute("VACUUM INTO $1", {path}).ok()
             ? Ok()
             : Status(
                   Error{ErrorCode::kUnavailable, "error.backup_failed", {{"path", path}}, {}, ""});
}

std::uint64_t SqliteDatabase::Subscribe(Listener listener) {
  return listeners_.Add(std::move(listener));
}

void SqliteDatabase::Unsubscribe(std::uint64_t id) { listeners_.Remove(id); }

Database::Stats SqliteDatabase::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace lt::storage
