#include "storage/procedure_store.hpp"

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

constexpr const char* kReportColumns =
    "id, case_id, kind, defect_description, sample_received_at, root_cause_occurrence, "
    "root_cause_outflow, responsible_department_id, approved_by, approved_at, verification, "
    "verified_by, verified_at, created_at, updated_at, preliminary_analysis, meeting_held_at, "
    "meeting_department_ids, meeting_conclusion, failure_analysis, solution, solution_by, "
    "solution_at, early_close_reason";
constexpr int kReportColumnCount = 24;

domain::QualityReport ReportFromRow(const Row& row) {
  domain::QualityReport report;
  report.id = row.Int(0);
  report.case_id = row.Int(1);
  report.kind =
      domain::kReportKindCodes.FromCode(row.Text(2)).value_or(domain::ReportKind::kQuality);
  report.defect_description = row.Text(3);
  report.sample_received_at = row.OptionalInt(4);
  report.root_cause_occurrence = row.Text(5);
  report.root_cause_outflow = row.Text(6);
  report.responsible_department_id = row.OptionalInt(7);
  report.approved_by = row.OptionalInt(8);
  report.approved_at = row.OptionalInt(9);
  report.verification = row.Text(10);
  report.verified_by = row.OptionalInt(11);
  report.verified_at = row.OptionalInt(12);
  report.created_at = row.Int(13);
  report.updated_at = row.Int(14);
  report.preliminary_analysis = row.Text(15);
  report.meeting.held_at = row.OptionalInt(16);
  report.meeting.department_ids = SplitIds(row.Text(17));
  report.meeting.conclusion = row.Text(18);
  report.failure_analysis = row.Text(19);
  report.solution = row.Text(20);
  report.solution_by = row.OptionalInt(21);
  report.solution_at = row.OptionalInt(22);
  report.early_close_reason = row.Text(23);
  return report;
}

constexpr const char* kActionColumns =
    "id, case_id, kind, description, owner_id, department_id, due_at, status, evidence, "
    "verification, done_at, verified_at, created_by, created_at, updated_at, prevention_report_id";

domain::Action ActionFromRow(const Row& row) {
  domain::Action action;
  action.id = row.Int(0);
  action.case_id = row.Int(1);
  action.kind =
      domain::kActionKindCodes.FromCode(row.Text(2)).value_or(domain::ActionKind::kCorrective);
  action.description = row.Text(3);
  action.owner_id = row.Int(4);
  action.department_id = row.OptionalInt(5);
  action.due_at = row.Int(6);
  action.status =
      domain::kActionStatusCodes.FromCode(row.Text(7)).value_or(domain::ActionStatus::kOpen);
  action.evidence = row.Text(8);
  action.verification = row.Text(9);
  action.done_at = row.OptionalInt(10);
  action.verified_at = row.OptionalInt(11);
  action.created_by = row.OptionalInt(12);
  action.created_at = row.Int(13);
  action.updated_at = row.Int(14);
  action.prevention_report_id = row.OptionalInt(15);
  return action;
}

constexpr const char* kReviewColumns =
    "id, case_id, transition_id, alternatives, opened_at, settled_at, settled_by, "
    "alternative_taken, outcome";

domain::DecisionReview ReviewFromRow(const Row& row) {
  domain::DecisionReview review;
  review.id = row.Int(0);
  review.case_id = row.Int(1);
  review.transition_id = row.Int(2);
  review.alternatives = SplitEnumCodes(row.Text(3), domain::kAlternativeCodes);
  review.opened_at = row.Int(4);
  review.settled_at = row.OptionalInt(5);
  review.settled_by = row.OptionalInt(6);
  if (auto taken = row.OptionalText(7)) {
    review.alternative_taken = domain::kAlternativeCodes.FromCode(*taken);
  }
  review.outcome = row.Text(8);
  return review;
}

constexpr const char* kPreventionColumns =
    "id, case_id, problem, analysis, opened_by, opened_at, approved_by, approved_at, "
    "verification, verified_by, verified_at, updated_at";

domain::PreventionReport PreventionFromRow(const Row& row) {
  domain::PreventionReport report;
  report.id = row.Int(0);
  report.case_id = row.Int(1);
  report.problem = row.Text(2);
  report.analysis = row.Text(3);
  report.opened_by = row.OptionalInt(4);
  report.opened_at = row.Int(5);
  report.approved_by = row.OptionalInt(6);
  report.approved_at = row.OptionalInt(7);
  report.verification = row.Text(8);
  report.verified_by = row.OptionalInt(9);
  report.verified_at = row.OptionalInt(10);
  report.updated_at = row.Int(11);
  return report;
}

}  // namespace

Result<Id> ProcedureStore::InsertStep(const domain::CaseStep& step) {
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

Result<std::vector<domain::CaseStep>> ProcedureStore::ListSteps(Id case_id) {
  std::vector<domain::CaseStep> steps;
  LT_TRY(connection_.Query(std::string("SELECT ") + kStepColumns +
                               " FROM case_transitions WHERE case_id = $1 ORDER BY id",
                           {case_id}, [&](const Row& row) { steps.push_back(StepFromRow(row)); }));
  return steps;
}

Status ProcedureStore::InsertEvent(Id case_id, const domain::ProcedureEvent& event,
                                   std::optional<Id> step_id) {
  LT_TRY(
      connection_.Execute("INSERT INTO case_procedure_events (case_id, event, at, transition_id) "
                          "VALUES ($1, $2, $3, $4)",
                          {case_id, event.event, event.at, OptionalValue(step_id)}));
  return Ok();
}

Result<std::vector<domain::ProcedureEvent>> ProcedureStore::ListEvents(Id case_id) {
  std::vector<domain::ProcedureEvent> events;
  LT_TRY(connection_.Query(
      "SELECT event, at FROM case_procedure_events WHERE case_id = $1 ORDER BY id", {case_id},
      [&](const Row& row) {
        events.push_back({row.Text(0), row.Int(1)});
      }));
  return events;
}

Result<std::optional<domain::QualityReport>> ProcedureStore::FindReport(Id case_id) {
  std::optional<domain::QualityReport> found;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kReportColumns + " FROM quality_reports WHERE case_id = $1",
      {case_id}, [&](const Row& row) { found = ReportFromRow(row); }));
  return found;
}

Result<Id> ProcedureStore::SaveReport(const domain::QualityReport& report) {
  const SqlParams params = {report.case_id,
                            std::string(domain::kReportKindCodes.ToCode(report.kind)),
                            report.defect_description,
                            OptionalValue(report.sample_received_at),
                            report.root_cause_occurrence,
                            report.root_cause_outflow,
                            OptionalValue(report.responsible_department_id),
                            OptionalValue(report.approved_by),
                            OptionalValue(report.approved_at),
                            report.verification,
                            OptionalValue(report.verified_by),
                            OptionalValue(report.verified_at),
                            report.created_at,
                            report.updated_at,
                            report.preliminary_analysis,
                            OptionalValue(report.meeting.held_at),
                            JoinIds(report.meeting.department_ids),
                            report.meeting.conclusion,
                            report.failure_analysis,
                            report.solution,
                            OptionalValue(report.solution_by),
                            OptionalValue(report.solution_at),
                            report.early_close_reason};
  return connection_.QueryInt(
      "INSERT INTO quality_reports (case_id, kind, defect_description, sample_received_at, "
      "root_cause_occurrence, root_cause_outflow, responsible_department_id, approved_by, "
      "approved_at, verification, verified_by, verified_at, created_at, updated_at, "
      "preliminary_analysis, meeting_held_at, meeting_department_ids, meeting_conclusion, "
      "failure_analysis, solution, solution_by, solution_at, early_close_reason) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
      "$19, $20, $21, $22, $23) "
      "ON CONFLICT (case_id) DO UPDATE SET kind = excluded.kind, "
      "defect_description = excluded.defect_description, "
      "sample_received_at = excluded.sample_received_at, "
      "root_cause_occurrence = excluded.root_cause_occurrence, "
      "root_cause_outflow = excluded.root_cause_outflow, "
      "responsible_department_id = excluded.responsible_department_id, "
      "approved_by = excluded.approved_by, approved_at = excluded.approved_at, "
      "verification = excluded.verification, verified_by = excluded.verified_by, "
      "verified_at = excluded.verified_at, updated_at = excluded.updated_at, "
      "preliminary_analysis = excluded.preliminary_analysis, "
      "meeting_held_at = excluded.meeting_held_at, "
      "meeting_department_ids = excluded.meeting_department_ids, "
      "meeting_conclusion = excluded.meeting_conclusion, "
      "failure_analysis = excluded.failure_analysis, solution = excluded.solution, "
      "solution_by = excluded.solution_by, solution_at = excluded.solution_at, "
      "early_close_reason = excluded.early_close_reason RETURNING id",
      params);
}

Result<std::vector<domain::QualityReport>> ProcedureStore::ListAwaitingVerification(
    TimestampMs approved_before, int limit) {
  std::vector<domain::QualityReport> reports;
  LT_TRY(connection_.Query(std::string("SELECT ") + kReportColumns +
                               " FROM quality_reports WHERE verified_at IS NULL AND "
                               "approved_at < $1 ORDER BY approved_at, id LIMIT $2",
                           {approved_before, std::int64_t{limit}},
                           [&](const Row& row) { reports.push_back(ReportFromRow(row)); }));
  return reports;
}

Result<std::vector<ProcedureStore::ClosedReport>> ProcedureStore::ListClosedReports(
    TimestampMs from, TimestampMs to) {
  std::vector<ClosedReport> reports;
  std::string columns;  // kReportColumns, each qualified with "r."
  for (const auto& column : SplitCodes(kReportColumns)) {
    columns += "r." + column.substr(0, column.find(',')) + ", ";
  }
  // A case closed again later (after a reopening) belongs to the later period.
  LT_TRY(connection_.Query(
      "SELECT " + columns +
          "e.at FROM case_procedure_events e JOIN quality_reports r ON r.case_id = e.case_id "
          "WHERE e.event = 'closed' AND e.at >= $1 AND e.at < $2 AND NOT EXISTS (SELECT 1 FROM "
          "case_procedure_events later WHERE later.case_id = e.case_id AND "
          "later.event = 'closed' AND later.at > e.at) ORDER BY e.at, r.id",
      {from, to}, [&](const Row& row) {
        reports.push_back({ReportFromRow(row), row.Int(kReportColumnCount)});
      }));
  return reports;
}

Result<Id> ProcedureStore::InsertAction(const domain::Action& action) {
  return connection_.QueryInt(
      "INSERT INTO actions (case_id, kind, description, owner_id, department_id, due_at, status, "
      "evidence, verification, done_at, verified_at, created_by, created_at, updated_at, "
      "prevention_report_id) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
      {action.case_id, std::string(domain::kActionKindCodes.ToCode(action.kind)),
       action.description, action.owner_id, OptionalValue(action.department_id), action.due_at,
       std::string(domain::kActionStatusCodes.ToCode(action.status)), action.evidence,
       action.verification, OptionalValue(action.done_at), OptionalValue(action.verified_at),
       OptionalValue(action.created_by), action.created_at, action.updated_at,
       OptionalValue(action.prevention_report_id)});
}

Status ProcedureStore::UpdateAction(const domain::Action& action) {
  LT_TRY(connection_.Execute(
      "UPDATE actions SET kind = $1, description = $2, owner_id = $3, department_id = $4, "
      "due_at = $5, status = $6, evidence = $7, verification = $8, done_at = $9, "
      "verified_at = $10, updated_at = $11 WHERE id = $12",
      {std::string(domain::kActionKindCodes.ToCode(action.kind)), action.description,
       action.owner_id, OptionalValue(action.department_id), action.due_at,
       std::string(domain::kActionStatusCodes.ToCode(action.status)), action.evidence,
       action.verification, OptionalValue(action.done_at), OptionalValue(action.verified_at),
       action.updated_at, action.id}));
  return Ok();
}

Result<std::optional<domain::Action>> ProcedureStore::FindAction(Id id) {
  std::optional<domain::Action> found;
  LT_TRY(connection_.Query(std::string("SELECT ") + kActionColumns + " FROM actions WHERE id = $1",
                           {id}, [&](const Row& row) { found = ActionFromRow(row); }));
  return found;
}

Result<std::vector<domain::Action>> ProcedureStore::ListActions(Id case_id) {
  std::vector<domain::Action> actions;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kActionColumns + " FROM actions WHERE case_id = $1 ORDER BY id",
      {case_id}, [&](const Row& row) { actions.push_back(ActionFromRow(row)); }));
  return actions;
}

Result<std::vector<domain::Action>> ProcedureStore::ListActionsAcross(
    std::optional<Id> owner_id, const std::vector<domain::ActionStatus>& statuses, int limit) {
  std::string sql = std::string("SELECT ") + kActionColumns + " FROM actions WHERE 1 = 1";
  SqlParams params;
  if (owner_id) {
    params.push_back(*owner_id);
    sql += " AND owner_id = $" + std::to_string(params.size());
  }
  if (!statuses.empty()) {
    sql += " AND status IN (";
    for (std::size_t i = 0; i < statuses.size(); ++i) {
      params.push_back(std::string(domain::kActionStatusCodes.ToCode(statuses[i])));
      sql += (i ? ", $" : "$") + std::to_string(params.size());
    }
    sql += ")";
  }
  params.push_back(std::int64_t{limit});
  sql += " ORDER BY due_at, id LIMIT $" + std::to_string(params.size());
  std::vector<domain::Action> actions;
  LT_TRY(connection_.Query(sql, params,
                           [&](const Row& row) { actions.push_back(ActionFromRow(row)); }));
  return actions;
}

Result<Id> ProcedureStore::InsertReview(const domain::DecisionReview& review) {
  return connection_.QueryInt(
      "INSERT INTO decision_reviews (case_id, transition_id, alternatives, opened_at) "
      "VALUES ($1, $2, $3, $4) RETURNING id",
      {review.case_id, review.transition_id,
       JoinEnumCodes(review.alternatives, domain::kAlternativeCodes), review.opened_at});
}

Status ProcedureStore::SettleReview(const domain::DecisionReview& review) {
  LT_TRY(connection_.Execute(
      "UPDATE decision_reviews SET settled_at = $1, settled_by = $2, alternative_taken = $3, "
      "outcome = $4 WHERE id = $5",
      {OptionalValue(review.settled_at), OptionalValue(review.settled_by),
       review.alternative_taken
           ? SqlValue(std::string(domain::kAlternativeCodes.ToCode(*review.alternative_taken)))
           : SqlValue(nullptr),
       review.outcome, review.id}));
  return Ok();
}

Result<std::optional<domain::DecisionReview>> ProcedureStore::FindReview(Id id) {
  std::optional<domain::DecisionReview> found;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kReviewColumns + " FROM decision_reviews WHERE id = $1", {id},
      [&](const Row& row) { found = ReviewFromRow(row); }));
  return found;
}

Result<std::vector<domain::DecisionReview>> ProcedureStore::ListReviews(domain::Settled settled,
                                                                        int limit) {
  std::vector<domain::DecisionReview> reviews;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kReviewColumns + " FROM decision_reviews WHERE settled_at IS " +
          (settled == domain::Settled::kNo ? "NULL" : "NOT NULL") +
          " ORDER BY opened_at, id LIMIT $1",
      {std::int64_t{limit}}, [&](const Row& row) { reviews.push_back(ReviewFromRow(row)); }));
  return reviews;
}

Result<Id> ProcedureStore::InsertPreventionReport(const domain::PreventionReport& report) {
  return connection_.QueryInt(
      "INSERT INTO prevention_reports (case_id, problem, analysis, opened_by, opened_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {report.case_id, report.problem, report.analysis, OptionalValue(report.opened_by),
       report.opened_at, report.updated_at});
}

Status ProcedureStore::SavePreventionReport(const domain::PreventionReport& report) {
  LT_TRY(connection_.Execute(
      "UPDATE prevention_reports SET problem = $1, analysis = $2, approved_by = $3, "
      "approved_at = $4, verification = $5, verified_by = $6, verified_at = $7, updated_at = $8 "
      "WHERE id = $9",
      {report.problem, report.analysis, OptionalValue(report.approved_by),
       OptionalValue(report.approved_at), report.verification, OptionalValue(report.verified_by),
       OptionalValue(report.verified_at), report.updated_at, report.id}));
  return Ok();
}

Result<std::optional<domain::PreventionReport>> ProcedureStore::FindPreventionReport(Id case_id) {
  std::optional<domain::PreventionReport> found;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kPreventionColumns + " FROM prevention_reports WHERE case_id = $1",
      {case_id}, [&](const Row& row) { found = PreventionFromRow(row); }));
  return found;
}

Result<std::vector<domain::PreventionReport>> ProcedureStore::ListPreventionReports(
    domain::Settled verified, int limit) {
  std::vector<domain::PreventionReport> reports;
  LT_TRY(connection_.Query(std::string("SELECT ") + kPreventionColumns +
                               " FROM prevention_reports WHERE verified_at IS " +
                               (verified == domain::Settled::kNo ? "NULL" : "NOT NULL") +
                               " ORDER BY opened_at, id LIMIT $1",
                           {std::int64_t{limit}},
                           [&](const Row& row) { reports.push_back(PreventionFromRow(row)); }));
  return reports;
}

}  // namespace lt::storage
