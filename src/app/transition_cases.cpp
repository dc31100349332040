#include "app/transition_cases.hpp"

#include <algorithm>

#include "app/action_cases.hpp"
#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/case_cases.hpp"
#include "app/feedback_letter.hpp"
#include "app/field_rules.hpp"
#include "app/live_updates.hpp"
#include "app/references.hpp"
#include "app/sla_clocks.hpp"
#include "storage/audit_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/customer_store.hpp"
#include "storage/interaction_store.hpp"
#include "storage/procedure_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

using domain::Requirement;

constexpr std::size_t kMaxStepTextChars = 10000;

bool Requires(const domain::WorkflowTransition& step, Requirement requirement) {
  return std::find(step.requirements.begin(), step.requirements.end(), requirement) !=
         step.requirements.end();
}

// The data of a step after the checks that need no store: trimmed texts.
struct StepTexts {
  std::string note, reason, resolution, defect_description, root_cause_occurrence,
      root_cause_outflow, reply, verification;
};

StepTexts CheckTexts(const StepInput& input, FieldErrors& errors) {
  auto text = [&](const std::optional<std::string>& value, const char* field) {
    return value ? CheckText(*value, field, kMaxStepTextChars, Presence::kOptional, errors)
                 : std::string();
  };
  StepTexts texts;
  texts.note = text(input.note, "note");
  texts.reason = text(input.reason, "reason");
  texts.resolution = text(input.resolution, "resolution");
  texts.defect_description = text(input.defect_description, "defect_description");
  texts.root_cause_occurrence = text(input.root_cause_occurrence, "root_cause_occurrence");
  texts.root_cause_outflow = text(input.root_cause_outflow, "root_cause_outflow");
  texts.reply = text(input.reply, "reply");
  texts.verification = text(input.verification, "verification");
  return texts;
}

// Whether each field of a step's data was given (texts once trimmed).
std::vector<std::pair<std::string_view, bool>> GivenFields(const StepInput& input,
                                                           const StepTexts& texts) {
  return {{"note", !texts.note.empty()},
          {"reason", !texts.reason.empty()},
          {"resolution", !texts.resolution.empty()},
          {"department_id", input.department_id.has_value()},
          {"sample_received_at", input.sample_received_at.has_value()},
          {"defect_description", !texts.defect_description.empty()},
          {"root_cause_occurrence", !texts.root_cause_occurrence.empty()},
          {"root_cause_outflow", !texts.root_cause_outflow.empty()},
          {"responsible_department_id", input.responsible_department_id.has_value()},
          {"countermeasure", input.countermeasure.has_value()},
          {"reply", !texts.reply.empty()},
          {"customer_decision", input.customer_decision.has_value()},
          {"alternatives", !input.alternatives.empty()},
          {"verification", !texts.verification.empty()}};
}

// Checks the step's data against its requirements (domain::FieldsOf): every
// required field given, nothing given that the step does not ask for (a note
// is always welcome), so nobody believes it was stored. Then the rules of
// particular fields.
void CheckStepData(const domain::WorkflowTransition& step, const StepInput& input,
                   const StepTexts& texts, const domain::Case& a_case, TimestampMs now,
                   TimestampMs max_skew_ms, FieldErrors& errors) {
  const auto given = GivenFields(input, texts);
  auto is_given = [&](std::string_view name) {
    for (const auto& [field, present] : given) {
      if (field == name) return present;
    }
    return false;
  };
  for (const auto& [field, present] : given) {
    if (present && field != "note" && !domain::TakesField(step, field)) {
      errors.Add(std::string(field), "validation.not_expected");
    }
  }
  for (const auto requirement : step.requirements) {
    for (const auto& field : domain::FieldsOf(requirement)) {
      if (field.required && !is_given(field.name)) {
        errors.Add(std::string(field.name), "validation.required");
      }
    }
  }
  if (input.sample_received_at && *input.sample_received_at > now + max_skew_ms) {
    errors.Add("sample_received_at", "validation.future_time");
  } else if (input.sample_received_at && *input.sample_received_at < a_case.received_at) {
    errors.Add("sample_received_at", "validation.before_receipt");
  }
  if (input.customer_decision) {
    const bool rejected = *input.customer_decision == domain::CustomerDecision::kRejected;
    if (rejected && input.alternatives.empty()) {
      errors.Add("alternatives", "validation.alternatives_required");
    } else if (!rejected && !input.alternatives.empty()) {
      errors.Add("alternatives", "validation.not_expected");
    }
  }
}

// The quality abnormality report (or environmental form) collects the
// investigation's data step by step; it is written when a step adds some.
Status RecordReportData(storage::ProcedureStore& procedure, const domain::Case& a_case,
                        bool approves, const StepInput& input, const StepTexts& texts,
                        std::optional<Id> actor, TimestampMs now) {
  LT_TRY_ASSIGN(const auto existing, procedure.FindReport(a_case.id));
  domain::QualityReport original;
  if (existing) {
    original = *existing;
  } else {
    original.case_id = a_case.id;
    original.kind = a_case.origin_class == domain::OriginClass::kEnvironmental
                        ? domain::ReportKind::kEnvironmental
                        : domain::ReportKind::kQuality;
    original.created_at = now;
    original.updated_at = now;
  }
  domain::QualityReport report = original;
  if (!texts.defect_description.empty()) report.defect_description = texts.defect_description;
  if (input.sample_received_at) report.sample_received_at = input.sample_received_at;
  if (!texts.root_cause_occurrence.empty()) {
    report.root_cause_occurrence = texts.root_cause_occurrence;
    report.root_cause_outflow = texts.root_cause_outflow;
  }
  if (input.responsible_department_id) {
    report.responsible_department_id = input.responsible_department_id;
  }
  if (approves) {
    report.approved_by = actor;
    report.approved_at = now;
  }
  if (!texts.verification.empty()) {
    report.verification = texts.verification;
    report.verified_by = actor;
    report.verified_at = now;
  }
  if (report == original) return Ok();
  report.updated_at = now;
  LT_TRY(procedure.SaveReport(report));
  return Ok();
}

// The answer told to the customer, on the case's channel and timeline.
Status AddOutboundMessage(storage::Connection& connection, const domain::Case& a_case,
                          const domain::Principal& principal, const std::string& body,
                          TimestampMs now) {
  domain::Interaction message;
  message.case_id = a_case.id;
  message.direction = domain::Direction::kOutbound;
  message.channel = a_case.channel;
  message.visibility = domain::Visibility::kPublic;
  message.author_user_id = principal.user_id;
  message.body = body;
  message.delivery = domain::Delivery::kQueued;  // for the channel's adapter to send
  message.occurred_at = now;
  message.created_at = now;
  LT_TRY(storage::InteractionStore(connection).Insert(message));
  return Ok();
}

}  // namespace

Result<AvailableSteps> ListAvailableSteps(AppContext& context, const domain::Principal& principal,
                                          Id case_id) {
  AvailableSteps available;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const domain::Case a_case, LoadVisibleCase(connection, principal, case_id));
    LT_TRY_ASSIGN(available.workflow, storage::WorkflowStore(connection).Load());
    for (const auto* step :
         available.workflow->StepsFrom(a_case.status, a_case.type, a_case.origin_class)) {
      if (principal.system || domain::MayTake(*step, principal.role)) {
        available.steps.push_back(*step);
      }
    }
    return Ok();
  }));
  return available;
}

Result<TakenStep> TakeStep(AppContext& context, const domain::Principal& principal, Id case_id,
                           const StepInput& input, std::optional<std::int64_t> expected_version) {
  const TimestampMs now = context.clock.NowMs();
  FieldErrors text_errors;
  if (!domain::IsWorkflowCode(input.to)) text_errors.Add("to", "validation.workflow_code");
  const StepTexts texts = CheckTexts(input, text_errors);
  if (!text_errors.empty()) return text_errors.ToError();

  TakenStep taken;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const domain::Case before, LoadVisibleCase(connection, principal, case_id));
    if (expected_version && *expected_version != before.version) {
      return Error::Of(ErrorCode::kConflict, "error.case_changed");
    }
    LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
    if (!workflow->FindState(input.to)) {
      return Error::Invalid("to", "validation.unknown_state", {{"value", input.to}});
    }
    const domain::WorkflowTransition* chosen = nullptr;
    bool leads_there = false;
    for (const auto* step : workflow->StepsFrom(before.status, before.type, before.origin_class)) {
      if (step->to != input.to || (input.step && step->code != *input.step)) continue;
      leads_there = true;
      if (principal.system || domain::MayTake(*step, principal.role)) {
        chosen = step;
        break;
      }
    }
    if (!leads_there) {
      return Error::Of(ErrorCode::kConflict, "error.transition_not_allowed",
                       {{"from", before.status}, {"to", input.to}});
    }
    if (!chosen) {
      return Error::Of(ErrorCode::kForbidden, "error.transition_forbidden",
                       {{"from", before.status}, {"to", input.to}});
    }
    const domain::WorkflowTransition& step = *chosen;

    FieldErrors errors;
    CheckStepData(step, input, texts, before, now, context.options.max_clock_skew_ms, errors);
    LT_TRY(CheckReference(connection, Reference::kDepartment, input.department_id, "department_id",
                          errors));
    LT_TRY(CheckReference(connection, Reference::kDepartment, input.responsible_department_id,
                          "responsible_department_id", errors));
    std::string countermeasure;
    if (input.countermeasure) {
      LT_TRY_ASSIGN(countermeasure,
                    CheckNewAction(connection, *input.countermeasure, "countermeasure.", errors));
    }
    storage::ProcedureStore procedure(connection);
    if (Requires(step, Requirement::kCountermeasure) && !input.countermeasure) {
      LT_TRY_ASSIGN(const auto actions, procedure.ListActions(case_id));
      const bool has_open_action =
          std::any_of(actions.begin(), actions.end(), [](const domain::Action& action) {
            return action.status != domain::ActionStatus::kCancelled;
          });
      if (!has_open_action) errors.Add("countermeasure", "validation.countermeasure_required");
    }
    if (!errors.empty()) return errors.ToError();

    domain::Case updated = before;
    updated.status = step.to;
    if (input.department_id) updated.department_id = *input.department_id;
    updated.updated_at = now;

    domain::CaseStep record;
    record.case_id = case_id;
    record.step = step.code;
    record.from_state = before.status;
    record.to_state = step.to;
    record.actor_user_id = principal.user_id;
    record.at = now;
    record.note = !texts.note.empty() ? texts.note : texts.resolution;
    record.reason = texts.reason;
    record.customer_decision = input.customer_decision;
    record.alternatives = input.alternatives;
    LT_TRY_ASSIGN(record.id, procedure.InsertStep(record));
    if (record.customer_decision == domain::CustomerDecision::kRejected) {
      domain::DecisionReview review;
      review.case_id = case_id;
      review.transition_id = record.id;
      review.alternatives = record.alternatives;
      review.opened_at = now;
      LT_TRY(procedure.InsertReview(review));
    }
    for (const auto& event : step.events) {
      const TimestampMs at =
          event == "sample_received" && input.sample_received_at ? *input.sample_received_at : now;
      LT_TRY(procedure.InsertEvent(case_id, {event, at}, record.id));
    }

    const bool approves = std::find(step.events.begin(), step.events.end(),
                                    domain::kCountermeasuresApprovedEvent) != step.events.end();
    LT_TRY(RecordReportData(procedure, before, approves, input, texts, principal.user_id, now));
    if (input.countermeasure) {
      LT_TRY(procedure.InsertAction(NewAction(case_id, *input.countermeasure,
                                              std::move(countermeasure), principal.user_id, now)));
    }
    if (!texts.resolution.empty()) {
      LT_TRY(AddOutboundMessage(connection, updated, principal, texts.resolution, now));
    }
    if (!texts.reply.empty()) {
      LT_TRY_ASSIGN(const auto customer,
                    storage::CustomerStore(connection).Find(updated.customer_id));
      LT_TRY_ASSIGN(const auto report, procedure.FindReport(case_id));
      LT_TRY_ASSIGN(const auto actions, procedure.ListActions(case_id));
      LT_TRY_ASSIGN(const std::string letter,
                    WriteFeedbackLetter(connection, customer.value_or(domain::Customer{}), updated,
                                        report, actions, texts.reply));
      LT_TRY(AddOutboundMessage(connection, updated, principal, letter, now));
    }

    LT_TRY(storage::CaseStore(connection).Update(updated, before));
    ++updated.version;
    ChangeList changes;
    changes.Record("step", std::nullopt, step.code);
    changes.Record("status", before.status, updated.status);
    changes.Record("department_id", before.department_id, updated.department_id);
    LT_TRY(storage::AuditStore(connection)
               .Append(MakeEvent("case", case_id, "transition", principal.user_id, now,
                                 changes.Take())));
    LT_TRY_ASSIGN(const ClockRefresh clocks, RefreshSlaClocks(connection, *workflow, updated, now));
    updated.sla_due_at = clocks.earliest_due;
    LT_TRY(storage::PublishCaseChange(connection,
                                      ChangeOf(updated, "transition", principal.user_id, now)));
    taken = TakenStep{updated, record};
    return Ok();
  }));
  return taken;
}

Result<std::vector<domain::CaseStep>> ListCaseSteps(AppContext& context,
                                                    const domain::Principal& principal,
                                                    Id case_id) {
  std::vector<domain::CaseStep> steps;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY(LoadVisibleCase(connection, principal, case_id));
    LT_TRY(RequireStaff(principal));
    LT_TRY_ASSIGN(steps, storage::ProcedureStore(connection).ListSteps(case_id));
    return Ok();
  }));
  return steps;
}

}  // namespace lt::app
