#pragma once

#include "storage/connection.hpp"

namespace lt::storage {

class SqliteDialect final : public Dialect {
 public:
  static const SqliteDialect& Instance();
  Engine engine() const override { return Engine::kSqlite; }
  std::string CaseSearchCondition(int index) const override;
  SqlValue CaseSearchParameter(std::string_view query) const override;
  std::string CaseSearchCountQuery() const override;
  std::string CasesInReceivedOrder() const override;
  std::optional<SearchDocument> CaseSearchDocument(std::string_view subject,
                                                   std::string_view description) const override;
  std::string SkipLockedRows() const override;
  std::string ContainsCondition(std::string_view column, std::string_view param) const override;
};

// Builds the FTS5 query for a user's search text: each whitespace-separated
// word becomes a quoted phrase (tokenized by the "lingting" tokenizer in query
// mode), a prefix phrase when it ends in a single CJK character, and all of
// them must match.
std::string BuildFtsQuery(std::string_view query);

}  // namespace lt::storage
