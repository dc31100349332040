#include "app/users.hpp"

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/field_rules.hpp"
#include "app/references.hpp"
#include "base/crypto.hpp"
#include "domain/contact.hpp"
#include "i18n/i18n.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/directory_store.hpp"

namespace lt::app {
namespace {

// Turns a unique-constraint conflict into a message naming the taken value.
Error ConflictAs(Error error, const char* key, const char* arg, const std::string& value) {
  if (error.code == ErrorCode::kConflict)
    return Error::Of(ErrorCode::kConflict, key, {{arg, value}});
  return error;
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

}  // namespace

Result<domain::User> CreateUser(AppContext& context, const domain::Principal& principal,
                                const UserInput& input) {
  LT_TRY(RequirePermission(principal, domain::Permission::kManageUsers));
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
  LT_TRY(RequirePermission(principal, domain::Permission::kManageUsers));
  std::optional<domain::User> found;
  const std::string normalized = domain::NormalizeEmail(email).value_or(email);
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(found, storage::DirectoryStore(connection).FindUserByEmail(normalized));
    return Ok();
  }));
  if (!found) return Error::Of(ErrorCode::kNotFound, "cli.user_not_found", {{"email", email}});
  return *found;
}

Result<std::vector<domain::User>> ListStaff(AppContext& context,
                                            const domain::Principal& principal) {
  if (!domain::IsStaff(principal)) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  std::vector<domain::User> staff;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(staff, storage::DirectoryStore(connection).ListStaff());
    return Ok();
  }));
  return staff;
}

Result<UserPage> ListUsers(AppContext& context, const domain::Principal& principal,
                           std::optional<Id> after_id, int limit) {
  LT_TRY(RequirePermission(principal, domain::Permission::kManageUsers));
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

}  // namespace lt::app
