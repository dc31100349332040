#pragma once

// Use cases on user accounts: admins manage them, users read and change
// themselves.

#include <optional>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"

namespace lt::app {

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
// The staff, for naming and choosing colleagues (owners, assignees, the
// authors on a timeline): any staff member may read it; portal users may not.
Result<std::vector<domain::User>> ListStaff(AppContext& context,
                                            const domain::Principal& principal);

Result<UserPage> ListUsers(AppContext& context, const domain::Principal& principal,
                           std::optional<Id> after_id, int limit);

}  // namespace lt::app
