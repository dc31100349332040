#include "app/departments.hpp"

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/field_rules.hpp"
#include "app/references.hpp"
#include "app/sla_recompute.hpp"
#include "app/tree_nodes.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/directory_store.hpp"

namespace lt::app {

Result<domain::Department> CreateDepartment(AppContext& context, const domain::Principal& principal,
                                            const DepartmentInput& input) {
  LT_TRY(RequirePermission(principal, domain::Permission::kManageDepartments));
  FieldErrors errors;
  domain::Department department;
  ReadNewNode(department, input, errors);
  department.calendar_id = input.calendar_id;
  department.created_at = context.clock.NowMs();
  if (!errors.empty()) return errors.ToError();
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    FieldErrors reference_errors;
    LT_TRY(CheckReference(connection, Reference::kCalendar, department.calendar_id, "calendar_id",
                          reference_errors));
    LT_TRY(CheckReference(connection, Reference::kDepartment, department.parent_id, "parent_id",
                          reference_errors));
    if (!reference_errors.empty()) return reference_errors.ToError();
    auto inserted = storage::DirectoryStore(connection).InsertDepartment(department);
    if (!inserted.ok()) return CodeTakenOr(std::move(inserted).error(), department.code);
    department.id = *inserted;
    ChangeList changes;
    RecordNodeFields<domain::Department>(changes, nullptr, department);
    changes.Record("calendar_id", std::optional<Id>(), department.calendar_id);
    return storage::AuditStore(connection)
        .Append(MakeEvent("department", department.id, "create", principal.user_id,
                          department.created_at, changes.Take()));
  }));
  return department;
}

Result<domain::Department> UpdateDepartment(AppContext& context, const domain::Principal& principal,
                                            Id id, const DepartmentPatch& patch) {
  LT_TRY(RequirePermission(principal, domain::Permission::kManageDepartments));
  FieldErrors errors;
  const CheckedNodePatch checked = CheckNodePatch(id, patch, errors);
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  domain::Department updated;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::DirectoryStore directory(connection);
    LT_TRY_ASSIGN(auto before, directory.FindDepartment(id));
    if (!before) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    if (patch.parent_id) {
      LT_TRY(CheckParent(connection, Reference::kDepartment, id, *patch.parent_id,
                         ParentsBy([&](Id node) { return directory.FindDepartment(node); })));
    }
    if (patch.calendar_id) {
      FieldErrors reference_errors;
      LT_TRY(CheckReference(connection, Reference::kCalendar, *patch.calendar_id, "calendar_id",
                            reference_errors));
      if (!reference_errors.empty()) return reference_errors.ToError();
    }
    updated = *before;
    ApplyNodePatch(updated, checked, patch);
    if (patch.calendar_id) updated.calendar_id = *patch.calendar_id;
    ChangeList changes;
    RecordNodeFields(changes, &*before, updated);
    changes.Record("calendar_id", before->calendar_id, updated.calendar_id);
    if (changes.empty()) return Ok();
    auto written = directory.UpdateDepartment(updated);
    if (!written.ok()) return CodeTakenOr(std::move(written).error(), updated.code);
    if (updated.calendar_id != before->calendar_id) {
      LT_TRY(ScheduleSlaRecompute(connection, RecomputeScope::kDepartment, id, now));
    }
    return storage::AuditStore(connection)
        .Append(MakeEvent("department", id, "update", principal.user_id, now, changes.Take()));
  }));
  return updated;
}

Result<domain::Department> GetDepartment(AppContext& context, const domain::Principal& principal,
                                         Id id) {
  LT_TRY(RequireStaff(principal));
  std::optional<domain::Department> found;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(found, storage::DirectoryStore(connection).FindDepartment(id));
    return Ok();
  }));
  if (!found) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  return *found;
}

Result<std::vector<domain::Department>> ListDepartments(AppContext& context,
                                                        const domain::Principal& principal) {
  LT_TRY(RequireStaff(principal));
  std::vector<domain::Department> departments;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(departments, storage::DirectoryStore(connection).ListDepartments());
    return Ok();
  }));
  return departments;
}

}  // namespace lt::app
