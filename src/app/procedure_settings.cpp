#include "app/procedure_settings.hpp"

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/references.hpp"
#include "app/sla_recompute.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/sla_policy_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

template <class T, class CodeOf>
std::string CodesOf(const std::vector<T>& items, CodeOf code_of) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + code_of(item);
  return out;
}

}  // namespace

Result<domain::Workflow> GetWorkflow(AppContext& context, const domain::Principal& principal) {
  LT_TRY(RequireStaff(principal));
  return WorkflowInForce(context);
}

Result<domain::Workflow> WorkflowInForce(AppContext& context) {
  domain::Workflow workflow;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto stored, storage::WorkflowStore(connection).Load());
    workflow = *stored;
    return Ok();
  }));
  return workflow;
}

Result<domain::Workflow> ReplaceWorkflow(AppContext& context, const domain::Principal& principal,
                                         const domain::Workflow& workflow) {
  LT_TRY(RequireAdmin(principal));
  LT_TRY(domain::ValidateWorkflow(workflow));
  const TimestampMs now = context.clock.NowMs();
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::WorkflowStore store(connection);
    LT_TRY_ASSIGN(const storage::WorkflowPtr loaded, store.Load());
    const domain::Workflow& before = *loaded;
    for (const auto& state : before.states) {
      if (workflow.FindState(state.code)) continue;
      LT_TRY_ASSIGN(const bool in_use, store.StateInUse(state.code));
      if (in_use) {
        return Error::Of(ErrorCode::kConflict, "error.state_in_use", {{"state", state.code}});
      }
    }
    LT_TRY(store.Replace(workflow));
    auto state_code = [](const domain::WorkflowState& state) { return state.code; };
    auto step_code = [](const domain::WorkflowTransition& step) { return step.code; };
    ChangeList changes;
    changes.Record("states", CodesOf(before.states, state_code),
                   CodesOf(workflow.states, state_code));
    changes.Record("transitions", CodesOf(before.transitions, step_code),
                   CodesOf(workflow.transitions, step_code));
    return storage::AuditStore(connection)
        .Append(MakeEvent("workflow", 0, "replace", principal.user_id, now, changes.Take()));
  }));
  return workflow;
}

Result<std::vector<sla::SlaPolicy>> GetSlaPolicies(AppContext& context,
                                                   const domain::Principal& principal) {
  LT_TRY(RequireSupervisor(principal));
  std::vector<sla::SlaPolicy> policies;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto stored, storage::SlaPolicyStore(connection).Load());
    policies = *stored;
    return Ok();
  }));
  return policies;
}

Result<std::vector<sla::SlaPolicy>> ReplaceSlaPolicies(
    AppContext& context, const domain::Principal& principal,
    const std::vector<sla::SlaPolicy>& policies) {
  LT_TRY(RequireAdmin(principal));
  LT_TRY(sla::ValidateSlaPolicies(policies));
  const TimestampMs now = context.clock.NowMs();
  std::vector<sla::SlaPolicy> stored;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    FieldErrors errors;
    for (std::size_t i = 0; i < policies.size(); ++i) {
      const std::string prefix = "policies[" + std::to_string(i) + "].";
      for (std::size_t c = 0; c < policies[i].category_ids.size(); ++c) {
        LT_TRY(CheckReference(connection, Reference::kCategory, policies[i].category_ids[c],
                              prefix + "category_ids[" + std::to_string(c) + "]", errors));
      }
      for (std::size_t t = 0; t < policies[i].targets.size(); ++t) {
        LT_TRY(CheckReference(
            connection, Reference::kUser, policies[i].targets[t].escalate_to_user_id,
            prefix + "targets[" + std::to_string(t) + "].escalate_to_user_id", errors));
      }
    }
    if (!errors.empty()) return errors.ToError();
    storage::SlaPolicyStore store(connection);
    LT_TRY_ASSIGN(const storage::SlaPoliciesPtr before, store.Load());
    LT_TRY(store.Replace(policies));
    LT_TRY_ASSIGN(const storage::SlaPoliciesPtr after, store.Load());
    stored = *after;
    auto policy_code = [](const sla::SlaPolicy& policy) { return policy.code; };
    ChangeList changes;
    changes.Record("policies", CodesOf(*before, policy_code), CodesOf(policies, policy_code));
    LT_TRY(ScheduleSlaRecompute(connection, RecomputeScope::kAllOpenCases, 0, now));
    return storage::AuditStore(connection)
        .Append(MakeEvent("sla_policies", 0, "replace", principal.user_id, now, changes.Take()));
  }));
  return stored;
}

}  // namespace lt::app
