#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/notification.hpp"
#include "sla/sla_clock.hpp"
#include "sla/sla_policy.hpp"
#include "sla/stored_clock.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Shared and immutable: the shipped defaults are built once.
using SlaPoliciesPtr = std::shared_ptr<const std::vector<sla::SlaPolicy>>;

// SLA policies (migrations/*/0004_sla.sql). While none are stored the
// procedure's defaults apply.
class SlaPolicyStore {
 public:
  explicit SlaPolicyStore(Connection& connection) : connection_(connection) {}

  // Read once per transaction (Connection::Recall).
  Result<SlaPoliciesPtr> Load();
  Result<bool> IsCustomised();
  // Replaces every policy (already validated by the caller).
  Status Replace(const std::vector<sla::SlaPolicy>& policies);

 private:
  Result<SlaPoliciesPtr> LoadStored();
  Connection& connection_;
};

// Clocks due in a period, counted per department, assignee and target.
struct TimelinessCount {
  std::optional<domain::Id> department_id;
  std::optional<domain::Id> assignee_id;
  std::string target;
  std::int64_t on_time = 0;  // stopped by their deadline
  std::int64_t late = 0;     // stopped after it, or still running past it
  std::int64_t pending = 0;  // still running (or paused) and not yet due
};

class SlaClockStore {
 public:
  explicit SlaClockStore(Connection& connection) : connection_(connection) {}

  // The clocks due in [from, to) (the deadline in force, moved or not) on
  // the cases `scope` sees, counted as of `now`.
  Result<std::vector<TimelinessCount>> CountTimeliness(TimestampMs from, TimestampMs to,
                                                       TimestampMs now,
                                                       const domain::CaseScope& scope);

  // The clocks of a case, by target code.
  Result<std::vector<sla::StoredClock>> ListForCase(domain::Id case_id);
  Result<std::optional<sla::StoredClock>> Find(domain::Id case_id, const std::string& target);
  // Writes the computed part of a clock and when its next alert falls due,
  // keeping what happened to it (warned_at, breached_at, the moved deadline).
  // Wakes the job runners of every node on commit when the alert falls due
  // within the wake horizon (kJobWakeHorizonMs).
  Status Save(domain::Id case_id, const sla::SlaClock& clock,
              std::optional<TimestampMs> next_alert_at, TimestampMs now);
  // Several clocks (of different cases or targets) in one statement.
  struct ClockToSave {
    domain::Id case_id = 0;
    const sla::SlaClock* clock = nullptr;
    std::optional<TimestampMs> next_alert_at;
    TimestampMs now = 0;
  };
  Status SaveMany(std::span<const ClockToSave> clocks);
  // Removes clocks whose targets no longer apply to the case.
  Status RemoveOthers(domain::Id case_id, const std::vector<std::string>& kept_targets);
  // Moves the deadline; the new one gets its own warning and breach.
  Status SetMoved(domain::Id case_id, const std::string& target, const sla::MovedDeadline& moved,
                  std::optional<domain::Id> moved_by, const std::string& reason);
  // Records alerts given at `at` (a warning, a breach or both) and when the
  // next one falls due.
  Status MarkAlerted(domain::Id case_id, const std::string& target, bool warning, bool breach,
                     TimestampMs at, std::optional<TimestampMs> next_alert_at);

  struct ClockKey {
    domain::Id case_id = 0;
    std::string target;
  };
  // Clocks with an alert due at `now`, earliest first; on PostgreSQL the rows
  // are locked, and rows another node holds are skipped.
  Result<std::vector<ClockKey>> ClaimDueAlerts(TimestampMs now, int limit);
  // When the earliest pending alert falls due.
  Result<std::optional<TimestampMs>> NextAlertAt();

 private:
  Connection& connection_;
};

class NotificationStore {
 public:
  explicit NotificationStore(Connection& connection) : connection_(connection) {}

  Status Insert(const domain::Notification& notification);
  // Newest first, up to `limit`; only unread ones when asked.
  Result<std::vector<domain::Notification>> ListForUser(domain::Id user_id, bool unread_only,
                                                        int limit);
  // Marks one of the user's notifications read; false when it is not theirs.
  Result<bool> MarkRead(domain::Id user_id, domain::Id id, TimestampMs at);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
