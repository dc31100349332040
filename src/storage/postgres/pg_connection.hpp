#pragma once

#include <libpq-fe.h>

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <unordered_map>

#include "storage/connection.hpp"

namespace lt::storage {

// A PostgreSQL connection (libpq) with a cache of prepared statements. Rows are
// streamed in single-row mode, so a large result never sits in memory whole.
// Not thread-safe.
class PgConnection final : public Connection {
 public:
  // Connects with a libpq connection URI ("postgresql://user@host:port/db").
  // Fails with kUnavailable when the server cannot be reached.
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& url);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  const Dialect& dialect() const override;
  Result<std::int64_t> Execute(std::string_view sql, const SqlParams& params) override;
  Status Query(std::string_view sql, const SqlParams& params, const RowCallback& on_row) override;
  Status ExecuteScript(std::string_view sql) override;
  // pg_notify on kChangeChannel inside the transaction.
  Status Notify(std::string_view payload) override;

  // Uses `source` (PgDatabase's counter connection) when set.
  Result<std::int64_t> NextCaseSequence(const std::string& prefix, int year) override;
  using SequenceSource = std::function<Result<std::int64_t>(const std::string&, int)>;
  void set_sequence_source(SequenceSource source) { sequence_source_ = std::move(source); }

  // Commits the open transaction. PostgreSQL answers COMMIT of a transaction
  // that an earlier error aborted with a quiet ROLLBACK; that is an error here.
  Status Commit();

  // COPY ... FROM STDIN in text format: BeginCopy runs the COPY statement,
  // PutCopyData sends lines (each ending in \n; see AppendCopyField), and
  // EndCopy finishes and returns the number of rows copied.
  Status BeginCopy(std::string_view copy_sql);
  Status PutCopyData(std::string_view data);
  Result<std::int64_t> EndCopy();

  // The SQLSTATE of the last failed statement ("" after a success), so that
  // callers can tell a serialization failure or deadlock (worth retrying)
  // from other errors.
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  // False once the server connection is lost; the pool then drops it.
  bool healthy() const;
  PGconn* handle() { return conn_; }

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  struct Prepared {
    std::string name;
    int parameter_count = 0;
  };
  Result<Prepared> Prepare(std::string_view sql);
  // Sends a prepared statement and calls `on_row` for each row; returns the
  // number of rows the command affected.
  Result<std::int64_t> Run(std::string_view sql, const SqlParams& params,
                           const RowCallback* on_row);
  Error ErrorFromResult(const PGresult* result, std::string_view sql);
  Error ErrorFromConnection(std::string_view sql);
  void DrainResults();
  // Runs `sql` with the simple protocol; an error unless the result status is
  // one of `accepted` (ExecStatusType values).
  Status RunSimple(std::string_view sql, std::initializer_list<int> accepted,
                   std::string* command_status = nullptr);

  PGconn* conn_;
  std::unordered_map<std::string, Prepared> cache_;
  std::string last_sqlstate_;
  SequenceSource sequence_source_;
};

// The LISTEN/NOTIFY channel of Connection::Notify.
inline constexpr std::string_view kChangeChannel = "lingting_changes";

// Appends one field in COPY text format: NULL as \N, and backslash, tab,
// newline and carriage return escaped.
void AppendCopyField(std::string& line, const std::optional<std::string>& value);

// SQLSTATEs after which a whole transaction may simply be tried again.
bool IsRetryableSqlState(std::string_view sqlstate);

}  // namespace lt::storage
