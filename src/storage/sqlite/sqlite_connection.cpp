#include "storage/sqlite/sqlite_connection.hpp"

#include <string>

#include "storage/database.hpp"
#include "storage/sqlite/sqlite_dialect.hpp"

namespace lt::storage {
namespace {

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* statement) : statement_(statement) {}
  bool IsNull(int column) const override {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
  }
  std::int64_t Int(int column) const override { return sqlite3_column_int64(statement_, column); }
  double Real(int column) const override { return sqlite3_column_double(statement_, column); }
  std::string Text(int column) const override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    if (text == nullptr) return {};
    return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
  }

 private:
  sqlite3_stmt* statement_;
};

// Resets a statement when the scope ends, so a cached statement never holds
// a read transaction open.
struct ResetOnExit {
  sqlite3_stmt* statement;
  ~ResetOnExit() {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
  }
};

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 SqliteMode mode) {
  sqlite3* db = nullptr;
  const int flags = (mode == SqliteMode::kReadOnly ? SQLITE_OPEN_READONLY
                                                   : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  const int code = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (code != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    sqlite3_close_v2(db);
    return Error{ErrorCode::kUnavailable, "error.store_open", {{"path", path}}, {}, message};
  }
  sqlite3_extended_result_codes(db, 1);
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  LT_TRY(RegisterSearchTokenizer(db));
  sqlite3_busy_timeout(connection->handle(), kBusyTimeoutMs);
  LT_TRY(connection->ExecuteScript("PRAGMA foreign_keys = ON;"));
  return connection;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, prepared] : cache_) sqlite3_finalize(prepared.statement);
  sqlite3_close_v2(db_);
}

const Dialect& SqliteConnection::dialect() const { return SqliteDialect::Instance(); }

Error SqliteConnection::ErrorFromSqlite(int code, std::string_view sql) const {
  const int primary = code & 0xFF;
  ErrorCode error_code = ErrorCode::kInternal;
  std::string key = "error.internal";
  if (primary == SQLITE_CONSTRAINT) {
    error_code = ErrorCode::kConflict;
    key = "error.conflict";
  } else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR ||
             primary == SQLITE_FULL || primary == SQLITE_CANTOPEN) {
    error_code = ErrorCode::kUnavailable;
    key = "error.unavailable";
  }
  return Error{error_code,
               key,
               {},
               {},
               std::string(sqlite3_errmsg(db_)) + " [" + std::to_string(code) +
                   "] in: " + std::string(sql.substr(0, 200))};
}

Result<SqliteConnection::Prepared*> SqliteConnection::Prepare(std::string_view sql) {
  auto found = cache_.find(std::string(sql));
  if (found != cache_.end()) return &found->second;
  Prepared prepared;
  const int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &prepared.statement, nullptr);
  if (code != SQLITE_OK) return ErrorFromSqlite(code, sql);
  const int count = sqlite3_bind_parameter_count(prepared.statement);
  prepared.index_of_parameter.assign(static_cast<std::size_t>(count) + 1, 0);
  for (int index = 1; index <= count; ++index) {
    const char* name = sqlite3_bind_parameter_name(prepared.statement, index);
    if (name == nullptr || name[0] != '$') {
      sqlite3_finalize(prepared.statement);
      return Error::Internal("SQL must use numbered $N parameters: " + std::string(sql));
    }
    const std::size_t number = std::stoul(name + 1);
    if (number >= prepared.index_of_parameter.size()) {
      prepared.index_of_parameter.resize(number + 1, 0);
    }
    prepared.index_of_parameter[number] = index;
  }
  auto [inserted, unused] = cache_.emplace(std::string(sql), std::move(prepared));
  return &inserted->second;
}

Status SqliteConnection::Bind(Prepared& prepared, const SqlParams& params) {
  if (params.size() + 1 < prepared.index_of_parameter.size()) {
    return Error::Internal("too few SQL parameters");
  }
  for (std::size_t number = 1; number <= params.size(); ++number) {
    const int index =
        number < prepared.index_of_parameter.size() ? prepared.index_of_parameter[number] : 0;
    if (index == 0) continue;
    const SqlValue& value = params[number - 1];
    int code = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(value)) {
      code = sqlite3_bind_null(prepared.statement, index);
    } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      code = sqlite3_bind_int64(prepared.statement, index, *integer);
    } else if (const auto* real = std::get_if<double>(&value)) {
      code = sqlite3_bind_double(prepared.statement, index, *real);
    } else {
      const auto& text = std::get<std::string>(value);
      code = sqlite3_bind_text64(prepared.statement, index, text.data(), text.size(), SQLITE_STATIC,
                                 SQLITE_UTF8);
    }
    if (code != SQLITE_OK) return ErrorFromSqlite(code, sqlite3_sql(prepared.statement));
  }
  return Ok();
}

Result<std::int64_t> SqliteConnection::Execute(std::string_view sql, const SqlParams& params) {
  LT_TRY_ASSIGN(Prepared * prepared, Prepare(sql));
  ResetOnExit reset{prepared->statement};
  LT_TRY(Bind(*prepared, params));
  int code;
  while ((code = sqlite3_step(prepared->statement)) == SQLITE_ROW) {
  }
  if (code != SQLITE_DONE) return ErrorFromSqlite(code, sql);
  return static_cast<std::int64_t>(sqlite3_changes64(db_));
}

Status SqliteConnection::Query(std::string_view sql, const SqlParams& params,
                               const RowCallback& on_row) {
  LT_TRY_ASSIGN(Prepared * prepared, Prepare(sql));
  ResetOnExit reset{prepared->statement};
  LT_TRY(Bind(*prepared, params));
  SqliteRow row(prepared->statement);
  int code;
  while ((code = sqlite3_step(prepared->statement)) == SQLITE_ROW) on_row(row);
  if (code != SQLITE_DONE) return ErrorFromSqlite(code, sql);
  return Ok();
}

Status SqliteConnection::Notify(std::string_view payload) {
  if (sqlite3_db_readonly(db_, "main") == 1) {
    return Error::Internal("Notify outside a write transaction");
  }
  pending_notifications_.emplace_back(payload);
  return Ok();
}

Status SqliteConnection::RunNestedRead(const std::function<Status(Connection&)>& work) {
  return RunGuarded(work, *this);  // a failed statement leaves the transaction as it was
}

Status SqliteConnection::RunNested(const std::function<Status(Connection&)>& work) {
  const std::size_t notified_before = pending_notifications_.size();
  LT_TRY(Execute("SAVEPOINT lt_nested", {}));
  Status result = RunGuarded(work, *this);
  if (!result.ok()) {
    // A failure here surfaces at COMMIT, which then fails the transaction.
    std::ignore = Execute("ROLLBACK TO lt_nested", {});
    ForgetAll();                                     // what the undone work read or changed
    pending_notifications_.resize(notified_before);  // what it published is undone too
  }
  std::ignore = Execute("RELEASE lt_nested", {});
  return result;
}

Status SqliteConnection::ExecuteScript(std::string_view sql) {
  char* message = nullptr;
  const std::string script(sql);
  const int code = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message);
  if (code != SQLITE_OK) {
    Error error = ErrorFromSqlite(code, sql);
    if (message) {
      error.detail = std::string(message) + " in: " + script.substr(0, 200);
      sqlite3_free(message);
    }
    return error;
  }
  return Ok();
}

}  // namespace lt::storage
