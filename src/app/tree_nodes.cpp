#include "app/tree_nodes.hpp"

#include <cctype>

#include "domain/hierarchy.hpp"

namespace lt::app {

std::string CheckCode(std::string_view value, FieldErrors& errors) {
  std::string code = CheckText(value, "code", 40, Presence::kRequired, errors);
  for (const char c : code) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
      errors.Add("code", "validation.enum", {{"allowed", "A-Z a-z 0-9 - _ ."}});
      break;
    }
  }
  return code;
}

Error CodeTakenOr(Error error, const std::string& code) {
  if (error.code == ErrorCode::kConflict)
    return Error::Of(ErrorCode::kConflict, "error.code_taken", {{"code", code}});
  return error;
}

Status CheckParent(storage::Connection& connection, Reference reference,
                   std::optional<domain::Id> id, const std::optional<domain::Id>& parent,
                   const ParentOf& parent_of) {
  if (!parent) return Ok();
  FieldErrors errors;
  LT_TRY(CheckReference(connection, reference, parent, "parent_id", errors));
  if (!errors.empty()) return errors.ToError();
  if (!id) return Ok();
  LT_TRY_ASSIGN(const bool loop, domain::WouldCloseLoop(*id, *parent, parent_of));
  if (!loop) return Ok();
  errors.Add("parent_id", "validation.parent_loop");
  return errors.ToError();
}

}  // namespace lt::app
