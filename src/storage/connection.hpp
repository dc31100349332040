#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.hpp"

namespace lt::storage {

// A parameter value. SQL everywhere uses numbered parameters ($1, $2, ...),
// which both SQLite and PostgreSQL accept.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using SqlParams = std::vector<SqlValue>;

inline SqlValue OptionalValue(const std::optional<std::int64_t>& value) {
  return value ? SqlValue(*value) : SqlValue(nullptr);
}

// One result row; columns are read by index. Valid only inside the callback.
class Row {
 public:
  virtual ~Row() = default;
  virtual bool IsNull(int column) const = 0;
  virtual std::int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  virtual std::string Text(int column) const = 0;

  std::optional<std::int64_t> OptionalInt(int column) const {
    return IsNull(column) ? std::nullopt : std::optional<std::int64_t>(Int(column));
  }
  std::optional<std::string> OptionalText(int column) const {
    return IsNull(column) ? std::nullopt : std::optional<std::string>(Text(column));
  }
};

using RowCallback = std::function<void(const Row&)>;

// Which SQL engine is behind a connection. Code outside storage/sqlite and
// storage/postgres asks the Dialect, never this enum, for SQL differences.
enum class Engine { kSqlite, kPostgres };

// The SQL that differs between engines, kept in one place.
class Dialect {
 public:
  virtual ~Dialect() = default;
  virtual Engine engine() const = 0;
  // A condition restricting `cases.id` to rows whose subject or description
  // contain every word of the query; binds the query at parameter `$index`.
  // Returns the parameter value to bind.
  virtual std::string CaseSearchCondition(int index) const = 0;
  virtual SqlValue CaseSearchParameter(std::string_view query) const = 0;
  // How many cases match a search (bound at $1), counted from the index alone;
  // engines may stop counting at 10,000. Empty when the engine's planner
  // chooses between sorting the matches and walking received_at itself.
  virtual std::string CaseSearchCountQuery() const = 0;
  // The FROM item that makes the engine walk cases in received_at order, for
  // searches whose matches are too many to sort (SQLite needs a hint; others
  // plan this themselves).
  virtual std::string CasesInReceivedOrder() const = 0;
  // The search document to store with a case, for engines whose index the
  // database cannot build itself (PostgreSQL cannot run Lingting's
  // tokenizer); nullopt where the database maintains the index (SQLite FTS5,
  // through triggers).
  struct SearchDocument {
    std::string column;  // the cases column to set
    SqlValue value;
  };
  virtual std::optional<SearchDocument> CaseSearchDocument(std::string_view subject,
                                                           std::string_view description) const = 0;
  // Appended to a SELECT that picks rows to claim, so that concurrent
  // claimers on other nodes skip rows already taken (PostgreSQL's FOR UPDATE
  // SKIP LOCKED); empty where one writer serialises claims anyway (SQLite).
  virtual std::string SkipLockedRows() const = 0;
  // A condition true when text column `column` contains the bound string `param`.
  virtual std::string ContainsCondition(std::string_view column, std::string_view param) const = 0;
};

// A database connection. Not thread-safe: one thread at a time.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual const Dialect& dialect() const = 0;

  // Runs a statement; returns the number of rows changed.
  virtual Result<std::int64_t> Execute(std::string_view sql, const SqlParams& params = {}) = 0;
  // Runs a statement whose outcome matters only to the transaction (an
  // INSERT or UPDATE whose row count nobody reads). An engine may send it
  // without waiting for it (PostgreSQL pipelines it); its error then fails
  // the next Execute or Query, or the commit, and so the transaction all the
  // same. Where the caller maps a particular error (a conflict) to its own,
  // use Execute.
  virtual Status Send(std::string_view sql, const SqlParams& params = {});
  // Runs a query and calls `on_row` for each result row.
  virtual Status Query(std::string_view sql, const SqlParams& params,
                       const RowCallback& on_row) = 0;
  // Runs several statements without parameters (migrations).
  virtual Status ExecuteScript(std::string_view sql) = 0;
  // Runs `work` inside this connection's open write transaction behind a
  // savepoint: when it fails (or throws), everything it wrote and published
  // is undone, the transaction goes on, and its error is returned. Calls
  // nest. The group commits isolate each Write() this way.
  virtual Status RunNested(const std::function<Status(Connection&)>& work) = 0;
  // Runs read-only `work` inside this connection's open transaction so that,
  // when it fails, the transaction goes on: behind a savepoint where a failed
  // statement aborts the transaction (PostgreSQL), directly where it does not.
  virtual Status RunNestedRead(const std::function<Status(Connection&)>& work) = 0;

  // Holds the lock named `key` until this write transaction ends, so that
  // the writes that take it, on any node, run one after another (checks
  // that count rows before inserting one, such as rate limits). Here: a
  // no-op, as one writer at a time holds the store (SQLite); PostgreSQL
  // overrides it with a transaction-level advisory lock.
  virtual Status LockUntilCommit(std::int64_t key);

  // Publishes a change notification from inside a write transaction. Every
  // subscriber on every node (Database::Subscribe) receives `payload` once
  // the transaction commits, in commit order; nothing when it rolls back.
  // At most 7,000 bytes.
  virtual Status Notify(std::string_view payload) = 0;
  // Several notifications, in order (PostgreSQL: in one statement).
  virtual Status NotifyMany(std::span<const std::string> payloads);

  // Raises the case-number counter of (prefix, year) and returns its new
  // value. Here: in this connection's transaction. PostgreSQL overrides it
  // with a short transaction of its own, so that concurrent creations do not
  // queue on the counter row until each other's commit; a creation rolled
  // back then leaves a gap in the numbers.
  // `count` numbers at once: the last is returned, the others precede it.
  virtual Result<std::int64_t> NextCaseSequence(const std::string& prefix, int year,
                                                std::int64_t count = 1);

  // Runs a query expected to yield one integer (e.g. "... RETURNING id").
  Result<std::int64_t> QueryInt(std::string_view sql, const SqlParams& params = {});
  // Like QueryInt, but nullopt when there is no row.
  Result<std::optional<std::int64_t>> QueryOptionalInt(std::string_view sql,
                                                       const SqlParams& params = {});

  // What a store read once in this transaction and may give again in it
  // (the workflow, the SLA policies), so that the writes of a group commit
  // read them once. The database forgets everything when a transaction
  // begins and when a write is rolled back to its savepoint; a store that
  // changes what it keeps forgets it.
  template <class T>
  std::shared_ptr<const T> Recall(const std::string& key) const {
    const auto found = transaction_cache_.find(key);
    if (found == transaction_cache_.end()) return nullptr;
    return std::static_pointer_cast<const T>(found->second);
  }
  void Remember(const std::string& key, std::shared_ptr<const void> value) {
    transaction_cache_[key] = std::move(value);
  }
  void Forget(const std::string& key) { transaction_cache_.erase(key); }
  void ForgetAll() { transaction_cache_.clear(); }

 private:
  std::map<std::string, std::shared_ptr<const void>, std::less<>> transaction_cache_;
};

}  // namespace lt::storage
