#include "app/saved_views.hpp"

#include <algorithm>

#include "app/authorization.hpp"
#include "app/field_rules.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/saved_view_store.hpp"

namespace lt::app {
namespace {

// The view `input` describes for `principal`, or the fields it gets wrong.
Result<domain::SavedView> CheckedView(const domain::Principal& principal,
                                      const SavedViewInput& input) {
  FieldErrors errors;
  domain::SavedView view;
  view.owner_id = principal.user_id.value_or(0);
  view.name = CheckText(input.name, "name", kMaxSavedViewNameChars, Presence::kRequired, errors);
  const auto queue = domain::kQueueCodes.FromCode(input.queue);
  if (!queue) {
    errors.Add("queue", "validation.enum", {{"allowed", domain::kQueueCodes.AllowedList()}});
  } else {
    view.queue = *queue;
  }
  domain::CheckSavedViewQuery(input.query, errors);
  view.query = input.query;
  if (input.department_id) {
    const auto& mine = principal.department_ids;
    if (std::find(mine.begin(), mine.end(), *input.department_id) == mine.end()) {
      errors.Add("department_id", "validation.not_your_department");
    }
    view.department_id = input.department_id;
  }
  if (!errors.empty()) return errors.ToError();
  return view;
}

// A staff member with a user of their own: views belong to people.
Status RequireViewOwner(const domain::Principal& principal) {
  LT_TRY(RequireStaff(principal));
  if (!principal.user_id) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  return Ok();
}

Status RefuseTakenName(storage::SavedViewStore& views, const domain::SavedView& view, Id except) {
  LT_TRY_ASSIGN(const bool taken, views.NameTaken(view.owner_id, view.name, except));
  if (taken) return Error::Of(ErrorCode::kConflict, "error.view_name_taken", {{"name", view.name}});
  return Ok();
}

// The view `id` for a change by `principal`: one they see, and their own
// unless they administer.
Result<domain::SavedView> LoadForChange(storage::SavedViewStore& views,
                                        const domain::Principal& principal, Id id) {
  LT_TRY_ASSIGN(auto found, views.Find(id));
  if (!found || !domain::SeesSavedView(*found, principal)) {
    return Error::Of(ErrorCode::kNotFound, "error.not_found");
  }
  if (found->owner_id != principal.user_id && principal.role != domain::Role::kAdmin) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  return std::move(*found);
}

}  // namespace

Result<std::vector<domain::SavedView>> ListSavedViews(AppContext& context,
                                                      const domain::Principal& principal) {
  LT_TRY(RequireViewOwner(principal));
  std::vector<domain::SavedView> views;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(
        views,
        storage::SavedViewStore(connection).ListFor(*principal.user_id, principal.department_ids));
    return Ok();
  }));
  return views;
}

Result<domain::SavedView> CreateSavedView(AppContext& context, const domain::Principal& principal,
                                          const SavedViewInput& input) {
  LT_TRY(RequireViewOwner(principal));
  LT_TRY_ASSIGN(auto view, CheckedView(principal, input));
  view.created_at = view.updated_at = context.clock.NowMs();
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::SavedViewStore views(connection);
    LT_TRY(RefuseTakenName(views, view, 0));
    LT_TRY_ASSIGN(view.id, views.Insert(view));
    return Ok();
  }));
  return view;
}

Result<domain::SavedView> UpdateSavedView(AppContext& context, const domain::Principal& principal,
                                          Id id, const SavedViewInput& input) {
  LT_TRY(RequireViewOwner(principal));
  LT_TRY_ASSIGN(auto changed, CheckedView(principal, input));
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::SavedViewStore views(connection);
    LT_TRY_ASSIGN(const auto before, LoadForChange(views, principal, id));
    changed.id = id;
    changed.owner_id = before.owner_id;  // an administrator's edit keeps the owner
    changed.created_at = before.created_at;
    changed.updated_at = context.clock.NowMs();
    LT_TRY(RefuseTakenName(views, changed, id));
    return views.Update(changed);
  }));
  return changed;
}

Status DeleteSavedView(AppContext& context, const domain::Principal& principal, Id id) {
  LT_TRY(RequireViewOwner(principal));
  return context.database.Write([&](storage::Connection& connection) -> Status {
    storage::SavedViewStore views(connection);
    LT_TRY(LoadForChange(views, principal, id));
    return views.Remove(id);
  });
}

}  // namespace lt::app
