#pragma once

// Departments and categories are trees of coded nodes, checked alike: a
// code of letters, digits and - _ ., unique among its kind; a parent that
// exists and is not the node or below it.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app/field_rules.hpp"
#include "app/references.hpp"
#include "app/store_access.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/entities.hpp"

namespace lt::app {

// The trimmed code; errors on `code` when it is missing, too long or has
// other characters.
std::string CheckCode(std::string_view value, FieldErrors& errors);

// A unique-constraint conflict on writing a node, as error.code_taken
// naming the code; other errors as they are.
Error CodeTakenOr(Error error, const std::string& code);

// The node's parent (when given) exists as a `reference`, and, for an
// existing node `id`, is neither the node nor one of its descendants.
// `parent_of(id)` answers an existing node's parent.
using ParentOf = std::function<Result<std::optional<domain::Id>>(domain::Id)>;
Status CheckParent(storage::Connection& connection, Reference reference,
                   std::optional<domain::Id> id, const std::optional<domain::Id>& parent,
                   const ParentOf& parent_of);

}  // namespace lt::app
