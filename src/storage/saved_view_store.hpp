#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/saved_view.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Saved queue views (migrations/*/0016_saved_views.sql).
class SavedViewStore {
 public:
  explicit SavedViewStore(Connection& connection) : connection_(connection) {}

  // The views of `owner_id` and those shared with any of `department_ids`,
  // by name.
  Result<std::vector<domain::SavedView>> ListFor(domain::Id owner_id,
                                                 const std::vector<domain::Id>& department_ids);
  Result<std::optional<domain::SavedView>> Find(domain::Id id);
  // Whether the owner already has a view of that name (other than `except`).
  Result<bool> NameTaken(domain::Id owner_id, const std::string& name, domain::Id except);
  Result<domain::Id> Insert(const domain::SavedView& view);
  Status Update(const domain::SavedView& view);
  Status Remove(domain::Id id);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
