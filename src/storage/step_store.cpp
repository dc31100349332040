#include "storage/step_store.hpp"

#include "storage/code_list.hpp"

namespace lt::storage {
namespace {

using domain::Id;

constexpr const char* kStepColumns =
    "id, case_id, step, from_state, to_state, actor_user_id, at, note, reason, "
    "customer_decision, alternatives";

domain::CaseStep StepFromRow(const Row& row) {
  domain::CaseStep step;
  step.id = row.Int(0);
  step.case_id = row.Int(1);
  step.step = row.Text(2);
  step.from_state = row.Text(3);
  step.to_state = row.Text(4);
  step.actor_user_id = row.OptionalInt(5);
  step.at = row.Int(6);
  step.note = row.Text(7);
  step.reason = row.Text(8);
  if (auto decision = row.OptionalText(9)) {
    step.customer_decision = domain::kCustomerDecisionCodes.FromCode(*decision);
  }
  step.alternatives = SplitEnumCodes(row.Text(10), domain::kAlternativeCodes);
  return step;
}

}  // namespace

Result<Id> StepStore::Insert(const domain::CaseStep& step) {
  return connection_.QueryInt(
      "INSERT INTO case_transitions (case_id, step, from_state, to_state, actor_user_id, at, "
      "note, reason, customer_decision, alternatives) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
      {step.case_id, step.step, step.from_state, step.to_state, OptionalValue(step.actor_user_id),
       step.at, step.note, step.reason,
       step.customer_decision
           ? SqlValue(std::string(domain::kCustomerDecisionCodes.ToCode(*step.customer_decision)))
           : SqlValue(nullptr),
       JoinEnumCodes(step.alternatives, domain::kAlternativeCodes)});
}

Result<std::vector<domain::CaseStep>> StepStore::List(Id case_id) {
  std::vector<domain::CaseStep> steps;
  LT_TRY(connection_.Query(std::string("SELECT ") + kStepColumns +
                               " FROM case_transitions WHERE case_id = $1 ORDER BY id",
                           {case_id}, [&](const Row& row) { steps.push_back(StepFromRow(row)); }));
  return steps;
}

Status StepStore::InsertEvent(Id case_id, const domain::ProcedureEvent& event,
                              std::optional<Id> step_id) {
  LT_TRY(
      connection_.Execute("INSERT INTO case_procedure_events (case_id, event, at, transition_id) "
                          "VALUES ($1, $2, $3, $4)",
                          {case_id, event.event, event.at, OptionalValue(step_id)}));
  return Ok();
}

Result<std::vector<domain::ProcedureEvent>> StepStore::ListEvents(Id case_id) {
  std::vector<domain::ProcedureEvent> events;
  LT_TRY(connection_.Query(
      "SELECT event, at FROM case_procedure_events WHERE case_id = $1 ORDER BY id", {case_id},
      [&](const Row& row) {
        events.push_back({row.Text(0), row.Int(1)});
      }));
  return events;
}

}  // namespace lt::storage
