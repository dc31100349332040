#pragma once

// Use cases on the organisation: departments, users, the category tree.
// Changes are for admins; reading departments and categories is for staff.

#include <optional>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"

namespace lt::app {

Result<domain::Department> CreateDepartment(AppContext& context, const domain::Principal& principal,
                                            const DepartmentInput& input);
Result<domain::Department> UpdateDepartment(AppContext& context, const domain::Principal& principal,
                                            Id id, const DepartmentPatch& patch);
Result<domain::Department> GetDepartment(AppContext& context, const domain::Principal& principal,
                                         Id id);
Result<std::vector<domain::Department>> ListDepartments(AppContext& context,
                                                        const domain::Principal& principal);

// Errors: kInvalidArgument (fields, short password, portal user without a
// customer), kConflict (e-mail in use), kForbidden (not an admin).
Result<domain::User> CreateUser(AppContext& context, const domain::Principal& principal,
                                const UserInput& input);
Result<domain::User> UpdateUser(AppContext& context, const domain::Principal& principal, Id id,
                                const UserPatch& patch);
// The user with this e-mail address (admins and the system only).
Result<domain::User> GetUserByEmail(AppContext& context, const domain::Principal& principal,
                                    const std::string& email);
// Admins read anyone; other users read themselves.
Result<domain::User> GetUser(AppContext& context, const domain::Principal& principal, Id id);
struct UserPage {
  std::vector<domain::User> users;
  std::optional<Id> next_after_id;
};
Result<UserPage> ListUsers(AppContext& context, const domain::Principal& principal,
                           std::optional<Id> after_id, int limit);

Result<domain::Category> CreateCategory(AppContext& context, const domain::Principal& principal,
                                        const CategoryInput& input);
Result<domain::Category> UpdateCategory(AppContext& context, const domain::Principal& principal,
                                        Id id, const CategoryPatch& patch);
Result<std::vector<domain::Category>> ListCategories(AppContext& context,
                                                     const domain::Principal& principal);

}  // namespace lt::app
