#pragma once

// Containment, corrective and preventive actions after they are set: added
// by QA, carried out by their owner with evidence, verified effective (or
// sent back) by QA, rescheduled or cancelled. Each change is audited
// ("action", id) in its own transaction.
//
// Who may do what: QA, general affairs, managers and admins manage actions
// on the cases they see; the owner of an action, and the staff of its
// department, report it done, even on a case they do not otherwise see.

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/procedure.hpp"

namespace lt::app {

// Checks an action's data for a new action: description, owner and due
// date required, owner and department existing. Field paths start with
// `prefix` ("countermeasure." inside a workflow step, "" on its own).
// Returns the trimmed description.
Result<std::string> CheckNewAction(storage::Connection& connection, const ActionInput& input,
                                   const std::string& prefix, FieldErrors& errors);

// The action `input` describes (already checked), created now by `actor`.
domain::Action NewAction(Id case_id, const ActionInput& input, std::string description,
                         std::optional<Id> actor, TimestampMs now);

// Errors: kNotFound, kForbidden, kInvalidArgument.
Result<domain::Action> AddAction(AppContext& context, const domain::Principal& principal,
                                 Id case_id, const ActionInput& input);

struct ActionPatch {
  Patch<std::string> description;
  Patch<Id> owner_id;
  NullablePatch<Id> department_id;
  Patch<TimestampMs> due_at;
};
// Reassigns or reschedules an open action. Errors: kNotFound, kForbidden,
// kInvalidArgument, kConflict "error.action_status" unless open.
Result<domain::Action> UpdateAction(AppContext& context, const domain::Principal& principal,
                                    Id action_id, const ActionPatch& patch);

// open → done, with the evidence (required).
Result<domain::Action> ReportActionDone(AppContext& context, const domain::Principal& principal,
                                        Id action_id, const std::string& evidence);

enum class Effectiveness { kEffective, kNotEffective };
// done → verified when effective; done → open again when not (the evidence
// stays, done_at is cleared). The verification text is required.
Result<domain::Action> VerifyAction(AppContext& context, const domain::Principal& principal,
                                    Id action_id, Effectiveness effectiveness,
                                    const std::string& verification);

// open or done → cancelled, with a reason (kept in the audit trail).
Result<domain::Action> CancelAction(AppContext& context, const domain::Principal& principal,
                                    Id action_id, const std::string& reason);

struct ActionFilter {
  std::optional<Id> owner_id;
  std::optional<Id> department_id;
  std::vector<domain::ActionStatus> statuses;  // empty: all
  int limit = 50;
};
// Actions across cases, soonest due first: the caller's own or their
// department's (any staff), or anyone's for those who manage actions.
// Errors: kForbidden.
Result<std::vector<domain::Action>> ListActions(AppContext& context,
                                                const domain::Principal& principal,
                                                const ActionFilter& filter);

}  // namespace lt::app
