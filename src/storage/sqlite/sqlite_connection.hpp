#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "base/result.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// How long a connection waits for a lock held by another before giving up.
inline constexpr int kBusyTimeoutMs = 10000;

enum class SqliteMode { kReadWrite, kReadOnly };

// A SQLite connection with a cache of prepared statements and Lingting's FTS5
// tokenizer registered as "lingting". Not thread-safe.
class SqliteConnection final : public Connection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, SqliteMode mode);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  const Dialect& dialect() const override;
  Result<std::int64_t> Execute(std::string_view sql, const SqlParams& params) override;
  Status Query(std::string_view sql, const SqlParams& params, const RowCallback& on_row) override;
  Status ExecuteScript(std::string_view sql) override;
  Status RunNested(const std::function<Status(Connection&)>& work) override;
  Status RunNestedRead(const std::function<Status(Connection&)>& work) override;
  // Queues the payload; SqliteDatabase delivers it after the commit.
  Status Notify(std::string_view payload) override;
  std::vector<std::string>& pending_notifications() { return pending_notifications_; }

  sqlite3* handle() { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  struct Prepared {
    sqlite3_stmt* statement = nullptr;
    std::vector<int> index_of_parameter;  // $N → bind index (0 when unused)
  };
  Result<Prepared*> Prepare(std::string_view sql);
  Status Bind(Prepared& prepared, const SqlParams& params);
  Error ErrorFromSqlite(int code, std::string_view sql) const;

  sqlite3* db_;
  std::unordered_map<std::string, Prepared> cache_;
  std::vector<std::string> pending_notifications_;
};

// Registers the "lingting" FTS5 tokenizer on a connection.
Status RegisterSearchTokenizer(sqlite3* db);

}  // namespace lt::storage
