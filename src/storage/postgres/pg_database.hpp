#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/group_queue.hpp"
#include "base/result.hpp"
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
  // Write transactions open at once per node. Writes that arrive while all
  // are busy wait, and the next free one commits up to max_group_writes of
  // them together.
  std::size_t max_write_transactions = 2;
  std::size_t max_group_writes = 16;
};

// The PostgreSQL store: a pool of libpq connections. Writes are READ
// COMMITTED transactions; at most max_write_transactions run at once, and
// Write() calls that arrive meanwhile are committed together (group commit,
// each in its own savepoint): PostgreSQL's cost is per statement and per
// transaction far more than per row, so one transaction for many small
// writes is cheaper than many. A Write() that fails with a deadlock, a
// serialization failure or a unique violation (a concurrent insert of the
// same key won) is run again from the start, alone, as is every Write() of a
// group whose commit failed so; work must therefore not have effects outside
// the connection. Read() runs
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

  // Write() calls waiting for a write transaction to take them.
  std::size_t waiting_writes() const;

  // Opens a connection outside the pool (for LISTEN or long-held locks).
  Result<std::unique_ptr<PgConnection>> OpenConnection() const;

 private:
  explicit PgDatabase(PgOptions options)
      : options_(std::move(options)),
        write_queue_(options_.max_write_transactions, options_.max_group_writes) {}
  Result<std::unique_ptr<PgConnection>> Acquire();
  Result<std::unique_ptr<PgConnection>> OpenPooledConnection();
  PgConnection::SequenceSource CaseSequenceSource();
  void Release(std::unique_ptr<PgConnection> connection);
  // Runs `work` between `begin` and COMMIT on a pooled connection.
  // `retryable` tells whether running it again may succeed.
  // `begin` opens the transaction; `setting` (a SET LOCAL), when given, follows it.
  Status RunTransaction(std::string_view begin, std::string_view setting, const Work& work,
                        bool& retryable);
  Status RunWithRetries(std::string_view begin, std::string_view setting, const Work& work);
  struct QueuedWrite {
    const Work* work;
    Status result = Error::Internal("the write was not run");
    bool run_alone = false;  // to be run again in a transaction of its own
  };
  // Commits `group` in one transaction, each write in a savepoint; a write
  // that should run again, or all of them, are marked to run alone.
  void CommitGroup(const std::vector<QueuedWrite*>& group);
  // Runs one write in a transaction of its own, with retries.
  Status WriteAlone(const Work& work);
  void CountWrites(std::uint64_t transactions, std::uint64_t committed, std::uint64_t failed,
                   double seconds);
  // Raises a case-number counter on counter_connection_, committed at once
  // without waiting for the WAL flush: any case that uses the number commits
  // later in the WAL, so a durable case implies a durable counter.
  Result<std::int64_t> AllocateCaseSequence(const std::string& prefix, int year,
                                            std::int64_t count);
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
  GroupQueue<QueuedWrite> write_queue_;
  std::mutex counter_mutex_;
  std::unique_ptr<PgConnection> counter_connection_;  // guarded by counter_mutex_
};

}  // namespace lt::storage
