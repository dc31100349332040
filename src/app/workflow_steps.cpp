#include "app/workflow_steps.hpp"

#include <algorithm>

#include "app/actions.hpp"
#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "app/feedback_letter.hpp"
#include "app/field_rules.hpp"
#include "app/live_updates.hpp"
#include "app/outbox.hpp"
#include "app/references.hpp"
#include "app/sla_clocks.hpp"
#include "app/verifications.hpp"
#include "storage/action_store.hpp"
#include "storage/audit_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/decision_review_store.hpp"
#include "storage/interaction_store.hpp"
#include "storage/quality_report_store.hpp"
#include "storage/step_store.hpp"
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
      root_cause_outflow, preliminary_analysis, meeting_conclusion, failure_analysis, solution,
      permanent_pending_reason, reply, verification, early_close_reason;
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
  texts.preliminary_analysis = text(input.preliminary_analysis, "preliminary_analysis");
  if (input.meeting)
    texts.meeting_conclusion = text(input.meeting->conclusion, "meeting.conclusion");
  texts.failure_analysis = text(input.failure_analysis, "failure_analysis");
  texts.solution = text(input.solution, "solution");
  texts.permanent_pending_reason = text(input.permanent_pending_reason, "permanent_pending_reason");
  texts.reply = text(input.reply, "reply");
  texts.verification = text(input.verification, "verification");
  texts.early_close_reason = text(input.early_close_reason, "early_close_reason");
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
          {"preliminary_analysis", !texts.preliminary_analysis.empty()},
          {"meeting", input.meeting.has_value()},
          {"failure_analysis", !texts.failure_analysis.empty()},
          {"solution", !texts.solution.empty()},
          {"countermeasures", !input.countermeasures.empty()},
          {"permanent_pending_reason", !texts.permanent_pending_reason.empty()},
          {"reply", !texts.reply.empty()},
          {"customer_decision", input.customer_decision.has_value()},
          {"alternatives", !input.alternatives.empty()},
          {"verification", !texts.verification.empty()},
          {"early_close_reason", !texts.early_close_reason.empty()}};
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
  auto check_moment = [&](const std::optional<TimestampMs>& at, const std::string& field) {
    if (at && *at > now + max_skew_ms) {
      errors.Add(field, "validation.future_time");
    } else if (at && *at < a_case.received_at) {
      errors.Add(field, "validation.before_receipt");
    }
  };
  check_moment(input.sample_received_at, "sample_received_at");
  if (input.meeting) {
    // The record of a meeting says when, who and what was concluded.
    if (!input.meeting->held_at) errors.Add("meeting.held_at", "validation.required");
    check_moment(input.meeting->held_at, "meeting.held_at");
    if (input.meeting->department_ids.empty()) {
      errors.Add("meeting.department_ids", "validation.required");
    }
    if (texts.meeting_conclusion.empty()) errors.Add("meeting.conclusion", "validation.required");
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

bool Records(const domain::WorkflowTransition& step, std::string_view event) {
  return std::find(step.events.begin(), step.events.end(), event) != step.events.end();
}

// The responsible unit signs for the environmental form and enters its
// solution (the regulation's 5.2 (3)): a member of the department the form
// names, or an admin.
Status CheckSignsForTheUnit(const domain::Principal& principal,
                            const std::optional<domain::QualityReport>& report) {
  if (principal.system || principal.role == domain::Role::kAdmin) return Ok();
  const auto unit = report ? report->responsible_department_id : std::nullopt;
  if (!unit || !domain::WorksIn(principal, *unit)) {
    return Error::Of(ErrorCode::kForbidden, "error.not_responsible_unit");
  }
  return Ok();
}

// QA closes a case only once the verification next month allows it; the QA
// head may close earlier with a written reason.
Status CheckReadyToClose(storage::Connection& connection, const domain::Principal& principal,
                         const domain::Case& a_case, const std::string& early_close_reason,
                         TimestampMs now) {
  if (!early_close_reason.empty()) {
    if (principal.system || domain::Holds(principal.role, domain::Role::kQaHead) ||
        principal.role == domain::Role::kAdmin) {
      return Ok();
    }
    return Error::Of(ErrorCode::kForbidden, "error.early_close_qa_head");
  }
  LT_TRY_ASSIGN(auto blockers, CloseBlockers(connection, a_case, now));
  if (blockers.empty()) return Ok();
  Error error = Error::Of(ErrorCode::kConflict, "error.close_not_ready");
  error.fields = std::move(blockers);
  return error;
}

// The quality abnormality report (or environmental form) collects the
// investigation's data step by step; it is written when a step adds some.
Status RecordQualityReportData(storage::Connection& connection, const domain::Case& a_case,
                               const std::optional<domain::QualityReport>& existing, bool approves,
                               const StepInput& input, const StepTexts& texts,
                               std::optional<Id> actor, TimestampMs now) {
  domain::QualityReport original;
  if (existing) {
    original = *existing;
  } else {
    original.case_id = a_case.id;
    original.kind = a_case.origin_class == domain::OriginClass::kEnvironmental
                        ? domain::QualityReportKind::kEnvironmental
                        : domain::QualityReportKind::kQuality;
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
  if (!texts.preliminary_analysis.empty()) report.preliminary_analysis = texts.preliminary_analysis;
  if (input.meeting) {
    report.meeting = {input.meeting->held_at, input.meeting->department_ids,
                      texts.meeting_conclusion};
  }
  if (!texts.failure_analysis.empty()) report.failure_analysis = texts.failure_analysis;
  if (!texts.solution.empty()) {
    report.solution = texts.solution;
    report.solution_by = actor;
    report.solution_at = now;
  }
  if (!texts.early_close_reason.empty()) report.early_close_reason = texts.early_close_reason;
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
  LT_TRY(storage::QualityReportStore(connection).Save(report));
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
  message.occurred_at = now;
  message.created_at = now;
  // By e-mail it goes out through the outbox; on other channels the
  // interaction records what was told.
  std::optional<MailRecipient> recipient;
  if (a_case.channel == domain::Channel::kEmail) {
    LT_TRY_ASSIGN(recipient, MailRecipientOf(connection, a_case));
  }
  if (recipient) message.delivery = domain::Delivery::kQueued;
  LT_TRY(storage::InteractionStore(connection).Insert(message));
  if (!recipient) return Ok();
  MailToQueue mail;
  mail.purpose = domain::OutboxPurpose::kFeedbackLetter;
  mail.interaction_id = message.id;
  mail.to_name = recipient->name;
  mail.to_address = recipient->address;
  mail.body = body;
  LT_TRY(QueueCaseMail(connection, a_case, mail, now));
  return Ok();
}

}  // namespace

Result<AvailableSteps> ListAvailableSteps(AppContext& context, const domain::Principal& principal,
                                          Id case_id) {
  AvailableSteps available;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const domain::Case a_case, LoadVisibleCase(connection, principal, case_id));
    LT_TRY_ASSIGN(available.workflow, storage::WorkflowStore(connection).Load());
    for (const auto* step : domain::StepsOpenTo(*available.workflow, a_case, principal)) {
      available.steps.push_back(*step);
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
    LT_TRY_ASSIGN(const domain::WorkflowTransition* chosen,
                  domain::ChooseStep(*workflow, before, principal, input.to, input.step));
    const domain::WorkflowTransition& step = *chosen;

    FieldErrors errors;
    CheckStepData(step, input, texts, before, now, context.options.max_clock_skew_ms, errors);
    LT_TRY(CheckReference(connection, Reference::kDepartment, input.department_id, "department_id",
                          errors));
    LT_TRY(CheckReference(connection, Reference::kDepartment, input.responsible_department_id,
                          "responsible_department_id", errors));
    if (input.meeting) {
      for (std::size_t i = 0; i < input.meeting->department_ids.size(); ++i) {
        LT_TRY(CheckReference(connection, Reference::kDepartment, input.meeting->department_ids[i],
                              "meeting.department_ids[" + std::to_string(i) + "]", errors));
      }
    }
    std::vector<domain::Action> new_actions;
    for (std::size_t i = 0; i < input.countermeasures.size(); ++i) {
      const std::string prefix = "countermeasures[" + std::to_string(i) + "].";
      LT_TRY_ASSIGN(auto description,
                    CheckNewAction(connection, input.countermeasures[i], prefix, errors));
      if (!input.countermeasures[i].department_id) {
        errors.Add(prefix + "department_id", "validation.required");
      }
      new_actions.push_back(NewAction(case_id, input.countermeasures[i], std::move(description),
                                      principal.user_id, now));
    }
    LT_TRY_ASSIGN(const auto report, storage::QualityReportStore(connection).Find(case_id));
    if (Requires(step, Requirement::kPreliminaryAnalysis) && texts.preliminary_analysis.empty() &&
        (!report || report->preliminary_analysis.empty())) {
      errors.Add("preliminary_analysis", "validation.required");
    }
    if (Requires(step, Requirement::kCountermeasure)) {
      LT_TRY_ASSIGN(auto actions, storage::ActionStore(connection).List(case_id));
      actions.insert(actions.end(), new_actions.begin(), new_actions.end());
      for (auto& gap :
           domain::CountermeasureGaps(actions, !texts.permanent_pending_reason.empty())) {
        errors.Add(std::move(gap.field), std::move(gap.key), std::move(gap.args));
      }
    }
    if (Requires(step, Requirement::kSolution)) {
      LT_TRY(CheckSignsForTheUnit(principal, report));
    }
    if (!errors.empty()) return errors.ToError();
    if (Records(step, domain::kVerifiedEvent)) {
      LT_TRY(CheckReadyToClose(connection, principal, before, texts.early_close_reason, now));
    }

    domain::Case updated = before;
    updated.status = step.to;
    if (input.department_id) updated.department_id = *input.department_id;
    if (input.responsible_department_id) {
      updated.responsible_department_id = *input.responsible_department_id;
    }
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
    LT_TRY_ASSIGN(record.id, storage::StepStore(connection).Insert(record));
    if (record.customer_decision == domain::CustomerDecision::kRejected) {
      domain::DecisionReview review;
      review.case_id = case_id;
      review.transition_id = record.id;
      review.alternatives = record.alternatives;
      review.opened_at = now;
      LT_TRY(storage::DecisionReviewStore(connection).Insert(review));
    }
    for (const auto& event : step.events) {
      const TimestampMs at =
          event == "sample_received" && input.sample_received_at ? *input.sample_received_at : now;
      LT_TRY(storage::StepStore(connection).InsertEvent(case_id, {event, at}, record.id));
    }

    const bool approves = Records(step, domain::kCountermeasuresApprovedEvent);
    LT_TRY(RecordQualityReportData(connection, before, report, approves, input, texts,
                                   principal.user_id, now));
    for (const auto& action : new_actions) LT_TRY(storage::ActionStore(connection).Insert(action));
    if (!texts.resolution.empty()) {
      LT_TRY(AddOutboundMessage(connection, updated, principal, texts.resolution, now));
    }
    if (!texts.reply.empty()) {
      // With this step's data written above.
      LT_TRY_ASSIGN(const std::string letter,
                    WriteFeedbackLetterFor(connection, updated, texts.reply));
      LT_TRY(AddOutboundMessage(connection, updated, principal, letter, now));
    }

    LT_TRY(storage::CaseStore(connection).Update(updated, before));
    ++updated.version;
    ChangeList changes;
    changes.Record("step", std::nullopt, step.code);
    changes.Record("status", before.status, updated.status);
    changes.Record("department_id", before.department_id, updated.department_id);
    changes.Record("responsible_department_id", before.responsible_department_id,
                   updated.responsible_department_id);
    if (!texts.early_close_reason.empty()) {
      changes.Record("early_close_reason", std::nullopt, texts.early_close_reason);
    }
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
    LT_TRY_ASSIGN(steps, storage::StepStore(connection).List(case_id));
    return Ok();
  }));
  return steps;
}

}  // namespace lt::app
