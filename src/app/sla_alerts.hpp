#pragma once

// SLA warnings and breaches: what happens when a clock's warning or deadline
// comes due. Run by the job runner (jobs/sla_alert_job.cpp), inside the
// transaction that marks the job done, so each alert happens exactly once.

#include <string_view>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "domain/access.hpp"
#include "storage/sla_store.hpp"

namespace lt::app {

enum class SlaAlert { kWarning, kBreach };

// Fires the alert named by a job key ("<case id>:<target>:<due instant>") if
// the clock still stands as it did when the job was scheduled: the clock is
// recomputed first, and a clock since met, paused or moved does nothing.
// A warning notifies the case's assignee (or, with none, its department's
// staff); a breach notifies the assignee and the department's managers (all
// managers when the department has none) and reassigns the case when the
// target says so. Returns whether the alert fired.
Result<bool> FireSlaAlert(storage::Connection& connection, SlaAlert alert, std::string_view key,
                          TimestampMs now);

// The principal's notifications, newest first.
Result<std::vector<storage::Notification>> ListNotifications(AppContext& context,
                                                             const domain::Principal& principal,
                                                             bool unread_only, int limit);
// Errors: kNotFound when it is not one of the principal's.
Status MarkNotificationRead(AppContext& context, const domain::Principal& principal, Id id);

}  // namespace lt::app
