#pragma once

// Cases read inside a use case's transaction, as far as the principal may
// see them. Shared by the use cases of every document kept on a case.

#include <optional>
#include <vector>

#include "app/store_access.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/entities.hpp"

namespace lt::app {

// The case, or kNotFound when it does not exist or the principal may not
// see it (the two are not told apart).
Result<domain::Case> LoadVisibleCase(storage::Connection& connection,
                                     const domain::Principal& principal, domain::Id id);

// The case when it exists and the principal may see it.
Result<std::optional<domain::Case>> FindVisibleCase(storage::Connection& connection,
                                                    const domain::Principal& principal,
                                                    domain::Id id);

// How many more rows a list reads than it returns, so that rows on cases
// the reader may not see do not leave the page short.
inline constexpr int kVisibleOverRead = 10;

// Calls `keep(item, its case)` for the items whose case `principal` sees,
// in order, until `limit` were kept. `case_id_of(item)` names the case.
template <class Item, class CaseIdOf, class Keep>
Status KeepVisible(storage::Connection& connection, const domain::Principal& principal,
                   const std::vector<Item>& items, int limit, CaseIdOf case_id_of, Keep keep) {
  int kept = 0;
  for (const auto& item : items) {
    if (kept >= limit) break;
    LT_TRY_ASSIGN(auto a_case, FindVisibleCase(connection, principal, case_id_of(item)));
    if (!a_case) continue;
    LT_TRY(keep(item, std::move(*a_case)));
    ++kept;
  }
  return Ok();
}

}  // namespace lt::app
