#pragma once

// Departments and categories are trees of coded nodes, checked alike: a
// code of letters, digits and - _ ., unique among its kind; a parent that
// exists and is not the node or below it.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app/audit_trail.hpp"
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

// Reads a new node's code, name and parent from `input`, checking the first
// two (errors on "code", "name").
template <class Node, class Input>
void ReadNewNode(Node& node, const Input& input, FieldErrors& errors) {
  node.code = CheckCode(input.code, errors);
  node.name = CheckText(input.name, "name", 100, Presence::kRequired, errors);
  node.parent_id = input.parent_id;
}

// A patch's code and name once checked, with the checks of its parent that
// need no store (not the node itself).
struct CheckedNodePatch {
  std::optional<std::string> code;
  std::optional<std::string> name;
};
template <class Patch>
CheckedNodePatch CheckNodePatch(domain::Id id, const Patch& patch, FieldErrors& errors) {
  CheckedNodePatch checked;
  if (patch.code) checked.code = CheckCode(*patch.code, errors);
  if (patch.name) checked.name = CheckText(*patch.name, "name", 100, Presence::kRequired, errors);
  if (patch.parent_id && *patch.parent_id == id) errors.Add("parent_id", "validation.self_parent");
  return checked;
}

// Applies the patch's code, name and parent to `node`.
template <class Node, class Patch>
void ApplyNodePatch(Node& node, const CheckedNodePatch& checked, const Patch& patch) {
  if (checked.code) node.code = *checked.code;
  if (checked.name) node.name = *checked.name;
  if (patch.parent_id) node.parent_id = *patch.parent_id;
}

// Records a node's code, name and parent as created (`before` null) or changed.
template <class Node>
void RecordNodeFields(ChangeList& changes, const Node* before, const Node& after) {
  changes.Record("code", before ? std::optional<std::string>(before->code) : std::nullopt,
                 after.code);
  changes.Record("name", before ? std::optional<std::string>(before->name) : std::nullopt,
                 after.name);
  changes.Record("parent_id", before ? before->parent_id : std::nullopt, after.parent_id);
}

// The parent lookup CheckParent needs, from `find(id)` loading a node.
template <class Find>
ParentOf ParentsBy(Find find) {
  return [find](domain::Id node) -> Result<std::optional<domain::Id>> {
    LT_TRY_ASSIGN(auto found, find(node));
    return found ? found->parent_id : std::nullopt;
  };
}

}  // namespace lt::app
