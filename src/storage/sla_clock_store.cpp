#include "storage/sla_clock_store.hpp"

#include "storage/case_scope_sql.hpp"
#include "storage/code_list.hpp"
#include "storage/job_store.hpp"
#include "storage/multi_row.hpp"

namespace lt::storage {
namespace {

using domain::Id;

constexpr const char* kClockColumns =
    "case_id, target, started_at, due_at, original_due_at, paused_ms, state, met_at, warn_at, "
    "warned_at, breached_at, moved_due_at, moved_at, moved_by, moved_reason, next_alert_at";

sla::StoredClock ClockFromRow(const Row& row) {
  sla::StoredClock stored;
  stored.case_id = row.Int(0);
  sla::SlaClock& clock = stored.clock;
  clock.target = row.Text(1);
  clock.started_at = row.Int(2);
  clock.due_at = row.Int(3);
  clock.original_due_at = row.OptionalInt(4);
  clock.paused_ms = row.Int(5);
  clock.state = sla::kClockStateCodes.FromCode(row.Text(6)).value_or(sla::ClockState::kRunning);
  clock.met_at = row.OptionalInt(7);
  clock.warn_at = row.OptionalInt(8);
  stored.warned_at = row.OptionalInt(9);
  stored.breached_at = row.OptionalInt(10);
  if (auto moved_due = row.OptionalInt(11)) {
    stored.moved = sla::MovedDeadline{*moved_due, row.OptionalInt(12).value_or(0)};
  }
  stored.moved_by = row.OptionalInt(13);
  stored.moved_reason = row.Text(14);
  stored.next_alert_at = row.OptionalInt(15);
  return stored;
}

}  // namespace

Result<std::vector<TimelinessCount>> SlaClockStore::CountTimeliness(
    TimestampMs from, TimestampMs to, TimestampMs now, const domain::CaseScope& scope) {
  std::vector<TimelinessCount> counts;
  SqlParams params = {from, to, now};
  const std::string visible = " AND " + CaseScopeCondition(scope, params, "c");
  LT_TRY(connection_.Query(
      "SELECT c.department_id, c.assignee_id, k.target, "
      "SUM(CASE WHEN k.met_at IS NOT NULL AND k.met_at <= k.due_at THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN (k.met_at IS NOT NULL AND k.met_at > k.due_at) OR "
      "(k.met_at IS NULL AND k.state <> 'paused' AND k.due_at <= $3) THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN k.met_at IS NULL AND (k.state = 'paused' OR k.due_at > $3) "
      "THEN 1 ELSE 0 END) "
      "FROM sla_clocks k JOIN cases c ON c.id = k.case_id "
      "WHERE k.due_at >= $1 AND k.due_at < $2" +
          visible + " GROUP BY c.department_id, c.assignee_id, k.target",
      params, [&](const Row& row) {
        TimelinessCount count;
        count.department_id = row.OptionalInt(0);
        count.assignee_id = row.OptionalInt(1);
        count.target = row.Text(2);
        count.on_time = row.Int(3);
        count.late = row.Int(4);
        count.pending = row.Int(5);
        counts.push_back(std::move(count));
      }));
  return counts;
}

Result<std::vector<sla::StoredClock>> SlaClockStore::ListForCase(Id case_id) {
  std::vector<sla::StoredClock> clocks;
  LT_TRY(connection_.Query(std::string("SELECT ") + kClockColumns +
                               " FROM sla_clocks WHERE case_id = $1 ORDER BY target",
                           {case_id},
                           [&](const Row& row) { clocks.push_back(ClockFromRow(row)); }));
  return clocks;
}

Result<std::vector<sla::StoredClock>> SlaClockStore::ListForCases(std::span<const Id> case_ids) {
  std::vector<sla::StoredClock> clocks;
  if (case_ids.empty()) return clocks;
  SqlParams params;
  std::string in;
  for (const Id id : case_ids) in += (in.empty() ? "" : ", ") + Param(params, id);
  LT_TRY(connection_.Query(std::string("SELECT ") + kClockColumns +
                               " FROM sla_clocks WHERE case_id IN (" + in +
                               ") ORDER BY case_id, target",
                           params, [&](const Row& row) { clocks.push_back(ClockFromRow(row)); }));
  return clocks;
}

Result<std::optional<sla::StoredClock>> SlaClockStore::Find(Id case_id, const std::string& target) {
  LT_TRY_ASSIGN(auto found, FindMany({&case_id, 1}, target));
  if (found.empty()) return std::optional<sla::StoredClock>();
  return std::optional<sla::StoredClock>(std::move(found.begin()->second));
}

Result<std::map<Id, sla::StoredClock>> SlaClockStore::FindMany(std::span<const Id> case_ids,
                                                               const std::string& target) {
  std::map<Id, sla::StoredClock> by_case;
  if (case_ids.empty()) return by_case;
  SqlParams params{target};
  const std::string in = ParameterList(params, case_ids);
  LT_TRY(connection_.Query(std::string("SELECT ") + kClockColumns +
                               " FROM sla_clocks WHERE target = $1 AND case_id IN (" + in + ")",
                           params, [&](const Row& row) {
                             auto clock = ClockFromRow(row);
                             by_case.emplace(clock.case_id, std::move(clock));
                           }));
  return by_case;
}

Status SlaClockStore::Save(Id case_id, const sla::SlaClock& clock,
                           std::optional<TimestampMs> next_alert_at, TimestampMs now) {
  const ClockToSave one{case_id, &clock, next_alert_at, now};
  return SaveMany({&one, 1});
}

Status SlaClockStore::SaveMany(std::span<const ClockToSave> clocks) {
  if (clocks.empty()) return Ok();
  SqlParams params;
  params.reserve(clocks.size() * 11);
  bool alert_soon = false;
  for (const auto& [case_id, clock, next_alert_at, now] : clocks) {
    params.insert(params.end(), {case_id, clock->target, clock->started_at, clock->due_at,
                                 OptionalValue(clock->original_due_at), clock->paused_ms,
                                 std::string(sla::kClockStateCodes.ToCode(clock->state)),
                                 OptionalValue(clock->met_at), OptionalValue(clock->warn_at),
                                 OptionalValue(next_alert_at), now});
    alert_soon = alert_soon || (next_alert_at && *next_alert_at <= now + kJobWakeHorizonMs);
  }
  LT_TRY(connection_.Send(
      "INSERT INTO sla_clocks (case_id, target, started_at, due_at, original_due_at, paused_ms, "
      "state, met_at, warn_at, next_alert_at, updated_at) VALUES " +
          RowsOfParameters(11, clocks.size()) +
          " ON CONFLICT (case_id, target) DO UPDATE SET started_at = excluded.started_at, "
          "due_at = excluded.due_at, original_due_at = excluded.original_due_at, "
          "paused_ms = excluded.paused_ms, state = excluded.state, met_at = excluded.met_at, "
          "warn_at = excluded.warn_at, next_alert_at = excluded.next_alert_at, "
          "updated_at = excluded.updated_at",
      params));
  // An alert due soon may be earlier than the runners' planned wake-up.
  if (alert_soon) LT_TRY(connection_.Notify(kJobScheduledPayload));
  return Ok();
}

Status SlaClockStore::RemoveOthers(Id case_id, const std::vector<std::string>& kept_targets) {
  std::string sql = "DELETE FROM sla_clocks WHERE case_id = $1";
  SqlParams params = {case_id};
  for (const auto& target : kept_targets) {
    params.emplace_back(target);
    sql += " AND target <> $" + std::to_string(params.size());
  }
  LT_TRY(connection_.Send(sql, params));
  return Ok();
}

Status SlaClockStore::SetMoved(Id case_id, const std::string& target,
                               const sla::MovedDeadline& moved, std::optional<Id> moved_by,
                               const std::string& reason) {
  LT_TRY(connection_.Execute(
      "UPDATE sla_clocks SET moved_due_at = $1, moved_at = $2, moved_by = $3, moved_reason = $4, "
      "warned_at = NULL, breached_at = NULL WHERE case_id = $5 AND target = $6",
      {moved.due_at, moved.moved_at, OptionalValue(moved_by), reason, case_id, target}));
  return Ok();
}

Status SlaClockStore::MarkAlerted(Id case_id, const std::string& target, bool warning, bool breach,
                                  TimestampMs at, std::optional<TimestampMs> next_alert_at) {
  LT_TRY(connection_.Execute(
      "UPDATE sla_clocks SET warned_at = CASE WHEN $1 = 1 THEN $3 ELSE warned_at END, "
      "breached_at = CASE WHEN $2 = 1 THEN $3 ELSE breached_at END, next_alert_at = $4 "
      "WHERE case_id = $5 AND target = $6",
      {std::int64_t{warning ? 1 : 0}, std::int64_t{breach ? 1 : 0}, at,
       OptionalValue(next_alert_at), case_id, target}));
  return Ok();
}

Result<std::vector<SlaClockStore::ClockKey>> SlaClockStore::ClaimDueAlerts(TimestampMs now,
                                                                           int limit) {
  std::vector<ClockKey> due;
  LT_TRY(
      connection_.Query("SELECT case_id, target FROM sla_clocks WHERE next_alert_at <= $1 "
                        "ORDER BY next_alert_at LIMIT $2" +
                            connection_.dialect().SkipLockedRows(),
                        {now, std::int64_t{limit}}, [&](const Row& row) {
                          due.push_back({row.Int(0), row.Text(1)});
                        }));
  return due;
}

Result<std::optional<TimestampMs>> SlaClockStore::NextAlertAt() {
  return connection_.QueryOptionalInt(
      "SELECT MIN(next_alert_at) FROM sla_clocks WHERE next_alert_at IS NOT NULL");
}

}  // namespace lt::storage
