#include "app/categories.hpp"

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/field_rules.hpp"
#include "app/references.hpp"
#include "app/tree_nodes.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/directory_store.hpp"

namespace lt::app {

Result<domain::Category> CreateCategory(AppContext& context, const domain::Principal& principal,
                                        const CategoryInput& input) {
  LT_TRY(RequirePermission(principal, domain::Permission::kManageCategories));
  FieldErrors errors;
  domain::Category category;
  ReadNewNode(category, input, errors);
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    FieldErrors reference_errors;
    LT_TRY(CheckReference(connection, Reference::kCategory, category.parent_id, "parent_id",
                          reference_errors));
    if (!reference_errors.empty()) return reference_errors.ToError();
    auto inserted = storage::DirectoryStore(connection).InsertCategory(category);
    if (!inserted.ok()) return CodeTakenOr(std::move(inserted).error(), category.code);
    category.id = *inserted;
    ChangeList changes;
    RecordNodeFields<domain::Category>(changes, nullptr, category);
    return storage::AuditStore(connection)
        .Append(
            MakeEvent("category", category.id, "create", principal.user_id, now, changes.Take()));
  }));
  return category;
}

Result<domain::Category> UpdateCategory(AppContext& context, const domain::Principal& principal,
                                        Id id, const CategoryPatch& patch) {
  LT_TRY(RequirePermission(principal, domain::Permission::kManageCategories));
  FieldErrors errors;
  const CheckedNodePatch checked = CheckNodePatch(id, patch, errors);
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  domain::Category updated;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::DirectoryStore directory(connection);
    LT_TRY_ASSIGN(auto before, directory.FindCategory(id));
    if (!before) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    if (patch.parent_id) {
      LT_TRY(CheckParent(connection, Reference::kCategory, id, *patch.parent_id,
                         ParentsBy([&](Id node) { return directory.FindCategory(node); })));
    }
    updated = *before;
    ApplyNodePatch(updated, checked, patch);
    if (patch.active) updated.active = *patch.active;
    ChangeList changes;
    RecordNodeFields(changes, &*before, updated);
    changes.Record("active", before->active ? "true" : "false", updated.active ? "true" : "false");
    if (changes.empty()) return Ok();
    auto written = directory.UpdateCategory(updated);
    if (!written.ok()) return CodeTakenOr(std::move(written).error(), updated.code);
    return storage::AuditStore(connection)
        .Append(MakeEvent("category", id, "update", principal.user_id, now, changes.Take()));
  }));
  return updated;
}

Result<std::vector<domain::Category>> ListCategories(AppContext& context,
                                                     const domain::Principal& principal) {
  LT_TRY(RequireStaff(principal));
  std::vector<domain::Category> categories;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(categories, storage::DirectoryStore(connection).ListCategories());
    return Ok();
  }));
  return categories;
}

}  // namespace lt::app
