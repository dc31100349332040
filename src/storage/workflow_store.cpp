#include "storage/workflow_store.hpp"

#include <nlohmann/json.hpp>

#include "storage/code_list.hpp"

namespace lt::storage {
namespace {

std::string LabelsToText(const domain::Labels& labels) {
  return nlohmann::json(labels).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

domain::Labels LabelsFromText(const std::string& text) {
  domain::Labels labels;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return labels;
  for (const auto& [locale, label] : json.items()) {
    if (label.is_string()) labels[locale] = label.get<std::string>();
  }
  return labels;
}

}  // namespace

Result<bool> WorkflowStore::IsCustomised() {
  LT_TRY_ASSIGN(auto any, connection_.QueryOptionalInt("SELECT 1 FROM workflow_states LIMIT 1"));
  return any.has_value();
}

namespace {
const std::string kKeptWorkflow = "workflow";
}  // namespace

Result<WorkflowPtr> WorkflowStore::Load() {
  if (WorkflowPtr kept = connection_.Recall<domain::Workflow>(kKeptWorkflow)) return kept;
  LT_TRY_ASSIGN(WorkflowPtr workflow, LoadStored());
  connection_.Remember(kKeptWorkflow, workflow);
  return workflow;
}

Result<WorkflowPtr> WorkflowStore::LoadStored() {
  static const WorkflowPtr shipped =
      std::make_shared<const domain::Workflow>(domain::DefaultWorkflow());
  domain::Workflow workflow;
  LT_TRY(connection_.Query(
      "SELECT code, kind, initial, labels FROM workflow_states ORDER BY position", {},
      [&](const Row& row) {
        domain::WorkflowState state;
        state.code = row.Text(0);
        state.kind =
            domain::kStateKindCodes.FromCode(row.Text(1)).value_or(domain::StateKind::kOpen);
        state.labels = LabelsFromText(row.Text(3));
        if (row.Int(2) != 0) workflow.initial_state = state.code;
        workflow.states.push_back(std::move(state));
      }));
  if (workflow.states.empty()) return shipped;
  LT_TRY(connection_.Query(
      "SELECT code, from_states, to_state, roles, case_types, origin_classes, requirements, "
      "events, labels FROM workflow_transitions ORDER BY position",
      {}, [&](const Row& row) {
        domain::WorkflowTransition step;
        step.code = row.Text(0);
        step.from = SplitCodes(row.Text(1));
        step.to = row.Text(2);
        step.roles = SplitEnumCodes(row.Text(3), domain::kRoleCodes);
        step.case_types = SplitEnumCodes(row.Text(4), domain::kCaseTypeCodes);
        step.origin_classes = SplitEnumCodes(row.Text(5), domain::kOriginClassCodes);
        step.requirements = SplitEnumCodes(row.Text(6), domain::kRequirementCodes);
        step.events = SplitCodes(row.Text(7));
        step.labels = LabelsFromText(row.Text(8));
        workflow.transitions.push_back(std::move(step));
      }));
  return WorkflowPtr(std::make_shared<const domain::Workflow>(std::move(workflow)));
}

Status WorkflowStore::Replace(const domain::Workflow& workflow) {
  connection_.Forget(kKeptWorkflow);
  LT_TRY(connection_.Execute("DELETE FROM workflow_transitions"));
  LT_TRY(connection_.Execute("DELETE FROM workflow_states"));
  std::int64_t position = 0;
  for (const auto& state : workflow.states) {
    LT_TRY(connection_.Execute(
        "INSERT INTO workflow_states (code, kind, position, initial, labels) "
        "VALUES ($1, $2, $3, $4, $5)",
        {state.code, std::string(domain::kStateKindCodes.ToCode(state.kind)), position++,
         std::int64_t{state.code == workflow.initial_state ? 1 : 0}, LabelsToText(state.labels)}));
  }
  position = 0;
  for (const auto& step : workflow.transitions) {
    LT_TRY(connection_.Execute(
        "INSERT INTO workflow_transitions (code, position, from_states, to_state, roles, "
        "case_types, origin_classes, requirements, events, labels) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {step.code, position++, JoinCodes(step.from), step.to,
         JoinEnumCodes(step.roles, domain::kRoleCodes),
         JoinEnumCodes(step.case_types, domain::kCaseTypeCodes),
         JoinEnumCodes(step.origin_classes, domain::kOriginClassCodes),
         JoinEnumCodes(step.requirements, domain::kRequirementCodes), JoinCodes(step.events),
         LabelsToText(step.labels)}));
  }
  return Ok();
}

Result<bool> WorkflowStore::StateInUse(const std::string& state) {
  LT_TRY_ASSIGN(auto any, connection_.QueryOptionalInt(
                              "SELECT 1 FROM cases WHERE status = $1 LIMIT 1", {state}));
  return any.has_value();
}

}  // namespace lt::storage
