#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.hpp"
#include "storage/postgres/pg_connection.hpp"

namespace lt::storage {

struct PgOptions {
  std::string url;  // libpq connection URI: postgresql://user:password@host:port/database
  // kNormal commits once the primary has flushed (synchronous_commit = local);
  // kFull also waits for synchronous standbys when the server has any
  // (synchronous_commit = on).
  Durability durability = Durability::kNormal;
  std::size_t max_connections = 16;  // per node; requests beyond wait for one
  int max_attempts = 3;              // for a Write that hit a deadlock or lost a race
};

// The PostgreSQL store: a pool of libpq connections. Each Write() is its own
// READ COMMITTED transaction; PostgreSQL groups concurrent commits itself.
// A Write() that fails with a deadlock, a serialization failure or a unique
// violation (a concurrent insert of the same key won) is run again from the
// start, so work must not have effects outside the connection. Read() runs
// on a REPEATABLE READ, READ ONLY snapshot. Either is also run again when a
// pooled connection turns out to be broken before the work began (the server
// restarted or failed over). Thread-safe.
class PgDatabase final : public Database {
 public:
  // Connects and applies the schema migrations; several nodes starting
  // together migrate once (an advisory lock serialises them).
  static Result<std::unique_ptr<PgDatabase>> Open(const PgOptions& options);
  ~PgDatabase() override;

  Status Write(const Work& work) override;
  Status Read(const Work& work) override;
  // Runs pg_dump (custom format) into `path`, which must not exist.
  Status Backup(const std::string& path) override;
  Engine engine() const override { return Engine::kPostgres; }
  Stats stats() const override;
  // Starts a thread that LISTENs on its own connection and reconnects when
  // it is lost (notifications sent meanwhile are missed).
  std::uint64_t Subscribe(Listener listener) override;
  void Unsubscribe(std::uint64_t id) override;

  // Opens a connection outside the pool (for LISTEN or long-held locks).
  Result<std::unique_ptr<PgConnection>> OpenConnection() const;

 private:
  explicit PgDatabase(PgOptions options) : options_(std::move(options)) {}
  Result<std::unique_ptr<PgConnection>> Acquire();
  Result<std::unique_ptr<PgConnection>> OpenPooledConnection();
  PgConnection::SequenceSource CaseSequenceSource();
  void Release(std::unique_ptr<PgConnection> connection);
  // Runs `work` between `begin` and COMMIT on a pooled connection.
  // `retryable` tells whether running it again may succeed.
  Status RunTransaction(const std::string& begin, const Work& work, bool& retryable);
  Status RunWithRetries(const std::string& begin, const Work& work);
  // Raises a case-number counter on counter_connection_, committed at once
  // without waiting for the WAL flush: any case that uses the number commits
  // later in the WAL, so a durable case implies a durable counter.
  Result<std::int64_t> AllocateCaseSequence(const std::string& prefix, int year);
  void ListenLoop();
  // Waits for notifications on `connection` until it fails or we stop.
  void ReceiveNotifications(PgConnection& connection);

  PgOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable connection_released_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // guarded by mutex_
  std::size_t open_ = 0;                             // guarded by mutex_
  Stats stats_;                                      // guarded by mutex_
  ListenerSet listeners_;
  bool stopping_ = false;   // guarded by mutex_
  bool listening_ = false;  // guarded by mutex_; the first LISTEN is in place
  std::condition_variable listening_changed_;
  std::condition_variable stop_requested_;
  std::thread listen_thread_;
  std::mutex counter_mutex_;
  std::unique_ptr<PgConnection> counter_connection_;  // guarded by counter_mutex_
};

}  // namespace lt::storage
