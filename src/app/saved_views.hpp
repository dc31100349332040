#pragma once

// Queue views staff save under a name (domain::SavedView): their own, and
// those shared with one of their departments. Only the owner (or an
// administrator) changes or removes a view; department members use it.

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/saved_view.hpp"

namespace lt::app {

struct SavedViewInput {
  std::string name;
  std::string queue;                // a domain::kQueueCodes code
  std::string query;                // see domain::CheckSavedViewQuery
  std::optional<Id> department_id;  // share with this department of the owner's
};

inline constexpr std::size_t kMaxSavedViewNameChars = 80;

// The views `principal` finds in their list, by name. Errors: kForbidden
// (portal users).
Result<std::vector<domain::SavedView>> ListSavedViews(AppContext& context,
                                                      const domain::Principal& principal);
// Errors: kForbidden; kInvalidArgument (name required and at most
// kMaxSavedViewNameChars, an unknown queue, the query, a department the
// principal does not belong to: "validation.not_your_department");
// kConflict "error.view_name_taken" when the principal has a view of that name.
Result<domain::SavedView> CreateSavedView(AppContext& context, const domain::Principal& principal,
                                          const SavedViewInput& input);
// Replaces the view's name, queue, query and sharing. Errors as for
// creating, and kNotFound (a view the principal does not see), kForbidden (a
// view shared with them by someone else, unless they are an administrator).
Result<domain::SavedView> UpdateSavedView(AppContext& context, const domain::Principal& principal,
                                          Id id, const SavedViewInput& input);
// Errors: kNotFound, kForbidden, as for updating.
Status DeleteSavedView(AppContext& context, const domain::Principal& principal, Id id);

}  // namespace lt::app
