#include "app/case_access.hpp"

#include "storage/case_store.hpp"

namespace lt::app {

Result<std::optional<domain::Case>> FindVisibleCase(storage::Connection& connection,
                                                    const domain::Principal& principal,
                                                    domain::Id id) {
  LT_TRY_ASSIGN(auto found, storage::CaseStore(connection).Find(id));
  if (!found || !domain::CanSeeCase(principal, *found)) return std::optional<domain::Case>();
  return found;
}

Result<domain::Case> LoadVisibleCase(storage::Connection& connection,
                                     const domain::Principal& principal, domain::Id id) {
  LT_TRY_ASSIGN(auto found, FindVisibleCase(connection, principal, id));
  if (!found) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  return std::move(*found);
}

}  // namespace lt::app
