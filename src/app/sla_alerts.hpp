#pragma once

// SLA warnings and breaches: what happens when a clock's warning or deadline
// comes due. Run by the job runner's SLA sweep (jobs/due_sweeps.cpp).

#include <string_view>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "app/store_access.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"

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
// locked; other nodes skip them). Links in the notices point at
// `public_url`. Returns how many clocks were due.
Result<int> FireDueSlaAlerts(storage::Connection& connection, const std::string& public_url,
                             TimestampMs now, int limit);

// When the earliest pending SLA alert falls due.
Result<std::optional<TimestampMs>> NextSlaAlertAt(storage::Database& database);

}  // namespace lt::app
