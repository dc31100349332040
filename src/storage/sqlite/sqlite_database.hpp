#pragma once

#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/result.hpp"
#include "storage/database.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace lt::storage {

struct SqliteOptions {
  std::string path;                             // the database file
  Durability durability = Durability::kNormal;  // synchronous=NORMAL or FULL
  std::size_t max_batch = 256;                  // Write() calls per group commit
  // Page caches are per connection and count towards resident memory; the
  // operating system's file cache (which does not) holds the rest.
  std::int64_t writer_cache_kib = 32768;
  std::int64_t reader_cache_kib = 8192;
  // Checkpoints (copying the WAL into the database file) run on their own
  // thread when the WAL has grown past this many pages, never in a commit.
  std::int64_t checkpoint_pages = 2000;
  // Those checkpoints cannot start the WAL over while readers keep using it,
  // so under steady load it grows without bound. Past this many pages the
  // writer restarts it between two group commits, waiting at most
  // `wal_restart_wait_ms` for the readers of the old WAL (tried again after
  // the next commit when they do not finish in time).
  std::int64_t wal_restart_pages = 32000;
  int wal_restart_wait_ms = 200;
};

// The embedded store: one file in WAL mode, one writer thread that commits
// concurrent Write() calls together (group commit), and a pool of read
// connections that run concurrently with the writer. Thread-safe.
class SqliteDatabase final : public Database {
 public:
  // Opens (creating if needed) the file and applies the schema migrations.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const SqliteOptions& options);
  ~SqliteDatabase() override;

  Status Write(const Work& work) override;
  Status Read(const Work& work) override;
  Status Backup(const std::string& path) override;
  Engine engine() const override { return Engine::kSqlite; }
  Stats stats() const override;
  std::uint64_t Subscribe(Listener listener) override;
  void Unsubscribe(std::uint64_t id) override;

 private:
  struct Job {
    const Work* work;
    std::promise<Status> done;
  };

  explicit SqliteDatabase(SqliteOptions options) : options_(std::move(options)) {}
  Result<std::unique_ptr<SqliteConnection>> OpenConnection(SqliteMode mode) const;
  void WriterLoop();
  void CommitBatch(std::vector<Job*>& batch);
  void CheckpointLoop();
  // Starts the WAL over (SqliteOptions::wal_restart_pages); on the writer thread.
  void RestartWal();

  SqliteOptions options_;
  std::unique_ptr<SqliteConnection> writer_;
  std::thread writer_thread_;
  std::unique_ptr<SqliteConnection> checkpointer_;
  std::thread checkpoint_thread_;
  std::condition_variable wake_checkpointer_;
  bool checkpoint_wanted_ = false;  // guarded by mutex_
  int wal_pages_ = 0;               // writer thread only

  mutable std::mutex mutex_;
  std::condition_variable wake_writer_;
  std::deque<Job*> queue_;                                       // guarded by mutex_
  bool stopping_ = false;                                        // guarded by mutex_
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;  // guarded by mutex_
  Stats stats_;                                                  // guarded by mutex_
  ListenerSet listeners_;
};

}  // namespace lt::storage
