#include "storage/postgres/pg_database.hpp"

#include <poll.h>
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <filesystem>

#include "storage/migrations.hpp"

extern char** environ;

namespace lt::storage {
namespace {

// Any constant: the advisory lock key under which nodes migrate one at a time.
constexpr std::int64_t kMigrationLockKey = 0x4c696e6774696e67;  // "Lingting"

constexpr std::string_view kBeginWrite = "BEGIN";
constexpr std::string_view kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
// Writes run no parallel plans. Their statements find a few rows by index;
// once tables had grown, PostgreSQL planned the mail intake's lookups (a
// UNION ALL of index scans) as a Parallel Append, and starting its workers
// cost more than the lookups: about a tenth of the server's CPU in the
// two-node bench. Reads, reports among them, keep the server's setting.
constexpr std::string_view kSerialPlans = "SET LOCAL max_parallel_workers_per_gather = 0";

}  // namespace

Result<std::unique_ptr<PgConnection>> PgDatabase::OpenConnection() const {
  LT_TRY_ASSIGN(auto connection, PgConnection::Open(options_.url));
  const std::string commit = options_.durability == Durability::kFull ? "on" : "local";
  LT_TRY(connection->ExecuteScript("SET synchronous_commit = " + commit));
  return connection;
}

PgConnection::SequenceSource PgDatabase::CaseSequenceSource() {
  return [this](const std::string& prefix, int year, std::int64_t count) {
    return AllocateCaseSequence(prefix, year, count);
  };
}

Result<std::unique_ptr<PgConnection>> PgDatabase::OpenPooledConnection() {
  LT_TRY_ASSIGN(auto connection, OpenConnection());
  connection->set_sequence_source(CaseSequenceSource());
  return connection;
}

Result<std::unique_ptr<PgDatabase>> PgDatabase::Open(const PgOptions& options) {
  std::unique_ptr<PgDatabase> database(new PgDatabase(options));
  LT_TRY_ASSIGN(auto connection, database->OpenConnection());
  LT_TRY(connection->Execute("SELECT pg_advisory_lock($1)", {kMigrationLockKey}));
  auto report = ApplyMigrations(*connection, PostgresMigrations());
  std::ignore = connection->Execute("SELECT pg_advisory_unlock($1)",  // also ends with the session
                                    {kMigrationLockKey});
  if (!report.ok()) return std::move(report).error();
  if (report->applied > 0) {
    spdlog::info("store migrated to version {} ({} applied)", report->current_version,
                 report->applied);
  }
  database->open_ = 1;
  connection->set_sequence_source(database->CaseSequenceSource());
  database->idle_.push_back(std::move(connection));
  return database;
}

PgDatabase::~PgDatabase() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_requested_.notify_all();
  if (listen_thread_.joinable()) listen_thread_.join();
}

std::uint64_t PgDatabase::Subscribe(Listener listener) {
  const std::uint64_t id = listeners_.Add(std::move(listener));
  std::unique_lock lock(mutex_);
  if (!listen_thread_.joinable()) {
    listen_thread_ = std::thread([this] { ListenLoop(); });
    // Changes committed from now on must reach the listener: wait (a little)
    // until the LISTEN is in place.
    listening_changed_.wait_for(lock, std::chrono::seconds(5), [&] { return listening_; });
  }
  return id;
}

void PgDatabase::Unsubscribe(std::uint64_t id) { listeners_.Remove(id); }

void PgDatabase::ListenLoop() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    auto connection = OpenConnection();
    if (connection.ok() &&
        (*connection)->ExecuteScript("LISTEN " + std::string(kChangeChannel)).ok()) {
      {
        std::lock_guard lock(mutex_);
        listening_ = true;
      }
      listening_changed_.notify_all();
      ReceiveNotifications(**connection);
    } else {
      spdlog::warn("cannot listen for changes: {}",
                   connection.ok() ? "LISTEN failed" : connection.error().detail);
    }
    std::unique_lock lock(mutex_);
    if (stop_requested_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; })) return;
  }
}

void PgDatabase::ReceiveNotifications(PgConnection& connection) {
  PGconn* conn = connection.handle();
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    pollfd socket{PQsocket(conn), POLLIN, 0};
    // Wakes at least twice a second to notice a stop.
    if (::poll(&socket, 1, 500) < 0 && errno != EINTR) return;
    if (PQconsumeInput(conn) == 0) {
      spdlog::warn("lost the change listener's connection: {}", PQerrorMessage(conn));
      return;
    }
    while (PGnotify* notification = PQnotifies(conn)) {
      listeners_.Deliver(notification->extra);
      PQfreemem(notification);
    }
  }
}

Result<std::unique_ptr<PgConnection>> PgDatabase::Acquire() {
  {
    std::unique_lock lock(mutex_);
    connection_released_.wait(lock,
                              [&] { return !idle_.empty() || open_ < options_.max_connections; });
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
    ++open_;
  }
  auto opened = OpenPooledConnection();
  if (!opened.ok()) {
    {
      std::lock_guard lock(mutex_);
      --open_;
    }
    connection_released_.notify_one();
  }
  return opened;
}

void PgDatabase::Release(std::unique_ptr<PgConnection> connection) {
  {
    std::lock_guard lock(mutex_);
    if (connection->healthy()) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;  // a broken connection is dropped; the next Acquire opens a new one
    }
  }
  connection_released_.notify_one();
}

Result<std::int64_t> PgDatabase::AllocateCaseSequence(const std::string& prefix, int year,
                                                      std::int64_t count) {
  std::lock_guard lock(counter_mutex_);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!counter_connection_ || !counter_connection_->healthy()) {
      LT_TRY_ASSIGN(counter_connection_, OpenConnection());
      LT_TRY(counter_connection_->ExecuteScript("SET synchronous_commit = off"));
    }
    auto value = counter_connection_->Connection::NextCaseSequence(prefix, year, count);
    if (value.ok() || counter_connection_->healthy()) return value;
  }
  return Error::Of(ErrorCode::kUnavailable, "error.unavailable");
}

Status PgDatabase::RunTransaction(std::string_view begin, std::string_view setting,
                                  const Work& work, bool& retryable) {
  retryable = false;
  LT_TRY_ASSIGN(auto connection, Acquire());
  // BEGIN goes out with the work's first statement (pipeline mode).
  Status result = connection->BeginPipelined(begin, setting);
  bool committing = false;
  if (result.ok()) {
    result = RunGuarded(work, *connection);
    if (result.ok()) {
      committing = true;
      result = connection->Commit();
    }
  }
  if (!result.ok()) {
    // A pooled connection the server has dropped (restart, failover, idle
    // timeout) fails before anything was committed: another one may do.
    // Once the COMMIT is sent, a lost connection leaves the outcome unknown.
    retryable =
        IsRetryableSqlState(connection->last_sqlstate()) || (!committing && !connection->healthy());
    if (connection->healthy()) {
      // The first error is what matters.
      std::ignore = connection->EndPipeline();
      std::ignore = connection->ExecuteScript("ROLLBACK");
    }
  }
  Release(std::move(connection));
  return result;
}

Status PgDatabase::RunWithRetries(std::string_view begin, std::string_view setting,
                                  const Work& work) {
  Status result = Ok();
  for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
    bool retryable = false;
    result = RunTransaction(begin, setting, work, retryable);
    if (result.ok() || !retryable) break;
  }
  return result;
}

Status PgDatabase::Write(const Work& work) {
  QueuedWrite write{&work};
  write_queue_.Join(write, [this](const std::vector<QueuedWrite*>& group) { CommitGroup(group); });
  if (write.run_alone) return WriteAlone(work);
  return std::move(write.result);
}

std::size_t PgDatabase::waiting_writes() const { return write_queue_.waiting(); }

void PgDatabase::CommitGroup(const std::vector<QueuedWrite*>& group) {
  if (group.size() == 1) {
    group.front()->result = WriteAlone(*group.front()->work);
    return;
  }
  const auto started = std::chrono::steady_clock::now();
  auto acquired = Acquire();
  if (!acquired.ok()) {
    for (QueuedWrite* write : group) write->result = acquired.error();
    CountWrites(0, 0, group.size(), 0);
    return;
  }
  auto connection = std::move(acquired).value();
  bool broken = !connection->BeginPipelined(kBeginWrite, kSerialPlans).ok();
  std::size_t ran = 0;
  for (; ran < group.size() && !broken; ++ran) {
    QueuedWrite& write = *group[ran];
    Status result = connection->Savepoint();
    if (result.ok()) result = RunGuarded(*write.work, *connection);
    if (result.ok()) result = connection->ReleaseSavepoint();
    if (!result.ok()) {
      // A lost race or deadlock runs again alone, after this group, as does
      // a write whose connection was lost under it.
      write.run_alone = IsRetryableSqlState(connection->last_sqlstate()) || !connection->healthy();
      broken = !connection->healthy() || !connection->RollbackToSavepoint().ok();
    }
    write.result = std::move(result);
  }
  Status committed = broken ? Status(Error::Internal("group commit broken")) : connection->Commit();
  // A group that could not commit leaves nothing behind: its writes that
  // did not fail by themselves run again alone, unless the COMMIT went out
  // and the connection was lost, when nobody can tell whether it committed.
  const bool run_again = broken || IsRetryableSqlState(connection->last_sqlstate());
  std::size_t written = 0, failed = 0;
  for (std::size_t index = 0; index < group.size(); ++index) {
    QueuedWrite& write = *group[index];
    if (index >= ran || (write.result.ok() && !committed.ok() && run_again)) {
      write.run_alone = true;
    } else if (write.result.ok() && !committed.ok()) {
      write.result = committed;
    }
    if (write.run_alone) continue;
    ++(write.result.ok() ? written : failed);
  }
  if (!committed.ok() && connection->healthy()) {
    std::ignore = connection->EndPipeline();
    std::ignore = connection->ExecuteScript("ROLLBACK");
  }
  Release(std::move(connection));
  CountWrites(committed.ok() ? 1 : 0, written, failed,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

Status PgDatabase::WriteAlone(const Work& work) {
  const auto started = std::chrono::steady_clock::now();
  Status result = RunWithRetries(kBeginWrite, kSerialPlans, work);
  CountWrites(result.ok() ? 1 : 0, result.ok() ? 1 : 0, result.ok() ? 0 : 1,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return result;
}

void PgDatabase::CountWrites(std::uint64_t transactions, std::uint64_t committed,
                             std::uint64_t failed, double seconds) {
  std::lock_guard lock(mutex_);
  stats_.write_transactions += transactions;
  stats_.write_jobs += committed;
  stats_.write_failures += failed;
  stats_.commit_seconds_total += seconds;
}

Status PgDatabase::Read(const Work& work) {
  {
    std::lock_guard lock(mutex_);
    ++stats_.reads;
  }
  return RunWithRetries(kBeginRead, {}, work);
}

Status PgDatabase::Backup(const std::string& path) {
  if (std::filesystem::exists(path)) {
    return Error::Invalid("to", "validation.file_exists", {{"path", path}});
  }
  // pg_dump reads one consistent snapshot while the nodes go on serving.
  std::vector<std::string> args = {"pg_dump", "--format=custom", "--no-owner", "--file=" + path,
                                   "--dbname=" + options_.url};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int status = 0;
  const bool ran = posix_spawnp(&pid, "pg_dump", nullptr, nullptr, argv.data(), environ) == 0 &&
                   waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!ran) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);  // never leave half a backup behind
    return Error{
        ErrorCode::kUnavailable, "error.backup_failed", {{"path", path}}, {}, "pg_dump failed"};
  }
  return Ok();
}

Database::Stats PgDatabase::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace lt::storage
