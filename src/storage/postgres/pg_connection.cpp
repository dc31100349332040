#include "storage/postgres/pg_connection.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string>

#include "storage/database.hpp"
#include "storage/postgres/pg_dialect.hpp"

namespace lt::storage {
namespace {

// Statements prepared per connection; beyond this, SQL runs unnamed (parsed
// each time) so that rare dynamic variants cannot grow the cache forever.
constexpr std::size_t kMaxPreparedStatements = 1000;

// A cached statement is prepared afresh after this many uses, then after
// four times as many each time. PostgreSQL keeps a prepared statement's
// generic plan, made from the table sizes of its first uses: one prepared
// while a new store's tables were nearly empty would otherwise scan them
// whole long after they have grown (as when a first import fills them).
constexpr std::uint64_t kFirstReplan = 32;
constexpr std::uint64_t kReplanGrowth = 4;

// Statements sent in pipeline mode before their results are read anyway.
// Unread results wait in the socket buffers, which must never fill up: the
// server would stop reading while this side still writes.
constexpr std::size_t kMaxPendingStatements = 64;

// The savepoint of one work in a group commit (works never nest).
constexpr std::string_view kSavepoint = "SAVEPOINT lt_write";
constexpr std::string_view kReleaseSavepoint = "RELEASE SAVEPOINT lt_write";

// How much of a statement an error message quotes.
constexpr std::size_t kQuotedSqlChars = 200;

// Parameter values as libpq takes them: text, the server inferring each
// parameter's type from the statement, as it does for literals.
struct TextParams {
  std::vector<std::string> texts;
  std::vector<const char*> values;
};

TextParams ToText(const SqlParams& params, std::size_t count) {
  TextParams text{std::vector<std::string>(count), std::vector<const char*>(count, nullptr)};
  for (std::size_t index = 0; index < count; ++index) {
    const SqlValue& value = params[index];
    if (std::holds_alternative<std::nullptr_t>(value)) continue;
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      text.texts[index] = std::to_string(*integer);
    } else if (const auto* real = std::get_if<double>(&value)) {
      char buffer[32];
      const auto written = std::to_chars(buffer, buffer + sizeof buffer, *real);
      text.texts[index].assign(buffer, written.ptr);
    } else {
      text.texts[index] = std::get<std::string>(value);
    }
    text.values[index] = text.texts[index].c_str();
  }
  return text;
}

class PgRow final : public Row {
 public:
  PgRow(const PGresult* result, int row) : result_(result), row_(row) {}
  bool IsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  std::int64_t Int(int column) const override {
    const char* text = PQgetvalue(result_, row_, column);
    const int length = PQgetlength(result_, row_, column);
    if (length == 1 && (text[0] == 't' || text[0] == 'f')) return text[0] == 't' ? 1 : 0;
    std::int64_t value = 0;
    std::from_chars(text, text + length, value);
    return value;
  }
  double Real(int column) const override {
    return std::strtod(PQgetvalue(result_, row_, column), nullptr);
  }
  std::string Text(int column) const override {
    return std::string(PQgetvalue(result_, row_, column),
                       static_cast<std::size_t>(PQgetlength(result_, row_, column)));
  }

 private:
  const PGresult* result_;
  int row_;
};

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Server notices (e.g. "table already exists, skipping") are not errors and
// would otherwise be printed on stderr by libpq.
void IgnoreNotice(void*, const PGresult*) {}

}  // namespace

bool IsRetryableSqlState(std::string_view sqlstate) {
  return sqlstate == "40001"      // serialization_failure
         || sqlstate == "40P01"   // deadlock_detected
         || sqlstate == "23505";  // unique_violation: a concurrent insert won the race
}

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    return Error{ErrorCode::kUnavailable, "error.store_open", {{"path", url}}, {}, message};
  }
  PQsetNoticeReceiver(conn, IgnoreNotice, nullptr);
  std::unique_ptr<PgConnection> connection(new PgConnection(conn));
  // Instants are integers, text is UTF-8, and nothing depends on the server's
  // locale or time zone.
  LT_TRY(connection->ExecuteScript("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"));
  return connection;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

const Dialect& PgConnection::dialect() const { return PgDialect::Instance(); }

bool PgConnection::healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

Error PgConnection::ErrorFromResult(const PGresult* result, std::string_view sql) {
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  last_sqlstate_ = state ? state : "";
  ErrorCode code = ErrorCode::kInternal;
  std::string key = "error.internal";
  if (last_sqlstate_.rfind("23", 0) == 0) {  // integrity constraint violation
    code = ErrorCode::kConflict;
    key = "error.conflict";
  } else if (IsRetryableSqlState(last_sqlstate_) || last_sqlstate_.rfind("08", 0) == 0 ||
             last_sqlstate_.rfind("57", 0) == 0 || last_sqlstate_ == "53300" ||
             last_sqlstate_.rfind("25006", 0) == 0) {
    // Lost connection, shutdown, too many connections, read-only (a standby):
    // the store is unavailable, not the request wrong.
    code = ErrorCode::kUnavailable;
    key = "error.unavailable";
  }
  std::string message = PQresultErrorMessage(result);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return Error{code,
               key,
               {},
               {},
               message + " [" + last_sqlstate_ + "] in: " + std::string(sql.substr(0, 200))};
}

Error PgConnection::ErrorFromConnection(std::string_view sql) {
  last_sqlstate_ = "08000";
  return Error{ErrorCode::kUnavailable,
               "error.unavailable",
               {},
               {},
               std::string(PQerrorMessage(conn_)) + " in: " + std::string(sql.substr(0, 200))};
}

void PgConnection::DrainResults() {
  while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
}

Status PgConnection::PrepareAs(const std::string& sql, Prepared& prepared) {
  ResultPtr made(PQprepare(conn_, prepared.name.c_str(), sql.c_str(), 0, nullptr));
  if (!made) return ErrorFromConnection(sql);
  if (PQresultStatus(made.get()) != PGRES_COMMAND_OK) return ErrorFromResult(made.get(), sql);
  ResultPtr described(PQdescribePrepared(conn_, prepared.name.c_str()));
  if (!described) return ErrorFromConnection(sql);
  if (PQresultStatus(described.get()) != PGRES_COMMAND_OK)
    return ErrorFromResult(described.get(), sql);
  prepared.parameter_count = PQnparams(described.get());
  return Ok();
}

Result<PgConnection::Prepared> PgConnection::Prepare(std::string_view sql) {
  const std::string key(sql);
  const auto found = cache_.find(key);
  if (found != cache_.end() && ++found->second.uses < found->second.replan_at) {
    return found->second;
  }
  // PQprepare waits for its answer, which pipeline mode does not allow: a
  // statement first met inside a pipeline reads what is outstanding, is
  // prepared, and the pipeline resumes (once per statement and connection,
  // and again at each replan).
  const bool resume_pipeline = pipelined_;
  LT_TRY(EndPipeline());
  Prepared prepared;
  if (found != cache_.end()) {
    // Prepared afresh under a new name; should that fail (in a transaction
    // already failed), the old plan serves until the next replan.
    Prepared& cached = found->second;
    cached.replan_at *= kReplanGrowth;
    Prepared fresh = cached;
    fresh.name = "lt" + std::to_string(statements_named_++);
    if (PrepareAs(key, fresh).ok()) {
      ResultPtr dropped(PQexec(conn_, ("DEALLOCATE " + cached.name).c_str()));
      cached = fresh;
    }
    prepared = cached;
  } else {
    if (cache_.size() < kMaxPreparedStatements) {
      prepared.name = "lt" + std::to_string(statements_named_++);
    }
    LT_TRY(PrepareAs(key, prepared));
    prepared.uses = 1;
    prepared.replan_at = kFirstReplan;
    // An unnamed statement is not cached: it lives until the next Prepare.
    if (!prepared.name.empty()) cache_.emplace(key, prepared);
  }
  if (!healthy()) return ErrorFromConnection(sql);
  if (resume_pipeline) {
    if (PQenterPipelineMode(conn_) != 1) return ErrorFromConnection(sql);
    pipelined_ = true;
  }
  return prepared;
}

Status PgConnection::SendPrepared(std::string_view sql, const SqlParams& params) {
  LT_TRY_ASSIGN(const Prepared prepared, Prepare(sql));
  const auto count = static_cast<std::size_t>(prepared.parameter_count);
  if (params.size() < count) return Error::Internal("too few SQL parameters: " + std::string(sql));
  const TextParams text = ToText(params, count);
  if (!PQsendQueryPrepared(conn_, prepared.name.c_str(), static_cast<int>(count),
                           text.values.data(), nullptr, nullptr, 0)) {
    return ErrorFromConnection(sql);
  }
  return Ok();
}

Error PgConnection::AbortedByEarlierError(std::string_view sql) const {
  if (pipeline_error_) return *pipeline_error_;
  return Error::Internal("skipped after an earlier error in the transaction: " +
                         std::string(sql.substr(0, kQuotedSqlChars)));
}

void PgConnection::NoteFailure(Error error) {
  pipeline_error_ = std::move(error);
  pipeline_sqlstate_ = last_sqlstate_;
}

Error PgConnection::PipelineFailure() {
  last_sqlstate_ = pipeline_sqlstate_;
  return *pipeline_error_;
}

void PgConnection::ReadPending() {
  for (const Pending& statement : pending_) {
    while (PGresult* raw = PQgetResult(conn_)) {
      ResultPtr result(raw);
      switch (PQresultStatus(raw)) {
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
          if (statement.commit) commit_status_ = PQcmdStatus(raw);
          break;
        case PGRES_PIPELINE_ABORTED:
          if (!pipeline_error_) NoteFailure(AbortedByEarlierError(statement.sql));
          break;
        default:
          if (!pipeline_error_) NoteFailure(ErrorFromResult(raw, statement.sql));
          break;
      }
    }
    if (!healthy()) {
      if (!pipeline_error_) NoteFailure(ErrorFromConnection(statement.sql));
      break;
    }
  }
  pending_.clear();
}

Result<std::int64_t> PgConnection::Run(std::string_view sql, const SqlParams& params,
                                       const RowCallback* on_row) {
  last_sqlstate_.clear();
  if (pipelined_ && pipeline_error_) return PipelineFailure();
  LT_TRY(SendPrepared(sql, params));
  if (pipelined_) {
    // The server holds its answers until asked: ask, then read what was
    // sent before this statement.
    if (PQsendFlushRequest(conn_) != 1 || PQflush(conn_) != 0) return ErrorFromConnection(sql);
    ReadPending();
  }
  // In pipeline mode libpq takes this for the statement whose results come
  // next, which is why the results sent before it were read first. (Were it
  // ever declined, the rows would arrive in one result instead.)
  if (on_row != nullptr) PQsetSingleRowMode(conn_);
  std::int64_t affected = 0;
  std::optional<Error> failure;
  while (PGresult* raw = PQgetResult(conn_)) {
    ResultPtr result(raw);
    switch (PQresultStatus(raw)) {
      case PGRES_SINGLE_TUPLE:
        // The callback may throw; the remaining results must still be read
        // before the connection can take another statement.
        if (!failure) {
          try {
            (*on_row)(PgRow(raw, 0));
          } catch (...) {
            DrainResults();
            throw;
          }
        }
        break;
      case PGRES_TUPLES_OK:
        for (int row = 0; row < PQntuples(raw) && on_row != nullptr && !failure; ++row)
          (*on_row)(PgRow(raw, row));
        [[fallthrough]];
      case PGRES_COMMAND_OK: {
        const char* tuples = PQcmdTuples(raw);
        if (tuples != nullptr && *tuples != '\0') affected = std::atoll(tuples);
        break;
      }
      case PGRES_PIPELINE_ABORTED:
        if (!failure) failure = AbortedByEarlierError(sql);
        break;
      default:
        if (!failure) failure = ErrorFromResult(raw, sql);
        break;
    }
  }
  if (!failure && !healthy()) failure = ErrorFromConnection(sql);
  if (failure) {
    if (!pipelined_) return *std::move(failure);
    if (!pipeline_error_) NoteFailure(*std::move(failure));
    return PipelineFailure();
  }
  return affected;
}

Status PgConnection::Send(std::string_view sql, const SqlParams& params) {
  if (!pipelined_) {
    LT_TRY(Run(sql, params, nullptr));
    return Ok();
  }
  last_sqlstate_.clear();
  if (pipeline_error_) return PipelineFailure();
  LT_TRY(SendPrepared(sql, params));
  pending_.push_back({std::string(sql.substr(0, kQuotedSqlChars)), false});
  if (pending_.size() >= kMaxPendingStatements) return ReadSent(sql);
  return Ok();
}

Status PgConnection::SendUnprepared(std::string_view sql) {
  const std::string text(sql);
  if (!PQsendQueryParams(conn_, text.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0)) {
    return ErrorFromConnection(sql);
  }
  pending_.push_back({text, false});
  return Ok();
}

Status PgConnection::ResumePipeline(std::string_view sql) {
  if (pipelined_) return Ok();
  if (PQenterPipelineMode(conn_) != 1) return ErrorFromConnection(sql);
  pipelined_ = true;
  return Ok();
}

Status PgConnection::ReadSent(std::string_view sql) {
  if (PQsendFlushRequest(conn_) != 1 || PQflush(conn_) != 0) return ErrorFromConnection(sql);
  ReadPending();
  if (pipeline_error_) return PipelineFailure();
  return Ok();
}

Status PgConnection::BeginPipelined(std::string_view begin_sql, std::string_view setting_sql) {
  ForgetAll();
  last_sqlstate_.clear();
  pipeline_error_.reset();
  pending_.clear();
  commit_status_.clear();
  LT_TRY(ResumePipeline(begin_sql));
  LT_TRY(SendUnprepared(begin_sql));
  if (setting_sql.empty()) return Ok();
  return SendUnprepared(setting_sql);
}

Status PgConnection::Savepoint() {
  last_sqlstate_.clear();
  LT_TRY(ResumePipeline(kSavepoint));
  if (pipeline_error_) return PipelineFailure();
  return SendUnprepared(kSavepoint);
}

Status PgConnection::ReleaseSavepoint() {
  last_sqlstate_.clear();
  LT_TRY(ResumePipeline(kReleaseSavepoint));
  if (pipeline_error_) return PipelineFailure();
  LT_TRY(SendUnprepared(kReleaseSavepoint));
  return ReadSent(kReleaseSavepoint);
}

Status PgConnection::RollbackToSavepoint() {
  ForgetAll();                  // what the undone work read or changed
  std::ignore = EndPipeline();  // the work's error was returned already
  LT_TRY(
      RunSimple("ROLLBACK TO SAVEPOINT lt_write; RELEASE SAVEPOINT lt_write", {PGRES_COMMAND_OK}));
  return ResumePipeline("ROLLBACK TO SAVEPOINT");
}

Status PgConnection::RunNestedRead(const std::function<Status(Connection&)>& work) {
  // Behind a savepoint: a failed statement would abort the whole
  // transaction. A read that succeeded has had every answer (a query waits
  // for its rows), so its savepoint is released without waiting.
  LT_TRY(Savepoint());
  Status result = RunGuarded(work, *this);
  if (result.ok()) result = SendUnprepared(kReleaseSavepoint);
  if (!result.ok()) std::ignore = RollbackToSavepoint();
  return result;
}

Status PgConnection::RunNested(const std::function<Status(Connection&)>& work) {
  LT_TRY(Savepoint());
  Status result = RunGuarded(work, *this);
  if (result.ok()) result = ReleaseSavepoint();
  // A rollback that fails leaves the transaction aborted: its COMMIT fails.
  if (!result.ok()) std::ignore = RollbackToSavepoint();
  return result;
}

Status PgConnection::EndPipeline() {
  if (!pipelined_) return Ok();
  const bool synced = PQpipelineSync(conn_) == 1;
  if (synced) ReadPending();
  pending_.clear();
  if (synced && healthy()) {
    ResultPtr sync(PQgetResult(conn_));
    if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) {
      DrainResults();
      if (!pipeline_error_) NoteFailure(Error::Internal("the pipeline did not end in a sync"));
    }
  }
  if (!synced && !pipeline_error_) NoteFailure(ErrorFromConnection("pipeline sync"));
  // Fails only on a broken connection, which the pool then drops.
  std::ignore = PQexitPipelineMode(conn_);
  pipelined_ = false;
  if (!pipeline_error_) return Ok();
  Error error = PipelineFailure();
  pipeline_error_.reset();
  return error;
}

Result<std::int64_t> PgConnection::Execute(std::string_view sql, const SqlParams& params) {
  return Run(sql, params, nullptr);
}

Status PgConnection::Query(std::string_view sql, const SqlParams& params,
                           const RowCallback& on_row) {
  LT_TRY(Run(sql, params, &on_row));
  return Ok();
}

Status PgConnection::LockUntilCommit(std::int64_t key) {
  LT_TRY(Execute("SELECT pg_advisory_xact_lock($1)", {key}));
  return Ok();
}

Result<std::int64_t> PgConnection::NextCaseSequence(const std::string& prefix, int year,
                                                    std::int64_t count) {
  if (sequence_source_) return sequence_source_(prefix, year, count);
  return Connection::NextCaseSequence(prefix, year, count);
}

Status PgConnection::Notify(std::string_view payload) {
  return Send("SELECT pg_notify($1, $2)", {std::string(kChangeChannel), std::string(payload)});
}

Status PgConnection::NotifyMany(std::span<const std::string> payloads) {
  // Few enough to a statement that their text stays well under a megabyte.
  constexpr std::size_t kPerStatement = 64;
  for (std::size_t first = 0; first < payloads.size(); first += kPerStatement) {
    const auto some = payloads.subspan(first, std::min(kPerStatement, payloads.size() - first));
    SqlParams params{std::string(kChangeChannel)};
    std::string sql;
    for (const auto& payload : some) {
      params.push_back(payload);
      sql += (sql.empty() ? "SELECT " : ", ") + std::string("pg_notify($1, $") +
             std::to_string(params.size()) + ")";
    }
    LT_TRY(Send(sql, params));
  }
  return Ok();
}

Status PgConnection::RunSimple(std::string_view sql, std::initializer_list<int> accepted,
                               std::string* command_status) {
  last_sqlstate_.clear();
  const std::string text(sql);
  ResultPtr result(PQexec(conn_, text.c_str()));
  if (!result) return ErrorFromConnection(sql);
  const int status = PQresultStatus(result.get());
  if (std::find(accepted.begin(), accepted.end(), status) == accepted.end())
    return ErrorFromResult(result.get(), sql);
  if (command_status != nullptr) *command_status = PQcmdStatus(result.get());
  return Ok();
}

Status PgConnection::ExecuteScript(std::string_view sql) {
  LT_TRY(EndPipeline());
  return RunSimple(sql, {PGRES_COMMAND_OK, PGRES_TUPLES_OK});
}

Status PgConnection::BeginCopy(std::string_view copy_sql) {
  LT_TRY(EndPipeline());
  return RunSimple(copy_sql, {PGRES_COPY_IN});
}

Status PgConnection::PutCopyData(std::string_view data) {
  if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1)
    return ErrorFromConnection("COPY");
  return Ok();
}

Result<std::int64_t> PgConnection::EndCopy() {
  if (PQputCopyEnd(conn_, nullptr) != 1) return ErrorFromConnection("COPY");
  std::int64_t copied = 0;
  std::optional<Error> failure;
  while (PGresult* raw = PQgetResult(conn_)) {
    ResultPtr result(raw);
    if (PQresultStatus(raw) == PGRES_COMMAND_OK) {
      copied = std::atoll(PQcmdTuples(raw));
    } else if (!failure) {
      failure = ErrorFromResult(raw, "COPY");
    }
  }
  if (failure) return *std::move(failure);
  return copied;
}

void AppendCopyField(std::string& line, const std::optional<std::string>& value) {
  if (!value) {
    line += "\\N";
    return;
  }
  for (const char c : *value) {
    switch (c) {
      case '\\':
        line += "\\\\";
        break;
      case '\t':
        line += "\\t";
        break;
      case '\n':
        line += "\\n";
        break;
      case '\r':
        line += "\\r";
        break;
      default:
        line += c;
    }
  }
}

Status PgConnection::Commit() {
  std::string command;
  if (pipelined_) {
    if (pipeline_error_) return EndPipeline();
    if (!PQsendQueryParams(conn_, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0)) {
      return ErrorFromConnection("COMMIT");
    }
    pending_.push_back({"COMMIT", true});
    LT_TRY(EndPipeline());
    command = commit_status_;
  } else {
    LT_TRY(RunSimple("COMMIT", {PGRES_COMMAND_OK}, &command));
  }
  if (command != "COMMIT") {
    last_sqlstate_ = "25P02";  // in_failed_sql_transaction
    return Error::Internal("the transaction was rolled back: a statement in it failed");
  }
  return Ok();
}

}  // namespace lt::storage
