#pragma once

// Lists across cases, cut down to the cases a principal may see.

#include <vector>

#include "base/result.hpp"
#include "domain/access.hpp"
#include "storage/case_store.hpp"

namespace lt::app {

// How many more rows a list reads than it returns, so that rows on cases
// the reader may not see do not leave the page short.
inline constexpr int kVisibleOverRead = 10;

// Calls `keep(item, its case)` for the items whose case `principal` sees,
// in order, until `limit` were kept. `case_id_of(item)` names the case.
template <class Item, class CaseIdOf, class Keep>
Status KeepVisible(storage::Connection& connection, const domain::Principal& principal,
                   const std::vector<Item>& items, int limit, CaseIdOf case_id_of, Keep keep) {
  storage::CaseStore cases(connection);
  int kept = 0;
  for (const auto& item : items) {
    if (kept >= limit) break;
    LT_TRY_ASSIGN(auto a_case, cases.Find(case_id_of(item)));
    if (!a_case || !domain::CanSeeCase(principal, *a_case)) continue;
    LT_TRY(keep(item, std::move(*a_case)));
    ++kept;
  }
  return Ok();
}

}  // namespace lt::app
