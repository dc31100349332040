#pragma once

// SLA warnings and breaches: what happens when a clock's warning or deadline
// comes due. Run by the job runner's SLA sweep (jobs/sla_alert_sweep.cpp).

#include <string_view>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "app/store_access.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/notification.hpp"

namespace lt::app {

enum class SlaAlert { kWarning, kBreach };

// Gives the SLA alerts due at `now`, earliest first, at most `limit` clocks:
// each clock is recomputed first, so one since met, paused or moved gives
// nothing. A warning notifies the case's assignee (or, with none, its
// department's staff); a breach notifies the assignee and the department's
// managers (all managers when the department has none) and reassigns the
// case when its target says so. Run in a write transaction: the alerts and
// the marks that they were given commit together, so each is given exactly
// once across nodes and restarts (on PostgreSQL the claimed clocks are
// locked; other nodes skip them). Returns how many clocks were due.
Result<int> FireDueSlaAlerts(storage::Connection& connection, TimestampMs now, int limit);

// When the earliest pending SLA alert falls due.
Result<std::optional<TimestampMs>> NextSlaAlertAt(storage::Database& database);

// The principal's notifications, newest first.
Result<std::vector<domain::Notification>> ListNotifications(AppContext& context,
                                                            const domain::Principal& principal,
                                                            bool unread_only, int limit);
// Errors: kNotFound when it is not one of the principal's.
Status MarkNotificationRead(AppContext& context, const domain::Principal& principal, Id id);

}  // namespace lt::app
