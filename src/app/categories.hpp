#pragma once

// Use cases on the complaint category tree: admins change it, staff read it.

#include <optional>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"

namespace lt::app {

Result<domain::Category> CreateCategory(AppContext& context, const domain::Principal& principal,
                                        const CategoryInput& input);
Result<domain::Category> UpdateCategory(AppContext& context, const domain::Principal& principal,
                                        Id id, const CategoryPatch& patch);
Result<std::vector<domain::Category>> ListCategories(AppContext& context,
                                                     const domain::Principal& principal);

}  // namespace lt::app
