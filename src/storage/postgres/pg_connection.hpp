#pragma once

#include <libpq-fe.h>

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// A PostgreSQL connection (libpq) with a cache of prepared statements. Rows are
// streamed in single-row mode, so a large result never sits in memory whole.
//
// A transaction begun with BeginPipelined runs in libpq's pipeline mode: its
// BEGIN and every statement given to Send go out without waiting for their
// outcome, and are read back with the next statement whose result is
// needed (Execute, Query) or with the COMMIT, so a transaction costs one
// network round trip per read rather than one per statement. The first error
// in the pipeline fails that read or the commit, and the transaction is
// rolled back as it would have been. Not thread-safe.
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
  // Leaves pipeline mode first (see EndPipeline).
  Status ExecuteScript(std::string_view sql) override;
  Status RunNested(const std::function<Status(Connection&)>& work) override;
  Status RunNestedRead(const std::function<Status(Connection&)>& work) override;
  // Sent without waiting inside a pipelined transaction.
  Status Send(std::string_view sql, const SqlParams& params) override;
  // pg_notify on kChangeChannel inside the transaction, sent like Send.
  Status Notify(std::string_view payload) override;
  Status NotifyMany(std::span<const std::string> payloads) override;

  // Uses `source` (PgDatabase's counter connection) when set.
  Status LockUntilCommit(std::int64_t key) override;
  Result<std::int64_t> NextCaseSequence(const std::string& prefix, int year,
                                        std::int64_t count = 1) override;
  using SequenceSource =
      std::function<Result<std::int64_t>(const std::string&, int, std::int64_t count)>;
  void set_sequence_source(SequenceSource source) { sequence_source_ = std::move(source); }

  // Enters pipeline mode and sends `begin_sql` (BEGIN with its options),
  // and `setting_sql` after it when given (a SET LOCAL), without waiting for
  // them. The connection must be idle.
  Status BeginPipelined(std::string_view begin_sql, std::string_view setting_sql = {});
  // Reads every outstanding result and leaves pipeline mode (a no-op outside
  // it); returns the first error of the pipeline. Inside a transaction the
  // transaction stays open (or aborted, after an error).
  Status EndPipeline();
  // Commits the open transaction, pipelined or not (in pipeline mode the
  // COMMIT goes out with the statements still unread: one round trip).
  // PostgreSQL answers COMMIT of a transaction that an earlier error aborted
  // with a quiet ROLLBACK; that is an error here.
  Status Commit();

  // A savepoint that isolates one Write() among several committed in one
  // transaction (PgDatabase's group commit). Savepoint is sent without
  // waiting; ReleaseSavepoint also reads every result still outstanding, so
  // that an error of a statement sent since Savepoint is that work's error;
  // RollbackToSavepoint undoes everything since Savepoint after an error and
  // leaves the transaction usable for the next work. All three go on in
  // pipeline mode, entering it again if the work left it.
  Status Savepoint();
  Status ReleaseSavepoint();
  Status RollbackToSavepoint();

  // COPY ... FROM STDIN in text format (outside pipeline mode, which
  // BeginCopy leaves): BeginCopy runs the COPY statement,
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
    std::uint64_t uses = 0;
    std::uint64_t replan_at = 0;  // prepared afresh at this many uses
  };
  // The statement prepared for `sql`, prepared on first use and afresh as
  // it is used more and more, so that its plan follows the tables' growth.
  Result<Prepared> Prepare(std::string_view sql);
  // Prepares `sql` under `name` ("" for the unnamed statement); sets
  // parameter_count. Outside pipeline mode only.
  Status PrepareAs(const std::string& sql, Prepared& prepared);
  // Sends a prepared statement without reading its result.
  Status SendPrepared(std::string_view sql, const SqlParams& params);
  // Sends a statement without parameters or preparing (BEGIN, SAVEPOINT) in
  // pipeline mode, to be read with the rest.
  Status SendUnprepared(std::string_view sql);
  // Enters pipeline mode unless in it; the connection must be idle.
  Status ResumePipeline(std::string_view sql);
  // In pipeline mode: asks for and reads every result sent so far.
  Status ReadSent(std::string_view sql);
  // Sends a prepared statement and calls `on_row` for each row; returns the
  // number of rows the command affected.
  Result<std::int64_t> Run(std::string_view sql, const SqlParams& params,
                           const RowCallback* on_row);
  // In pipeline mode: asks the server for what it has and reads the results
  // of every statement sent before the last one (pending_), keeping the
  // first error in pipeline_error_.
  void ReadPending();
  // The error for a statement the server skipped because an earlier one in
  // the pipeline failed.
  Error AbortedByEarlierError(std::string_view sql) const;
  // Keeps the pipeline's first failure with its SQLSTATE (last_sqlstate_ as
  // the error was made), and gives it back with that SQLSTATE restored.
  void NoteFailure(Error error);
  Error PipelineFailure();
  Error ErrorFromResult(const PGresult* result, std::string_view sql);
  Error ErrorFromConnection(std::string_view sql);
  void DrainResults();
  // Runs `sql` with the simple protocol; an error unless the result status is
  // one of `accepted` (ExecStatusType values).
  Status RunSimple(std::string_view sql, std::initializer_list<int> accepted,
                   std::string* command_status = nullptr);

  // A statement sent in pipeline mode whose result has not been read.
  struct Pending {
    std::string sql;      // the start of it, for error messages
    bool commit = false;  // the COMMIT: its command status is kept
  };

  PGconn* conn_;
  std::unordered_map<std::string, Prepared> cache_;
  std::uint64_t statements_named_ = 0;  // names lt0, lt1, ... given so far
  bool pipelined_ = false;
  std::vector<Pending> pending_;         // in the order sent
  std::optional<Error> pipeline_error_;  // the first failure in the pipeline
  std::string pipeline_sqlstate_;        // its SQLSTATE
  std::string commit_status_;            // "COMMIT", or "ROLLBACK" after an error
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
