#include "storage/postgres/pg_dialect.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "text/search_tokenizer.hpp"

namespace lt::storage {
namespace {

// PostgreSQL's limits for a tsvector entry.
constexpr std::size_t kMaxLexemeBytes = 2046;
constexpr int kMaxPosition = 16383;
constexpr std::size_t kMaxPositionsPerLexeme = 256;

void AppendQuotedLexeme(std::string& out, std::string_view lexeme) {
  out += '\'';
  for (const char c : lexeme) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  out += '\'';
}

}  // namespace

const PgDialect& PgDialect::Instance() {
  static const PgDialect instance;
  return instance;
}

std::string PgDialect::CaseSearchCondition(int index) const {
  return "cases.search_vector @@ $" + std::to_string(index) + "::tsquery";
}

SqlValue PgDialect::CaseSearchParameter(std::string_view query) const {
  return BuildSearchQuery(query);
}

std::string PgDialect::CaseSearchCountQuery() const {
  return {};  // PostgreSQL's planner weighs the match count itself
}

std::string PgDialect::CasesInReceivedOrder() const { return "cases"; }

std::optional<Dialect::SearchDocument> PgDialect::CaseSearchDocument(
    std::string_view subject, std::string_view description) const {
  return SearchDocument{"search_vector", BuildSearchVector(subject, description)};
}

std::string PgDialect::SkipLockedRows() const { return " FOR UPDATE SKIP LOCKED"; }

std::string PgDialect::ContainsCondition(std::string_view column, std::string_view param) const {
  return "strpos(" + std::string(column) + ", " + std::string(param) + ") > 0";
}

std::string BuildSearchVector(std::string_view subject, std::string_view description) {
  std::map<std::string, std::vector<int>> positions;
  int position = 0;
  const auto add = [&](const text::SearchToken& token) {
    position = std::min(position + 1, kMaxPosition);
    if (token.text.size() > kMaxLexemeBytes) return;
    auto& list = positions[token.text];
    if (list.size() < kMaxPositionsPerLexeme && (list.empty() || list.back() != position))
      list.push_back(position);
  };
  text::Tokenize(subject, text::TokenizeMode::kIndex, add);
  ++position;  // a gap: no phrase spans subject and description
  text::Tokenize(description, text::TokenizeMode::kIndex, add);
  std::string out;
  for (const auto& [lexeme, list] : positions) {
    if (!out.empty()) out += ' ';
    AppendQuotedLexeme(out, lexeme);
    char separator = ':';
    for (const int at : list) {
      out += separator;
      out += std::to_string(at);
      separator = ',';
    }
  }
  return out;
}

std::string BuildSearchQuery(std::string_view query) {
  std::string out;
  for (const text::SearchTerm& term : text::ParseSearchTerms(query)) {
    if (!out.empty()) out += " & ";
    out += '(';
    for (std::size_t index = 0; index < term.tokens.size(); ++index) {
      if (index > 0) out += " <-> ";
      AppendQuotedLexeme(out, term.tokens[index]);
    }
    if (term.prefix) out += ":*";
    out += ')';
  }
  return out;
}

}  // namespace lt::storage
