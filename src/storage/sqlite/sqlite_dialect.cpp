#include "storage/sqlite/sqlite_dialect.hpp"

#include "text/search_tokenizer.hpp"

namespace lt::storage {

const SqliteDialect& SqliteDialect::Instance() {
  static const SqliteDialect instance;
  return instance;
}

std::string SqliteDialect::CaseSearchCondition(int index) const {
  return "cases.id IN (SELECT rowid FROM case_search WHERE case_search MATCH $" +
         std::to_string(index) + ")";
}

SqlValue SqliteDialect::CaseSearchParameter(std::string_view query) const {
  return BuildFtsQuery(query);
}

std::string SqliteDialect::CaseSearchCountQuery() const {
  // Counting stops early: callers only compare with a threshold below this cap.
  return "SELECT COUNT(*) FROM (SELECT 1 FROM case_search WHERE case_search MATCH $1 LIMIT 10000) "
         "AS m";
}

std::string SqliteDialect::CasesInReceivedOrder() const {
  return "cases INDEXED BY cases_received";
}

std::optional<Dialect::SearchDocument> SqliteDialect::CaseSearchDocument(std::string_view,
                                                                         std::string_view) const {
  return std::nullopt;  // the cases_search_* triggers keep FTS5 in step
}

std::string SqliteDialect::SkipLockedRows() const { return {}; }

std::string SqliteDialect::ContainsCondition(std::string_view column,
                                             std::string_view param) const {
  return "instr(" + std::string(column) + ", " + std::string(param) + ") > 0";
}

std::string BuildFtsQuery(std::string_view query) {
  std::string out;
  for (const text::SearchTerm& term : text::ParseSearchTerms(query)) {
    if (!out.empty()) out += " AND ";
    out += '"';
    for (const char c : term.text) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
    if (term.prefix) out += '*';
  }
  return out;
}

}  // namespace lt::storage
