#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/access.hpp"
#include "sla/sla_clock.hpp"
#include "sla/stored_clock.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

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
  // The clocks of several cases (a page of a queue), in case and target order.
  Result<std::vector<sla::StoredClock>> ListForCases(std::span<const domain::Id> case_ids);
  Result<std::optional<sla::StoredClock>> Find(domain::Id case_id, const std::string& target);
  // The clocks of `target` of these cases, by case (cases without one are left out).
  Result<std::map<domain::Id, sla::StoredClock>> FindMany(std::span<const domain::Id> case_ids,
                                                          const std::string& target);
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

}  // namespace lt::storage
