#pragma once

#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace lt::storage {

struct SqliteOptions {
  std::string path;                             // the database file
  Durability durability = Durability::kNormal;  // synchronous=NORMAL or FULL
  std::size_t max_batch = 256;                  // Write() calls per group commit
  std::int64_t cache_size_kib = 65536;          // page cache per connection
  std::int64_t mmap_size_bytes = 268435456;     // memory-mapped I/O for reads
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

 private:
  struct Job {
    const Work* work;
    std::promise<Status> done;
  };

  explicit SqliteDatabase(SqliteOptions options) : options_(std::move(options)) {}
  Result<std::unique_ptr<SqliteConnection>> OpenConnection(SqliteMode mode) const;
  void WriterLoop();
  void CommitBatch(std::vector<Job*>& batch);

  SqliteOptions options_;
  std::unique_ptr<SqliteConnection> writer_;
  std::thread writer_thread_;

  mutable std::mutex mutex_;
  std::condition_variable wake_writer_;
  std::deque<Job*> queue_;                                       // guarded by mutex_
  bool stopping_ = false;                                        // guarded by mutex_
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;  // guarded by mutex_
  Stats stats_;                                                  // guarded by mutex_
};

}  // namespace lt::storage
