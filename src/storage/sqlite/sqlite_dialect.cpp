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

std::string SqliteDialect::ContainsCondition(std::string_view column,
                                             std::string_view param) const {
  return "instr(" + std::string(column) + ", " + std::string(param) + ") > 0";
}

std::string BuildFtsQuery(std::string_view query) {
  std::string out;
  std::size_t pos = 0;
  while (pos < query.size()) {
    while (pos < query.size() && (query[pos] == ' ' || query[pos] == '\t')) ++pos;
    std::size_t end = pos;
    while (end < query.size() && query[end] != ' ' && query[end] != '\t') ++end;
    const std::string_view term = query.substr(pos, end - pos);
    pos = end;
    const auto tokens = text::TokenTexts(term, text::TokenizeMode::kQuery);
    if (tokens.empty()) continue;
    if (!out.empty()) out += " AND ";
    out += '"';
    for (const char c : term) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
    if (text::IsSingleCjkCharacter(tokens.back())) out += '*';  // it may begin a bigram
  }
  return out;
}

}  // namespace lt::storage
