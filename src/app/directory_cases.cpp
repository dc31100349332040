#include "app/directory_cases.hpp"

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/field_rules.hpp"
#include "app/references.hpp"
#include "app/sla_recompute.hpp"
#include "base/crypto.hpp"
#include "domain/contact.hpp"
#include "domain/hierarchy.hpp"
#include "i18n/i18n.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/directory_store.hpp"

namespace lt::app {
namespace {

Status Require(const domain::Principal& principal, domain::Permission permission) {
  if (!domain::HasPermission(principal, permission))
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  return Ok();
}

// Turns a unique-constraint conflict into a message naming the taken value.
Error ConflictAs(Error error, const char* key, const char* arg, const std::string& value) {
  if (error.code == ErrorCode::kConflict)
    return Error::Of(ErrorCode::kConflict, key, {{arg, value}});
  return error;
}

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

std::optional<std::string> IdText(const std::optional<Id>& id) {
  return id ? std::optional<std::string>(std::to_string(*id)) : std::nullopt;
}

std::string Join(const std::vector<Id>& ids) {
  std::string out;
  for (const Id id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::string CheckLocale(std::string_view value, FieldErrors& errors) {
  i18n::Locale locale;
  if (!i18n::ParseLocaleTag(value, locale)) {
    errors.Add("locale", "validation.enum", {{"allowed", "zh-CN, en"}});
    return std::string(i18n::LocaleTag(i18n::kDefaultLocale));
  }
  return std::string(i18n::LocaleTag(locale));
}

Result<std::optional<std::string>> HashIfGiven(const AppContext& context,
                                               const std::optional<std::string>& password,
                                               FieldErrors& errors) {
  if (!password) return std::optional<std::string>();
  if (password->size() < context.options.min_password_length) {
    errors.Add("password", "validation.password_short",
               {{"min", std::to_string(context.options.min_password_length)}});
    return std::optional<std::string>();
  }
  LT_TRY_ASSIGN(std::string hash, HashPassword(*password));
  return std::optional<std::string>(std::move(hash));
}

// Refuses a parent that is the node itself or one of its descendants.
// `find(id)` loads a department or category.
template <typename Find>
Status CheckNoLoop(Id id, const std::optional<Id>& parent, Find&& find) {
  if (!parent) return Ok();
  LT_TRY_ASSIGN(const bool loop,
                domain::WouldCloseLoop(id, *parent, [&](Id node) -> Result<std::optional<Id>> {
                  LT_TRY_ASSIGN(auto found, find(node));
                  return found ? found->parent_id : std::nullopt;
                }));
  if (!loop) return Ok();
  FieldErrors errors;
  errors.Add("parent_id", "validation.parent_loop");
  return errors.ToError();
}

}  // namespace

Result<domain::Department> CreateDepartment(AppContext& context, const domain::Principal& principal,
                                            const DepartmentInput& input) {
  LT_TRY(Require(principal, domain::Permission::kManageDepartments));
  FieldErrors errors;
  domain::Department department;
  department.code = CheckCode(input.code, errors);
  department.name = CheckText(input.name, "name", 100, Presence::kRequired, errors);
  department.parent_id = input.parent_id;
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
    if (!inserted.ok())
      return ConflictAs(std::move(inserted).error(), "error.code_taken", "code", department.code);
    department.id = *inserted;
    ChangeList changes;
    changes.Record("code", std::nullopt, department.code);
    changes.Record("name", std::nullopt, department.name);
    changes.Record("parent_id", std::optional<Id>(), department.parent_id);
    changes.Record("calendar_id", std::optional<Id>(), department.calendar_id);
    return storage::AuditStore(connection)
        .Append(MakeEvent("department", department.id, "create", principal.user_id,
                          department.created_at, changes.Take()));
  }));
  return department;
}

Result<domain::Department> UpdateDepartment(AppContext& context, const domain::Principal& principal,
                                            Id id, const DepartmentPatch& patch) {
  LT_TRY(Require(principal, domain::Permission::kManageDepartments));
  FieldErrors errors;
  std::optional<std::string> code, name;
  if (patch.code) code = CheckCode(*patch.code, errors);
  if (patch.name) name = CheckText(*patch.name, "name", 100, Presence::kRequired, errors);
  if (patch.parent_id && *patch.parent_id == id) errors.Add("parent_id", "validation.self_parent");
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  domain::Department updated;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::DirectoryStore directory(connection);
    LT_TRY_ASSIGN(auto before, directory.FindDepartment(id));
    if (!before) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    if (patch.parent_id) {
      FieldErrors reference_errors;
      LT_TRY(CheckReference(connection, Reference::kDepartment, *patch.parent_id, "parent_id",
                            reference_errors));
      if (!reference_errors.empty()) return reference_errors.ToError();
      LT_TRY(CheckNoLoop(id, *patch.parent_id,
                         [&](Id node) { return directory.FindDepartment(node); }));
    }
    if (patch.calendar_id) {
      FieldErrors reference_errors;
      LT_TRY(CheckReference(connection, Reference::kCalendar, *patch.calendar_id, "calendar_id",
                            reference_errors));
      if (!reference_errors.empty()) return reference_errors.ToError();
    }
    updated = *before;
    if (code) updated.code = *code;
    if (name) updated.name = *name;
    if (patch.parent_id) updated.parent_id = *patch.parent_id;
    if (patch.calendar_id) updated.calendar_id = *patch.calendar_id;
    ChangeList changes;
    changes.Record("code", before->code, updated.code);
    changes.Record("name", before->name, updated.name);
    changes.Record("parent_id", before->parent_id, updated.parent_id);
    changes.Record("calendar_id", before->calendar_id, updated.calendar_id);
    if (changes.empty()) return Ok();
    auto written = directory.UpdateDepartment(updated);
    if (!written.ok())
      return ConflictAs(std::move(written).error(), "error.code_taken", "code", updated.code);
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

Result<domain::User> CreateUser(AppContext& context, const domain::Principal& principal,
                                const UserInput& input) {
  LT_TRY(Require(principal, domain::Permission::kManageUsers));
  FieldErrors errors;
  domain::User user;
  if (auto email = domain::NormalizeEmail(input.email)) {
    user.email = *email;
  } else {
    errors.Add("email", input.email.empty() ? "validation.required" : "validation.email");
  }
  user.name = CheckText(input.name, "name", 100, Presence::kRequired, errors);
  if (!input.role) errors.Add("role", "validation.required");
  user.role = input.role.value_or(domain::Role::kDepartmentMember);
  user.department_ids = input.department_ids;
  user.customer_id = input.customer_id;
  if (user.role == domain::Role::kCustomer && !user.customer_id) {
    errors.Add("customer_id", "validation.customer_kind_role");
  }
  user.locale = CheckLocale(input.locale, errors);
  user.created_at = context.clock.NowMs();
  // Hashing takes tens of milliseconds: do it before the write transaction.
  LT_TRY_ASSIGN(auto password_hash, HashIfGiven(context, input.password, errors));
  if (!errors.empty()) return errors.ToError();
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    FieldErrors reference_errors;
    for (std::size_t i = 0; i < user.department_ids.size(); ++i) {
      LT_TRY(CheckReference(connection, Reference::kDepartment, user.department_ids[i],
                            "department_ids[" + std::to_string(i) + "]", reference_errors));
    }
    LT_TRY(CheckReference(connection, Reference::kCustomer, user.customer_id, "customer_id",
                          reference_errors));
    if (!reference_errors.empty()) return reference_errors.ToError();
    auto inserted = storage::DirectoryStore(connection).InsertUser(user, password_hash);
    if (!inserted.ok())
      return ConflictAs(std::move(inserted).error(), "error.email_taken", "email", user.email);
    user.id = *inserted;
    ChangeList changes;
    changes.Record("email", std::nullopt, user.email);
    changes.Record("name", std::nullopt, user.name);
    changes.Record("role", std::nullopt, std::string(domain::kRoleCodes.ToCode(user.role)));
    changes.Record("department_ids", std::nullopt, Join(user.department_ids));
    changes.Record("customer_id", std::optional<Id>(), user.customer_id);
    return storage::AuditStore(connection)
        .Append(MakeEvent("user", user.id, "create", principal.user_id, user.created_at,
                          changes.Take()));
  }));
  return user;
}

Result<domain::User> UpdateUser(AppContext& context, const domain::Principal& principal, Id id,
                                const UserPatch& patch) {
  const bool self = principal.user_id == id;
  const bool admin = domain::HasPermission(principal, domain::Permission::kManageUsers);
  // Users may change their own name, locale and password; the rest is for admins.
  const bool admin_fields =
      patch.email || patch.role || patch.department_ids || patch.customer_id || patch.active;
  if (!admin && (!self || admin_fields)) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  FieldErrors errors;
  std::optional<std::string> email, name, locale;
  if (patch.email) {
    email = domain::NormalizeEmail(*patch.email);
    if (!email) errors.Add("email", "validation.email");
  }
  if (patch.name) name = CheckText(*patch.name, "name", 100, Presence::kRequired, errors);
  if (patch.locale) locale = CheckLocale(*patch.locale, errors);
  LT_TRY_ASSIGN(auto password_hash, HashIfGiven(context, patch.password, errors));
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  domain::User updated;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::DirectoryStore directory(connection);
    LT_TRY_ASSIGN(auto before, directory.FindUser(id));
    if (!before) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    updated = *before;
    if (email) updated.email = *email;
    if (name) updated.name = *name;
    if (patch.role) updated.role = *patch.role;
    if (patch.department_ids) updated.department_ids = *patch.department_ids;
    if (patch.customer_id) updated.customer_id = *patch.customer_id;
    if (locale) updated.locale = *locale;
    if (patch.active) updated.active = *patch.active;
    FieldErrors reference_errors;
    for (std::size_t i = 0; patch.department_ids && i < updated.department_ids.size(); ++i) {
      LT_TRY(CheckReference(connection, Reference::kDepartment, updated.department_ids[i],
                            "department_ids[" + std::to_string(i) + "]", reference_errors));
    }
    if (patch.customer_id) {
      LT_TRY(CheckReference(connection, Reference::kCustomer, updated.customer_id, "customer_id",
                            reference_errors));
    }
    if (updated.role == domain::Role::kCustomer && !updated.customer_id) {
      reference_errors.Add("customer_id", "validation.customer_kind_role");
    }
    if (!reference_errors.empty()) return reference_errors.ToError();
    ChangeList changes;
    changes.Record("email", before->email, updated.email);
    changes.Record("name", before->name, updated.name);
    changes.Record("role", std::string(domain::kRoleCodes.ToCode(before->role)),
                   std::string(domain::kRoleCodes.ToCode(updated.role)));
    changes.Record("department_ids", Join(before->department_ids), Join(updated.department_ids));
    changes.Record("customer_id", IdText(before->customer_id), IdText(updated.customer_id));
    changes.Record("locale", before->locale, updated.locale);
    changes.Record("active", before->active ? "true" : "false", updated.active ? "true" : "false");
    if (password_hash) {
      LT_TRY(directory.SetPasswordHash(id, *password_hash));
      changes.Record("password", std::nullopt, std::string("(changed)"));
    }
    if (changes.empty()) return Ok();
    auto written = directory.UpdateUser(updated);
    if (!written.ok())
      return ConflictAs(std::move(written).error(), "error.email_taken", "email", updated.email);
    if (patch.active && !*patch.active) {
      LT_TRY(connection.Execute("DELETE FROM sessions WHERE user_id = $1", {id}));
    }
    return storage::AuditStore(connection)
        .Append(MakeEvent("user", id, "update", principal.user_id, now, changes.Take()));
  }));
  return updated;
}

Result<domain::User> GetUser(AppContext& context, const domain::Principal& principal, Id id) {
  if (principal.user_id != id &&
      !domain::HasPermission(principal, domain::Permission::kManageUsers)) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  std::optional<domain::User> found;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(found, storage::DirectoryStore(connection).FindUser(id));
    return Ok();
  }));
  if (!found) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  return *found;
}

Result<domain::User> GetUserByEmail(AppContext& context, const domain::Principal& principal,
                                    const std::string& email) {
  LT_TRY(Require(principal, domain::Permission::kManageUsers));
  std::optional<domain::User> found;
  const std::string normalized = domain::NormalizeEmail(email).value_or(email);
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(found, storage::DirectoryStore(connection).FindUserByEmail(normalized));
    return Ok();
  }));
  if (!found) return Error::Of(ErrorCode::kNotFound, "cli.user_not_found", {{"email", email}});
  return *found;
}

Result<UserPage> ListUsers(AppContext& context, const domain::Principal& principal,
                           std::optional<Id> after_id, int limit) {
  LT_TRY(Require(principal, domain::Permission::kManageUsers));
  UserPage page;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(page.users, storage::DirectoryStore(connection).ListUsers(after_id, limit));
    return Ok();
  }));
  if (static_cast<int>(page.users.size()) > limit) {
    page.users.resize(static_cast<std::size_t>(limit));
    page.next_after_id = page.users.back().id;
  }
  return page;
}

Result<domain::Category> CreateCategory(AppContext& context, const domain::Principal& principal,
                                        const CategoryInput& input) {
  LT_TRY(Require(principal, domain::Permission::kManageCategories));
  FieldErrors errors;
  domain::Category category;
  category.code = CheckCode(input.code, errors);
  category.name = CheckText(input.name, "name", 100, Presence::kRequired, errors);
  category.parent_id = input.parent_id;
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    FieldErrors reference_errors;
    LT_TRY(CheckReference(connection, Reference::kCategory, category.parent_id, "parent_id",
                          reference_errors));
    if (!reference_errors.empty()) return reference_errors.ToError();
    auto inserted = storage::DirectoryStore(connection).InsertCategory(category);
    if (!inserted.ok())
      return ConflictAs(std::move(inserted).error(), "error.code_taken", "code", category.code);
    category.id = *inserted;
    ChangeList changes;
    changes.Record("code", std::nullopt, category.code);
    changes.Record("name", std::nullopt, category.name);
    changes.Record("parent_id", std::optional<Id>(), category.parent_id);
    return storage::AuditStore(connection)
        .Append(
            MakeEvent("category", category.id, "create", principal.user_id, now, changes.Take()));
  }));
  return category;
}

Result<domain::Category> UpdateCategory(AppContext& context, const domain::Principal& principal,
                                        Id id, const CategoryPatch& patch) {
  LT_TRY(Require(principal, domain::Permission::kManageCategories));
  FieldErrors errors;
  std::optional<std::string> code, name;
  if (patch.code) code = CheckCode(*patch.code, errors);
  if (patch.name) name = CheckText(*patch.name, "name", 100, Presence::kRequired, errors);
  if (patch.parent_id && *patch.parent_id == id) errors.Add("parent_id", "validation.self_parent");
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  domain::Category updated;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::DirectoryStore directory(connection);
    LT_TRY_ASSIGN(auto before, directory.FindCategory(id));
    if (!before) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    if (patch.parent_id) {
      FieldErrors reference_errors;
      LT_TRY(CheckReference(connection, Reference::kCategory, *patch.parent_id, "parent_id",
                            reference_errors));
      if (!reference_errors.empty()) return reference_errors.ToError();
      LT_TRY(
          CheckNoLoop(id, *patch.parent_id, [&](Id node) { return directory.FindCategory(node); }));
    }
    updated = *before;
    if (code) updated.code = *code;
    if (name) updated.name = *name;
    if (patch.parent_id) updated.parent_id = *patch.parent_id;
    if (patch.active) updated.active = *patch.active;
    ChangeList changes;
    changes.Record("code", before->code, updated.code);
    changes.Record("name", before->name, updated.name);
    changes.Record("parent_id", before->parent_id, updated.parent_id);
    changes.Record("active", before->active ? "true" : "false", updated.active ? "true" : "false");
    if (changes.empty()) return Ok();
    auto written = directory.UpdateCategory(updated);
    if (!written.ok())
      return ConflictAs(std::move(written).error(), "error.code_taken", "code", updated.code);
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
