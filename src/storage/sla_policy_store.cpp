#include "storage/sla_policy_store.hpp"

#include <map>

#include "storage/code_list.hpp"

namespace lt::storage {

using domain::Id;

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
      "category_ids, channels FROM sla_policies ORDER BY position",
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
        policy.channels = SplitEnumCodes(row.Text(9), domain::kChannelCodes);
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
            "origin_classes, segments, category_ids, channels) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            {policy.code, position++, policy.name, std::int64_t{policy.active ? 1 : 0},
             JoinEnumCodes(policy.case_types, domain::kCaseTypeCodes),
             JoinEnumCodes(policy.urgencies, domain::kUrgencyCodes),
             JoinEnumCodes(policy.origin_classes, domain::kOriginClassCodes),
             JoinEnumCodes(policy.segments, domain::kSegmentCodes), JoinIds(policy.category_ids),
             JoinEnumCodes(policy.channels, domain::kChannelCodes)}));
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

}  // namespace lt::storage
