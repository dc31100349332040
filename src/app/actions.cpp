#include "app/actions.hpp"

#include <algorithm>

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "app/field_rules.hpp"
#include "app/live_updates.hpp"
#include "app/references.hpp"
#include "base/time_format.hpp"
#include "storage/action_store.hpp"
#include "storage/audit_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"

namespace lt::app {
namespace {

using domain::ActionStatus;

constexpr std::size_t kMaxActionTextChars = 10000;

bool ManagesActions(const domain::Principal& principal) {
  using domain::Role;
  return principal.system || domain::Holds(principal.role, Role::kQa) ||
         principal.role == Role::kGeneralAffairs || principal.role == Role::kManager ||
         principal.role == Role::kAdmin;
}

std::string StatusText(ActionStatus status) {
  return std::string(domain::kActionStatusCodes.ToCode(status));
}

std::optional<std::string> TimeText(std::optional<TimestampMs> at) {
  return at ? std::optional<std::string>(FormatTimestamp(*at)) : std::nullopt;
}

// Whether the principal owns the action or works in its department.
bool WorksOn(const domain::Principal& principal, const domain::Action& action) {
  if (principal.user_id && *principal.user_id == action.owner_id) return true;
  return action.department_id && domain::WorksIn(principal, *action.department_id);
}

enum class Needs { kManager, kManagerOrWorker };

// Loads the action for a change by `principal`, with its case for the
// change notice. Errors: kNotFound unless the principal sees the case or
// works on the action; kForbidden unless allowed what `needs` says.
struct LoadedAction {
  domain::Action action;
  domain::Case a_case;
};
Result<LoadedAction> LoadForChange(storage::Connection& connection,
                                   const domain::Principal& principal, Id action_id, Needs needs) {
  LT_TRY(RequireStaff(principal));
  LT_TRY_ASSIGN(auto action, storage::ActionStore(connection).Find(action_id));
  if (!action) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  // The action's own people see it even where they do not see its case.
  const bool worker = WorksOn(principal, *action);
  auto a_case = LoadVisibleCase(
      connection, principal.system || worker ? domain::Principal::System() : principal,
      action->case_id);
  if (!a_case.ok()) return a_case.error();
  const bool allowed = ManagesActions(principal) || (needs == Needs::kManagerOrWorker && worker);
  if (!allowed) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  return LoadedAction{std::move(*action), std::move(a_case).value()};
}

Status RequireStatus(const domain::Action& action, std::initializer_list<ActionStatus> allowed) {
  if (std::find(allowed.begin(), allowed.end(), action.status) != allowed.end()) return Ok();
  return Error::Of(ErrorCode::kConflict, "error.action_status",
                   {{"status", StatusText(action.status)}});
}

Result<std::string> RequiredText(const std::string& value, const char* field) {
  FieldErrors errors;
  std::string text = CheckText(value, field, kMaxActionTextChars, Presence::kRequired, errors);
  if (!errors.empty()) return errors.ToError();
  return text;
}

// One change of an action, in its own transaction: loads it for `needs`,
// checks its status is one of `allowed`, lets `change` edit it and record
// what changed, then saves it, audits it as `verb` and tells live-update
// clients of its case.
template <class Change>
Result<domain::Action> ChangeAction(AppContext& context, const domain::Principal& principal,
                                    Id action_id, Needs needs,
                                    std::initializer_list<ActionStatus> allowed,
                                    const std::string& verb, Change change) {
  const TimestampMs now = context.clock.NowMs();
  domain::Action saved;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto loaded, LoadForChange(connection, principal, action_id, needs));
    LT_TRY(RequireStatus(loaded.action, allowed));
    saved = loaded.action;
    ChangeList changes;
    LT_TRY(change(connection, saved, changes));
    saved.updated_at = now;
    LT_TRY(storage::ActionStore(connection).Update(saved));
    changes.Record("status", StatusText(loaded.action.status), StatusText(saved.status));
    LT_TRY(
        storage::AuditStore(connection)
            .Append(MakeEvent("action", saved.id, verb, principal.user_id, now, changes.Take())));
    return storage::PublishCaseChange(
        connection, ChangeOf(loaded.a_case, "action", principal.user_id, now, true));
  }));
  return saved;
}

}  // namespace

Result<std::string> CheckNewAction(storage::Connection& connection, const ActionInput& input,
                                   const std::string& prefix, FieldErrors& errors) {
  const std::string description = CheckText(input.description, prefix + "description",
                                            kMaxActionTextChars, Presence::kRequired, errors);
  if (!input.owner_id) errors.Add(prefix + "owner_id", "validation.required");
  if (!input.due_at) errors.Add(prefix + "due_at", "validation.required");
  LT_TRY(CheckReference(connection, Reference::kUser, input.owner_id, prefix + "owner_id", errors));
  LT_TRY(CheckReference(connection, Reference::kDepartment, input.department_id,
                        prefix + "department_id", errors));
  return description;
}

domain::Action NewAction(Id case_id, const ActionInput& input, std::string description,
                         std::optional<Id> actor, TimestampMs now) {
  domain::Action action;
  action.case_id = case_id;
  action.kind = input.kind.value_or(domain::ActionKind::kCorrective);
  action.description = std::move(description);
  action.owner_id = input.owner_id.value_or(0);
  action.department_id = input.department_id;
  action.due_at = input.due_at.value_or(now);
  action.created_by = actor;
  action.created_at = now;
  action.updated_at = now;
  return action;
}

Result<domain::Action> AddAction(AppContext& context, const domain::Principal& principal,
                                 Id case_id, const ActionInput& input) {
  const TimestampMs now = context.clock.NowMs();
  domain::Action added;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto a_case, LoadVisibleCase(connection, principal, case_id));
    if (!ManagesActions(principal)) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    FieldErrors errors;
    LT_TRY_ASSIGN(auto description, CheckNewAction(connection, input, "", errors));
    if (!errors.empty()) return errors.ToError();
    added = NewAction(case_id, input, std::move(description), principal.user_id, now);
    LT_TRY_ASSIGN(added.id, storage::ActionStore(connection).Insert(added));
    ChangeList changes;
    changes.Record("case_id", std::nullopt, std::optional<Id>(case_id));
    changes.Record("kind", std::nullopt, std::string(domain::kActionKindCodes.ToCode(added.kind)));
    changes.Record("description", std::nullopt, added.description);
    changes.Record("owner_id", std::nullopt, std::optional<Id>(added.owner_id));
    changes.Record("due_at", std::nullopt, FormatTimestamp(added.due_at));
    LT_TRY(
        storage::AuditStore(connection)
            .Append(MakeEvent("action", added.id, "add", principal.user_id, now, changes.Take())));
    return storage::PublishCaseChange(connection,
                                      ChangeOf(a_case, "action", principal.user_id, now, true));
  }));
  return added;
}

Result<domain::Action> UpdateAction(AppContext& context, const domain::Principal& principal,
                                    Id action_id, const ActionPatch& patch) {
  return ChangeAction(
      context, principal, action_id, Needs::kManager, {ActionStatus::kOpen}, "update",
      [&](storage::Connection& connection, domain::Action& after, ChangeList& changes) -> Status {
        const domain::Action before = after;
        FieldErrors errors;
        if (patch.description) {
          after.description = CheckText(*patch.description, "description", kMaxActionTextChars,
                                        Presence::kRequired, errors);
        }
        if (patch.owner_id) {
          LT_TRY(CheckReference(connection, Reference::kUser, patch.owner_id, "owner_id", errors));
          after.owner_id = *patch.owner_id;
        }
        if (patch.department_id) {
          LT_TRY(CheckReference(connection, Reference::kDepartment, *patch.department_id,
                                "department_id", errors));
          after.department_id = *patch.department_id;
        }
        if (patch.due_at) after.due_at = *patch.due_at;
        if (!errors.empty()) return errors.ToError();
        changes.Record("description", before.description, after.description);
        changes.Record("owner_id", std::optional<Id>(before.owner_id),
                       std::optional<Id>(after.owner_id));
        changes.Record("department_id", before.department_id, after.department_id);
        changes.Record("due_at", FormatTimestamp(before.due_at), FormatTimestamp(after.due_at));
        return Ok();
      });
}

Result<domain::Action> ReportActionDone(AppContext& context, const domain::Principal& principal,
                                        Id action_id, const std::string& evidence) {
  LT_TRY_ASSIGN(const std::string text, RequiredText(evidence, "evidence"));
  const TimestampMs now = context.clock.NowMs();
  return ChangeAction(
      context, principal, action_id, Needs::kManagerOrWorker, {ActionStatus::kOpen}, "done",
      [&](storage::Connection&, domain::Action& after, ChangeList& changes) -> Status {
        changes.Record("evidence", after.evidence, text);
        after.status = ActionStatus::kDone;
        after.evidence = text;
        after.done_at = now;
        return Ok();
      });
}

Result<domain::Action> VerifyAction(AppContext& context, const domain::Principal& principal,
                                    Id action_id, Effectiveness effectiveness,
                                    const std::string& verification) {
  LT_TRY_ASSIGN(const std::string text, RequiredText(verification, "verification"));
  const TimestampMs now = context.clock.NowMs();
  const bool effective = effectiveness == Effectiveness::kEffective;
  return ChangeAction(
      context, principal, action_id, Needs::kManager, {ActionStatus::kDone},
      effective ? "verify" : "send_back",
      [&](storage::Connection&, domain::Action& after, ChangeList& changes) -> Status {
        changes.Record("verification", after.verification, text);
        changes.Record("done_at", TimeText(after.done_at),
                       effective ? TimeText(after.done_at) : std::nullopt);
        after.verification = text;
        if (effective) {
          after.status = ActionStatus::kVerified;
          after.verified_at = now;
        } else {
          after.status = ActionStatus::kOpen;
          after.done_at.reset();
        }
        return Ok();
      });
}

Result<domain::Action> CancelAction(AppContext& context, const domain::Principal& principal,
                                    Id action_id, const std::string& reason) {
  LT_TRY_ASSIGN(const std::string text, RequiredText(reason, "reason"));
  return ChangeAction(
      context, principal, action_id, Needs::kManager, {ActionStatus::kOpen, ActionStatus::kDone},
      "cancel", [&](storage::Connection&, domain::Action& after, ChangeList& changes) -> Status {
        changes.Record("reason", std::nullopt, text);
        after.status = ActionStatus::kCancelled;
        return Ok();
      });
}

Result<std::vector<domain::Action>> ListActions(AppContext& context,
                                                const domain::Principal& principal,
                                                const ActionFilter& filter) {
  LT_TRY(RequireStaff(principal));
  const bool own = principal.user_id && filter.owner_id == principal.user_id;
  const bool ours = filter.department_id && domain::WorksIn(principal, *filter.department_id);
  // Across cases only for those who manage actions and see every case.
  if (!own && !ours && !(ManagesActions(principal) && domain::ScopeOf(principal).all)) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  std::vector<domain::Action> actions;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(actions, storage::ActionStore(connection)
                               .ListAcross(filter.owner_id, filter.department_id, filter.statuses,
                                           filter.limit));
    return Ok();
  }));
  return actions;
}

}  // namespace lt::app
