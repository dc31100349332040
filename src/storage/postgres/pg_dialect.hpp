#pragma once

#include "storage/connection.hpp"

namespace lt::storage {

// PostgreSQL's SQL differences. Search uses a tsvector column filled with
// Lingting's own tokens (with positions, so phrases match as in FTS5) and a
// GIN index; see BuildSearchVector and BuildSearchQuery.
class PgDialect final : public Dialect {
 public:
  static const PgDialect& Instance();
  Engine engine() const override { return Engine::kPostgres; }
  std::string CaseSearchCondition(int index) const override;
  SqlValue CaseSearchParameter(std::string_view query) const override;
  std::string CaseSearchCountQuery() const override;
  std::string CasesInReceivedOrder() const override;
  std::optional<SearchDocument> CaseSearchDocument(std::string_view subject,
                                                   std::string_view description) const override;
  std::string SkipLockedRows() const override;
  std::string ContainsCondition(std::string_view column, std::string_view param) const override;
};

// The tsvector literal for a case: the index-mode tokens of the subject at
// positions 1, 2, ..., then those of the description after a gap, so that no
// phrase spans the two (as FTS5 keeps columns apart). PostgreSQL keeps at most
// 256 positions per token and none past 16,383; beyond that a token still
// matches, but a phrase may not.
std::string BuildSearchVector(std::string_view subject, std::string_view description);

// The tsquery for a user's search: each word the phrase (<->) of its
// query-mode tokens, the last one a prefix (:*) when it is a single CJK
// character; all words must match. Empty when the search has no tokens.
std::string BuildSearchQuery(std::string_view query);

}  // namespace lt::storage
