#include "storage/postgres/store_copy.hpp"

#include <algorithm>
#include <map>

#include "storage/code_list.hpp"
#include "storage/store_tables.hpp"

namespace lt::storage {
namespace {

// Rows are sent to the server in chunks of about this many bytes.
constexpr std::size_t kCopyChunkBytes = 1 << 20;

Result<std::int64_t> SchemaVersion(Connection& connection) {
  return connection.QueryInt("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
}

// The target's columns of `table`, in order.
Result<std::vector<std::string>> ColumnsOf(Connection& connection, std::string_view table) {
  std::vector<std::string> columns;
  LT_TRY(connection.Query(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
      "AND table_name = $1 ORDER BY ordinal_position",
      {std::string(table)}, [&](const Row& row) { columns.push_back(row.Text(0)); }));
  if (columns.empty()) return Error::Internal("the target has no table " + std::string(table));
  return columns;
}

// Copies one table inside the open source snapshot and target transaction.
Status CopyTable(Connection& from, PgConnection& to, std::string_view table,
                 std::vector<std::string> columns, std::int64_t& done, std::int64_t total,
                 const std::function<void(std::int64_t, std::int64_t)>& progress) {
  // The search document is not in the source: it is computed from the
  // subject and description with the same tokenizer.
  const auto sample = to.dialect().CaseSearchDocument("", "");
  std::optional<std::string> document_column;
  if (table == "cases" && sample) {
    document_column = sample->column;
    std::erase(columns, *document_column);
  }
  const auto index_of = [&](std::string_view name) {
    return static_cast<int>(std::find(columns.begin(), columns.end(), name) - columns.begin());
  };
  const int subject = index_of("subject");
  const int description = index_of("description");
  std::vector<std::string> target_columns = columns;
  if (document_column) target_columns.push_back(*document_column);

  LT_TRY(to.BeginCopy("COPY " + std::string(table) + " (" + Join(target_columns, ", ") +
                      ") FROM STDIN"));
  std::string buffer;
  Status sent = Ok();
  const int count = static_cast<int>(columns.size());
  const Status read = from.Query(
      "SELECT " + Join(columns, ", ") + " FROM " + std::string(table), {}, [&](const Row& row) {
        if (!sent.ok()) return;
        for (int column = 0; column < count; ++column) {
          if (column > 0) buffer += '\t';
          AppendCopyField(buffer, row.OptionalText(column));
        }
        if (document_column) {
          const auto document =
              to.dialect().CaseSearchDocument(row.Text(subject), row.Text(description));
          buffer += '\t';
          AppendCopyField(buffer, std::get<std::string>(document->value));
        }
        buffer += '\n';
        if (buffer.size() >= kCopyChunkBytes) {
          sent = to.PutCopyData(buffer);
          buffer.clear();
        }
        if (++done % 10000 == 0 && progress) progress(done, total);
      });
  if (sent.ok() && !buffer.empty()) sent = to.PutCopyData(buffer);
  // EndCopy must run in any case to bring the connection out of COPY mode.
  auto copied = to.EndCopy();
  LT_TRY(read);
  LT_TRY(sent);
  LT_TRY(copied);
  return Ok();
}

}  // namespace

Result<std::vector<TableCopy>> CopyStore(
    Database& source, PgDatabase& target,
    const std::function<void(std::int64_t done, std::int64_t total)>& progress) {
  LT_TRY_ASSIGN(auto writer, target.OpenConnection());
  LT_TRY(writer->ExecuteScript("BEGIN"));
  std::map<std::string_view, std::vector<std::string>> columns;
  for (const std::string_view table : kStoreTables) {
    LT_TRY_ASSIGN(columns[table], ColumnsOf(*writer, table));
    LT_TRY_ASSIGN(auto rows,
                  writer->QueryOptionalInt("SELECT 1 FROM " + std::string(table) + " LIMIT 1"));
    if (rows) {
      return Error::Of(ErrorCode::kConflict, "error.store_not_empty",
                       {{"table", std::string(table)}});
    }
  }
  LT_TRY_ASSIGN(const std::int64_t target_version, SchemaVersion(*writer));

  std::vector<TableCopy> report;
  const Status copied = source.Read([&](Connection& from) -> Status {
    LT_TRY_ASSIGN(const std::int64_t source_version, SchemaVersion(from));
    if (source_version != target_version) {
      return Error::Of(
          ErrorCode::kConflict, "error.schema_mismatch",
          {{"source", std::to_string(source_version)}, {"target", std::to_string(target_version)}});
    }
    std::int64_t total = 0;
    for (const std::string_view table : kStoreTables) {
      TableCopy entry{std::string(table)};
      LT_TRY_ASSIGN(entry.source_rows, from.QueryInt("SELECT COUNT(*) FROM " + entry.table));
      total += entry.source_rows;
      report.push_back(std::move(entry));
    }
    std::int64_t done = 0;
    for (const std::string_view table : kStoreTables) {
      LT_TRY(CopyTable(from, *writer, table, columns[table], done, total, progress));
    }
    if (progress) progress(done, total);
    return Ok();
  });
  if (!copied.ok()) {
    std::ignore = writer->ExecuteScript("ROLLBACK");  // the copy's error is what matters
    return copied.error();
  }
  // New rows get ids after the copied ones.
  for (const std::string_view table : kStoreTables) {
    const auto& names = columns[table];
    if (std::find(names.begin(), names.end(), "id") == names.end()) continue;
    LT_TRY(
        writer->Execute("SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE(MAX(id), 0) "
                        "+ 1, false) FROM " +
                            std::string(table),
                        {std::string(table)}));
  }
  LT_TRY(writer->Commit());
  for (TableCopy& entry : report) {
    LT_TRY_ASSIGN(entry.target_rows, writer->QueryInt("SELECT COUNT(*) FROM " + entry.table));
  }
  return report;
}

}  // namespace lt::storage
