#include "storage/sla_store.hpp"

#include <map>

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

Result<bool> SlaPolicyStore::IsCustomised() {
  LT_TRY_ASSIGN(auto any, connection_.QueryOptionalInt("SELECT 1 FROM sla_policies LIMIT 1"));
  return any.has_value();
}

namespace {
const std::string kKeptPolicies = "sla_policies";
}  // namespace

Result<SlaPoliciesPtr> SlaPolicyStore::Load() {
  if (SlaPoliciesPtr kept = connection_.Recall<std::vector<sla::SlaPolicy>>(kKeptPolicies)) {
    return kept;
  }
  LT_TRY_ASSIGN(SlaPoliciesPtr policies, LoadStored());
  connection_.Remember(kKeptPolicies, policies);
  return policies;
}

Result<SlaPoliciesPtr> SlaPolicyStore::LoadStored() {
  static const SlaPoliciesPtr shipped =
      std::make_shared<const std::vector<sla::SlaPolicy>>(sla::DefaultSlaPolicies());
  std::vector<sla::SlaPolicy> policies;
  std::map<Id, std::size_t> index_of;
  LT_TRY(connection_.Query(
      "SELECT id, code, name, active, case_types, urgencies, origin_classes, segments, "
      "category_ids FROM sla_policies ORDER BY position",
      {}, [&](const Row& row) {
        sla::SlaPolicy policy;
        policy.id = row.Int(0);
        policy.code = row.Text(1);
        policy.name = row.Text(2);
        policy.active = row.Int(3) != 0;
        policy.case_types = SplitEnumCodes(row.Text(4), domain::kCaseTypeCodes);
        policy.urgencies = SplitEnumCodes(row.Text(5), domain::kUrgencyCodes);
        policy.origin_classes = SplitEnumCodes(row.Text(6), domain::kOriginClassCodes);
        policy.segments = SplitEnumCodes(row.Text(7), domain::kSegmentCodes);
        policy.category_ids = SplitIds(row.Text(8));
        index_of[policy.id] = policies.size();
        policies.push_back(std::move(policy));
      }));
  if (policies.empty()) return shipped;
  LT_TRY(connection_.Query(
      "SELECT policy_id, code, start_event, stop_events, pause_states, amount, unit, "
      "warn_percent, escalate_to_user_id FROM sla_targets ORDER BY policy_id, position",
      {}, [&](const Row& row) {
        const auto found = index_of.find(row.Int(0));
        if (found == index_of.end()) return;
        sla::SlaTarget target;
        target.code = row.Text(1);
        target.start_event = row.Text(2);
        target.stop_events = SplitCodes(row.Text(3));
        target.pause_states = SplitCodes(row.Text(4));
        target.amount = row.Int(5);
        target.unit = sla::kDurationUnitCodes.FromCode(row.Text(6))
                          .value_or(sla::DurationUnit::kWorkingHours);
        target.warn_percent = static_cast<int>(row.Int(7));
        target.escalate_to_user_id = row.OptionalInt(8);
        policies[found->second].targets.push_back(std::move(target));
      }));
  return SlaPoliciesPtr(std::make_shared<const std::vector<sla::SlaPolicy>>(std::move(policies)));
}

Status SlaPolicyStore::Replace(const std::vector<sla::SlaPolicy>& policies) {
  connection_.Forget(kKeptPolicies);
  LT_TRY(connection_.Execute("DELETE FROM sla_targets"));
  LT_TRY(connection_.Execute("DELETE FROM sla_policies"));
  std::int64_t position = 0;
  for (const auto& policy : policies) {
    LT_TRY_ASSIGN(
        const Id policy_id,
        connection_.QueryInt(
            "INSERT INTO sla_policies (code, position, name, active, case_types, urgencies, "
            "origin_classes, segments, category_ids) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            "RETURNING id",
            {policy.code, position++, policy.name, std::int64_t{policy.active ? 1 : 0},
             JoinEnumCodes(policy.case_types, domain::kCaseTypeCodes),
             JoinEnumCodes(policy.urgencies, domain::kUrgencyCodes),
             JoinEnumCodes(policy.origin_classes, domain::kOriginClassCodes),
             JoinEnumCodes(policy.segments, domain::kSegmentCodes), JoinIds(policy.category_ids)}));
    std::int64_t target_position = 0;
    for (const auto& target : policy.targets) {
      LT_TRY(connection_.Execute(
          "INSERT INTO sla_targets (policy_id, position, code, start_event, stop_events, "
          "pause_states, amount, unit, warn_percent, escalate_to_user_id) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
          {policy_id, target_position++, target.code, target.start_event,
           JoinCodes(target.stop_events), JoinCodes(target.pause_states), target.amount,
           std::string(sla::kDurationUnitCodes.ToCode(target.unit)),
           std::int64_t{target.warn_percent}, OptionalValue(target.escalate_to_user_id)}));
    }
  }
  return Ok();
}

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

Result<std::optional<sla::StoredClock>> SlaClockStore::Find(Id case_id, const std::string& target) {
  std::optional<sla::StoredClock> found;
  LT_TRY(connection_.Query(std::string("SELECT ") + kClockColumns +
                               " FROM sla_clocks WHERE case_id = $1 AND target = $2",
                           {case_id, target}, [&](const Row& row) { found = ClockFromRow(row); }));
  return found;
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

Status NotificationStore::Insert(const domain::Notification& notification) {
  LT_TRY(connection_.Execute(
      "INSERT INTO notifications (user_id, kind, case_id, target, due_at, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {notification.user_id, notification.kind, OptionalValue(notification.case_id),
       notification.target, OptionalValue(notification.due_at), notification.created_at}));
  return Ok();
}

Result<std::vector<domain::Notification>> NotificationStore::ListForUser(Id user_id,
                                                                         bool unread_only,
                                                                         int limit) {
  std::vector<domain::Notification> out;
  LT_TRY(connection_.Query(
      std::string("SELECT n.id, n.user_id, n.kind, n.case_id, COALESCE(c.number, ''), n.target, "
                  "n.due_at, n.created_at, n.read_at FROM notifications n "
                  "LEFT JOIN cases c ON c.id = n.case_id WHERE n.user_id = $1") +
          (unread_only ? " AND n.read_at IS NULL" : "") + " ORDER BY n.id DESC LIMIT $2",
      {user_id, std::int64_t{limit}}, [&](const Row& row) {
        out.push_back(domain::Notification{row.Int(0), row.Int(1), row.Text(2), row.OptionalInt(3),
                                           row.Text(4), row.Text(5), row.OptionalInt(6), row.Int(7),
                                           row.OptionalInt(8)});
      }));
  return out;
}

Result<bool> NotificationStore::MarkRead(Id user_id, Id id, TimestampMs at) {
  LT_TRY_ASSIGN(const std::int64_t changed,
                connection_.Execute("UPDATE notifications SET read_at = COALESCE(read_at, $1) "
                                    "WHERE id = $2 AND user_id = $3",
                                    {at, id, user_id}));
  return changed > 0;
}

}  // namespace lt::storage
