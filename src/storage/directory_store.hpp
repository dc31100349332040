#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Departments, users (with their department memberships) and the category
// tree: the organisation that cases are routed through.
class DirectoryStore {
 public:
  explicit DirectoryStore(Connection& connection) : connection_(connection) {}

  Result<domain::Id> InsertDepartment(const domain::Department& department);
  Status UpdateDepartment(const domain::Department& department);
  Result<std::optional<domain::Department>> FindDepartment(domain::Id id);
  Result<std::vector<domain::Department>> ListDepartments();

  // Inserts a user with an argon2id password hash (or none: cannot log in).
  Result<domain::Id> InsertUser(const domain::User& user,
                                const std::optional<std::string>& password_hash);
  Status UpdateUser(const domain::User& user);
  Status SetPasswordHash(domain::Id user_id, const std::string& password_hash);
  Result<std::optional<domain::User>> FindUser(domain::Id id);
  Result<std::optional<domain::User>> FindUserByEmail(const std::string& email);
  Result<std::optional<std::string>> PasswordHashOf(domain::Id user_id);
  Result<std::vector<domain::User>> ListUsers(std::optional<domain::Id> after_id, int limit);
  // The portal users acting for the customer, in id order.
  Result<std::vector<domain::User>> CustomerUsers(domain::Id customer_id);
  // Every user who is not a portal customer, by name.
  Result<std::vector<domain::User>> ListStaff();
  // Ids of the active users of these roles, only those of `department_id`
  // when given, in id order.
  Result<std::vector<domain::Id>> ActiveUserIdsInRoles(const std::vector<domain::Role>& roles,
                                                       std::optional<domain::Id> department_id);

  Result<domain::Id> InsertCategory(const domain::Category& category);
  Status UpdateCategory(const domain::Category& category);
  Result<std::optional<domain::Category>> FindCategory(domain::Id id);
  Result<std::vector<domain::Category>> ListCategories();

 private:
  Status SetUserDepartments(domain::Id user_id, const std::vector<domain::Id>& department_ids);
  Result<std::vector<domain::User>> QueryUsers(const std::string& where, const SqlParams& params);
  Connection& connection_;
};

}  // namespace lt::storage
