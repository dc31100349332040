#include "storage/directory_store.hpp"

#include <unordered_map>

namespace lt::storage {
namespace {

domain::Department DepartmentFromRow(const Row& row) {
  return domain::Department{row.Int(0),         row.Text(1), row.Text(2),
                            row.OptionalInt(3), row.Int(4),  row.OptionalInt(5)};
}

domain::Category CategoryFromRow(const Row& row) {
  return domain::Category{row.Int(0), row.Text(1), row.Text(2), row.OptionalInt(3),
                          row.Int(4) != 0};
}

}  // namespace

Result<domain::Id> DirectoryStore::InsertDepartment(const domain::Department& department) {
  return connection_.QueryInt(
      "INSERT INTO departments (code, name, parent_id, created_at, calendar_id) "
      "VALUES ($1, $2, $3, $4, $5) "
      "RETURNING id",
      {department.code, department.name, OptionalValue(department.parent_id), department.created_at,
       OptionalValue(department.calendar_id)});
}

Status DirectoryStore::UpdateDepartment(const domain::Department& department) {
  LT_TRY(connection_.Execute(
      "UPDATE departments SET code = $1, name = $2, parent_id = $3, calendar_id = $4 WHERE id = $5",
      {department.code, department.name, OptionalValue(department.parent_id),
       OptionalValue(department.calendar_id), department.id}));
  return Ok();
}

Result<std::optional<domain::Department>> DirectoryStore::FindDepartment(domain::Id id) {
  std::optional<domain::Department> found;
  LT_TRY(connection_.Query(
      "SELECT id, code, name, parent_id, created_at, calendar_id FROM departments WHERE id = $1",
      {id}, [&](const Row& row) { found = DepartmentFromRow(row); }));
  return found;
}

Result<std::vector<domain::Department>> DirectoryStore::ListDepartments() {
  std::vector<domain::Department> out;
  LT_TRY(connection_.Query(
      "SELECT id, code, name, parent_id, created_at, calendar_id FROM departments "
      "ORDER BY id",
      {}, [&](const Row& row) { out.push_back(DepartmentFromRow(row)); }));
  return out;
}

Status DirectoryStore::SetUserDepartments(domain::Id user_id,
                                          const std::vector<domain::Id>& department_ids) {
  LT_TRY(connection_.Execute("DELETE FROM user_departments WHERE user_id = $1", {user_id}));
  for (const domain::Id department_id : department_ids) {
    LT_TRY(
        connection_.Execute("INSERT INTO user_departments (user_id, department_id) VALUES ($1, $2) "
                            "ON CONFLICT DO NOTHING",
                            {user_id, department_id}));
  }
  return Ok();
}

Result<domain::Id> DirectoryStore::InsertUser(const domain::User& user,
                                              const std::optional<std::string>& password_hash) {
  LT_TRY_ASSIGN(
      domain::Id id,
      connection_.QueryInt(
          "INSERT INTO users (email, name, role, password_hash, customer_id, locale, active, "
          "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
          {user.email, user.name, std::string(domain::kRoleCodes.ToCode(user.role)),
           password_hash ? SqlValue(*password_hash) : SqlValue(nullptr),
           OptionalValue(user.customer_id), user.locale, std::int64_t{user.active ? 1 : 0},
           user.created_at}));
  LT_TRY(SetUserDepartments(id, user.department_ids));
  return id;
}

Status DirectoryStore::UpdateUser(const domain::User& user) {
  LT_TRY(connection_.Execute(
      "UPDATE users SET email = $1, name = $2, role = $3, customer_id = $4, locale = $5, active = "
      "$6 "
      "WHERE id = $7",
      {user.email, user.name, std::string(domain::kRoleCodes.ToCode(user.role)),
       OptionalValue(user.customer_id), user.locale, std::int64_t{user.active ? 1 : 0}, user.id}));
  return SetUserDepartments(user.id, user.department_ids);
}

Status DirectoryStore::SetPasswordHash(domain::Id user_id, const std::string& password_hash) {
  LT_TRY(connection_.Execute("UPDATE users SET password_hash = $1 WHERE id = $2",
                             {password_hash, user_id}));
  return Ok();
}

Result<std::vector<domain::User>> DirectoryStore::QueryUsers(const std::string& where,
                                                             const SqlParams& params) {
  std::vector<domain::User> users;
  LT_TRY(connection_.Query(
      "SELECT id, email, name, role, customer_id, locale, active, created_at FROM users WHERE " +
          where,
      params, [&](const Row& row) {
        domain::User user;
        user.id = row.Int(0);
        user.email = row.Text(1);
        user.name = row.Text(2);
        user.role =
            domain::kRoleCodes.FromCode(row.Text(3)).value_or(domain::Role::kDepartmentMember);
        user.customer_id = row.OptionalInt(4);
        user.locale = row.Text(5);
        user.active = row.Int(6) != 0;
        user.created_at = row.Int(7);
        users.push_back(std::move(user));
      }));
  if (users.empty()) return users;
  std::unordered_map<domain::Id, domain::User*> by_id;
  SqlParams ids;
  std::string list;
  for (auto& user : users) {
    by_id[user.id] = &user;
    ids.push_back(user.id);
    if (!list.empty()) list += ", ";
    list += "$" + std::to_string(ids.size());
  }
  LT_TRY(connection_.Query(
      "SELECT user_id, department_id FROM user_departments WHERE user_id IN (" + list +
          ") ORDER BY department_id",
      ids, [&](const Row& row) { by_id[row.Int(0)]->department_ids.push_back(row.Int(1)); }));
  return users;
}

Result<std::optional<domain::User>> DirectoryStore::FindUser(domain::Id id) {
  LT_TRY_ASSIGN(auto users, QueryUsers("id = $1", {id}));
  if (users.empty()) return std::optional<domain::User>();
  return std::optional<domain::User>(std::move(users.front()));
}

Result<std::vector<domain::User>> DirectoryStore::CustomerUsers(domain::Id customer_id) {
  return QueryUsers("role = $1 AND customer_id = $2 ORDER BY id",
                    {std::string(domain::kRoleCodes.ToCode(domain::Role::kCustomer)), customer_id});
}

Result<std::optional<domain::User>> DirectoryStore::FindUserByEmail(const std::string& email) {
  LT_TRY_ASSIGN(auto users, QueryUsers("email = $1", {email}));
  if (users.empty()) return std::optional<domain::User>();
  return std::optional<domain::User>(std::move(users.front()));
}

Result<std::optional<std::string>> DirectoryStore::PasswordHashOf(domain::Id user_id) {
  std::optional<std::string> hash;
  LT_TRY(connection_.Query("SELECT password_hash FROM users WHERE id = $1", {user_id},
                           [&](const Row& row) { hash = row.OptionalText(0); }));
  return hash;
}

Result<std::vector<domain::User>> DirectoryStore::ListUsers(std::optional<domain::Id> after_id,
                                                            int limit) {
  return QueryUsers("id > $1 ORDER BY id LIMIT $2",
                    {after_id.value_or(0), std::int64_t{limit + 1}});
}

Result<std::vector<domain::User>> DirectoryStore::ListStaff() {
  return QueryUsers("role <> 'customer' ORDER BY name, id", {});
}

Result<domain::Id> DirectoryStore::InsertCategory(const domain::Category& category) {
  return connection_.QueryInt(
      "INSERT INTO categories (code, name, parent_id, active) VALUES ($1, $2, $3, $4) RETURNING id",
      {category.code, category.name, OptionalValue(category.parent_id),
       std::int64_t{category.active ? 1 : 0}});
}

Status DirectoryStore::UpdateCategory(const domain::Category& category) {
  LT_TRY(connection_.Execute(
      "UPDATE categories SET code = $1, name = $2, parent_id = $3, active = $4 WHERE id = $5",
      {category.code, category.name, OptionalValue(category.parent_id),
       std::int64_t{category.active ? 1 : 0}, category.id}));
  return Ok();
}

Result<std::optional<domain::Category>> DirectoryStore::FindCategory(domain::Id id) {
  std::optional<domain::Category> found;
  LT_TRY(connection_.Query("SELECT id, code, name, parent_id, active FROM categories WHERE id = $1",
                           {id}, [&](const Row& row) { found = CategoryFromRow(row); }));
  return found;
}

Result<std::vector<domain::Category>> DirectoryStore::ListCategories() {
  std::vector<domain::Category> out;
  LT_TRY(connection_.Query("SELECT id, code, name, parent_id, active FROM categories ORDER BY id",
                           {}, [&](const Row& row) { out.push_back(CategoryFromRow(row)); }));
  return out;
}

Result<std::vector<domain::Id>> DirectoryStore::ActiveUserIdsInRoles(
    const std::vector<domain::Role>& roles, std::optional<domain::Id> department_id) {
  std::vector<domain::Id> ids;
  if (roles.empty()) return ids;
  SqlParams params;
  std::string role_list;
  for (const auto role : roles) {
    params.emplace_back(std::string(domain::kRoleCodes.ToCode(role)));
    role_list += (role_list.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  std::string sql = "SELECT u.id FROM users u WHERE u.active = 1 AND u.role IN (" + role_list + ")";
  if (department_id) {
    params.emplace_back(*department_id);
    sql +=
        " AND EXISTS (SELECT 1 FROM user_departments d WHERE d.user_id = u.id AND "
        "d.department_id = $" +
        std::to_string(params.size()) + ")";
  }
  LT_TRY(connection_.Query(sql + " ORDER BY u.id", params,
                           [&](const Row& row) { ids.push_back(row.Int(0)); }));
  return ids;
}

}  // namespace lt::storage
