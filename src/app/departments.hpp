#pragma once

// Use cases on departments: admins change them, staff read them.

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

}  // namespace lt::app
