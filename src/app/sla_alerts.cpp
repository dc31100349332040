#include "app/sla_alerts.hpp"

#include <algorithm>

#include "app/audit_trail.hpp"
#include "app/live_updates.hpp"
#include "app/sla_clocks.hpp"
#include "app/staff_notifications.hpp"
#include "storage/audit_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/directory_store.hpp"
#include "storage/sla_clock_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

// Who works cases in a department (warned when the case has no assignee).
const std::vector<domain::Role> kCaseStaffRoles = {
    domain::Role::kSales,          domain::Role::kQa,    domain::Role::kQaHead,
    domain::Role::kGeneralAffairs, domain::Role::kAgent, domain::Role::kDepartmentMember};

void AddUnique(std::vector<Id>& ids, Id id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

// Who hears of an alert on the case.
Result<std::vector<Id>> RecipientsOf(storage::Connection& connection, const domain::Case& a_case,
                                     SlaAlert alert) {
  storage::DirectoryStore directory(connection);
  std::vector<Id> recipients;
  if (a_case.assignee_id) AddUnique(recipients, *a_case.assignee_id);
  if (alert == SlaAlert::kBreach) {
    LT_TRY_ASSIGN(auto managers,
                  directory.ActiveUserIdsInRoles({domain::Role::kManager}, a_case.department_id));
    if (managers.empty() && a_case.department_id) {
      LT_TRY_ASSIGN(managers,
                    directory.ActiveUserIdsInRoles({domain::Role::kManager}, std::nullopt));
    }
    for (const Id manager : managers) AddUnique(recipients, manager);
  } else if (!a_case.assignee_id && a_case.department_id) {
    LT_TRY_ASSIGN(const auto staff,
                  directory.ActiveUserIdsInRoles(kCaseStaffRoles, a_case.department_id));
    for (const Id user : staff) AddUnique(recipients, user);
  }
  return recipients;
}

// Moves a breached case to the target's escalation user, audited.
Status Reassign(storage::Connection& connection, domain::Case& a_case, Id user_id,
                TimestampMs now) {
  if (a_case.assignee_id == user_id) return Ok();
  ChangeList changes;
  changes.Record("assignee_id", a_case.assignee_id, std::optional<Id>(user_id));
  domain::Case updated = a_case;
  updated.assignee_id = user_id;
  updated.updated_at = now;
  LT_TRY(storage::CaseStore(connection).Update(updated, a_case));
  ++updated.version;
  LT_TRY(storage::AuditStore(connection)
             .Append(MakeEvent("case", a_case.id, "escalate", std::nullopt, now, changes.Take())));
  a_case = updated;
  return Ok();
}

}  // namespace

namespace {

// Notifies the recipients of one alert on the case and records it in the
// audit trail and the change feed.
Status Announce(storage::Connection& connection, const std::string& public_url,
                const domain::Case& a_case, const sla::SlaClock& clock, SlaAlert alert,
                TimestampMs now) {
  const bool warning = alert == SlaAlert::kWarning;
  LT_TRY_ASSIGN(const auto recipients, RecipientsOf(connection, a_case, alert));
  StaffNotice notice;
  notice.kind = warning ? "sla_warning" : "sla_breach";
  notice.about = &a_case;
  notice.target = clock.target;
  notice.due_at = clock.due_at;
  LT_TRY(NotifyStaff(connection, public_url, notice, recipients, now));
  ChangeList changes;
  changes.Record("sla." + clock.target, std::nullopt, warning ? "warning" : "breached");
  LT_TRY(storage::AuditStore(connection)
             .Append(MakeEvent("case", a_case.id, warning ? "sla_warning" : "sla_breach",
                               std::nullopt, now, changes.Take())));
  return storage::PublishCaseChange(
      connection, ChangeOf(a_case, warning ? "sla_warning" : "sla_breach", std::nullopt, now));
}

// Gives the alerts of one clock that are due at `now`, after recomputing it:
// the warning once its time came, the breach once the deadline passed (both
// when a sweep catches up on a clock that went by while no node ran).
Status FireClockAlerts(storage::Connection& connection, const std::string& public_url,
                       const domain::Workflow& workflow, Id case_id, const std::string& target,
                       TimestampMs now) {
  LT_TRY_ASSIGN(auto found, storage::CaseStore(connection).Find(case_id));
  if (!found) return Ok();
  domain::Case a_case = *found;
  LT_TRY_ASSIGN(const ClockRefresh refresh, RefreshSlaClocks(connection, workflow, a_case, now));
  storage::SlaClockStore clocks(connection);
  LT_TRY_ASSIGN(const auto stored, clocks.Find(case_id, target));
  if (!stored || stored->clock.met_at || stored->clock.state == sla::ClockState::kPaused) {
    return Ok();
  }
  const sla::SlaClock& clock = stored->clock;
  const bool warn = !stored->warned_at && clock.warn_at && *clock.warn_at <= now;
  const bool breach = !stored->breached_at && now > clock.due_at;
  if (!warn && !breach) return Ok();
  if (warn) LT_TRY(Announce(connection, public_url, a_case, clock, SlaAlert::kWarning, now));
  if (breach) {
    const auto chosen =
        std::find_if(refresh.targets.begin(), refresh.targets.end(),
                     [&](const sla::SlaTarget& candidate) { return candidate.code == target; });
    if (chosen != refresh.targets.end() && chosen->escalate_to_user_id) {
      LT_TRY(Reassign(connection, a_case, *chosen->escalate_to_user_id, now));
    }
    LT_TRY(Announce(connection, public_url, a_case, clock, SlaAlert::kBreach, now));
  }
  return clocks.MarkAlerted(
      case_id, target, warn, breach, now,
      sla::NextAlertAt(clock, stored->warned_at || warn, stored->breached_at || breach));
}

}  // namespace

Result<int> FireDueSlaAlerts(storage::Connection& connection, const std::string& public_url,
                             TimestampMs now, int limit) {
  storage::SlaClockStore clocks(connection);
  LT_TRY_ASSIGN(const auto due, clocks.ClaimDueAlerts(now, limit));
  if (due.empty()) return 0;
  LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
  for (const auto& clock : due) {
    LT_TRY(FireClockAlerts(connection, public_url, *workflow, clock.case_id, clock.target, now));
  }
  return static_cast<int>(due.size());
}

Result<std::optional<TimestampMs>> NextSlaAlertAt(storage::Database& database) {
  std::optional<TimestampMs> next;
  LT_TRY(database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(next, storage::SlaClockStore(connection).NextAlertAt());
    return Ok();
  }));
  return next;
}

}  // namespace lt::app
