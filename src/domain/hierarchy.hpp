#pragma once

// Departments and categories form trees: each may have a parent, and no
// chain of parents may lead back to where it started.

#include <optional>
#include <set>

#include "base/result.hpp"
#include "domain/entities.hpp"

namespace lt::domain {

// Whether making `parent` the parent of `node` would close a loop: `node`
// is `parent` itself or one of its ancestors. `parent_of(id)` answers an
// existing node's parent (Result<std::optional<Id>>). A chain that loops
// without `node` (data written before loops were refused) counts as a loop.
template <typename ParentOf>
Result<bool> WouldCloseLoop(Id node, Id parent, ParentOf&& parent_of) {
  std::set<Id> seen;
  std::optional<Id> current = parent;
  while (current) {
    if (*current == node || !seen.insert(*current).second) return true;
    LT_TRY_ASSIGN(current, parent_of(*current));
  }
  return false;
}

}  // namespace lt::domain
