#include "http/json/workflow_wire.hpp"

#include <tuple>

#include "http/json/action_wire.hpp"
#include "http/json/wire.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
namespace {

using nlohmann::json;

json LabelsToJson(const domain::Labels& labels) {
  json out = json::object();
  for (const auto& [locale, label] : labels) out[locale] = label;
  return out;
}

domain::Labels ReadLabels(ObjectReader& reader, FieldErrors& errors) {
  domain::Labels labels;
  const json* object = reader.Object("labels");
  if (!object) return labels;
  for (const auto& [locale, label] : object->items()) {
    i18n::Locale parsed;
    if (!i18n::ParseLocaleTag(locale, parsed) || i18n::LocaleTag(parsed) != locale) {
      errors.Add(reader.Path("labels") + "." + locale, "validation.enum",
                 {{"allowed", "zh-CN, en"}});
    } else if (!label.is_string() || label.get<std::string>().empty() ||
               label.get<std::string>().size() > 200) {
      errors.Add(reader.Path("labels") + "." + locale, "validation.type_string");
    } else {
      labels[locale] = label.get<std::string>();
    }
  }
  return labels;
}

std::string StateName(const domain::Workflow& workflow, const std::string& code,
                      i18n::Locale locale) {
  const auto* state = workflow.FindState(code);
  return NameOf(state ? state->labels : domain::Labels{}, "workflow.state." + code, code, locale);
}

}  // namespace

std::string NameOf(const domain::Labels& labels, const std::string& key, const std::string& code,
                   i18n::Locale locale) {
  if (auto found = labels.find(std::string(i18n::LocaleTag(locale))); found != labels.end()) {
    return found->second;
  }
  if (i18n::HasKey(key)) return i18n::Translate(locale, key);
  return labels.empty() ? code : labels.begin()->second;
}

json WorkflowToJson(const domain::Workflow& workflow, i18n::Locale locale) {
  json states = json::array();
  for (const auto& state : workflow.states) {
    states.push_back({{"code", state.code},
                      {"kind", domain::kStateKindCodes.ToCode(state.kind)},
                      {"name", StateName(workflow, state.code, locale)},
                      {"labels", LabelsToJson(state.labels)}});
  }
  json steps = json::array();
  for (const auto& step : workflow.transitions) {
    steps.push_back({{"code", step.code},
                     {"name", NameOf(step.labels, "workflow.step." + step.code, step.code, locale)},
                     {"from", step.from},
                     {"to", step.to},
                     {"roles", CodeList(step.roles, domain::kRoleCodes)},
                     {"case_types", CodeList(step.case_types, domain::kCaseTypeCodes)},
                     {"origin_classes", CodeList(step.origin_classes, domain::kOriginClassCodes)},
                     {"requirements", CodeList(step.requirements, domain::kRequirementCodes)},
                     {"events", step.events},
                     {"labels", LabelsToJson(step.labels)}});
  }
  return {{"initial_state", workflow.initial_state}, {"states", states}, {"transitions", steps}};
}

Result<domain::Workflow> ParseWorkflow(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  domain::Workflow workflow;
  workflow.initial_state = reader.RequiredString("initial_state");
  workflow.states =
      ReadObjects<domain::WorkflowState>(reader, "states", errors, [&](ObjectReader& item) {
        domain::WorkflowState state;
        state.code = item.RequiredString("code");
        state.kind = item.Enum("kind", domain::kStateKindCodes).value_or(domain::StateKind::kOpen);
        // Read-only: the name in the reader's language, as GET shows it, so
        // that what GET returns is accepted back. Labels are what is kept.
        std::ignore = item.String("name");
        state.labels = ReadLabels(item, errors);
        return state;
      });
  workflow.transitions = ReadObjects<domain::WorkflowTransition>(
      reader, "transitions", errors, [&](ObjectReader& item) {
        domain::WorkflowTransition step;
        step.code = item.RequiredString("code");
        step.from = item.StringList("from").value_or(std::vector<std::string>{});
        step.to = item.RequiredString("to");
        step.roles = ReadCodeList(item, "roles", domain::kRoleCodes, errors);
        step.case_types = ReadCodeList(item, "case_types", domain::kCaseTypeCodes, errors);
        step.origin_classes =
            ReadCodeList(item, "origin_classes", domain::kOriginClassCodes, errors);
        step.requirements = ReadCodeList(item, "requirements", domain::kRequirementCodes, errors);
        step.events = item.StringList("events").value_or(std::vector<std::string>{});
        std::ignore = item.String("name");  // read-only, as for states
        step.labels = ReadLabels(item, errors);
        return step;
      });
  return Finish(reader, errors, std::move(workflow));
}

json AvailableStepToJson(const domain::WorkflowTransition& step, const domain::Workflow& workflow,
                         i18n::Locale locale) {
  json required_data = json::array();
  for (const auto requirement : step.requirements) {
    const std::string code(domain::kRequirementCodes.ToCode(requirement));
    json fields = json::array();
    for (const auto& field : domain::FieldsOf(requirement)) {
      fields.push_back({{"name", field.name}, {"type", field.type}, {"required", field.required}});
    }
    required_data.push_back({{"requirement", code},
                             {"name", NameOf({}, "workflow.requirement." + code, code, locale)},
                             {"fields", fields}});
  }
  return {{"step", step.code},
          {"name", NameOf(step.labels, "workflow.step." + step.code, step.code, locale)},
          {"to", step.to},
          {"to_name", StateName(workflow, step.to, locale)},
          {"requires", required_data}};
}

Result<app::StepInput> ParseStepInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::StepInput input;
  input.to = reader.RequiredString("to");
  input.step = reader.String("step");
  input.note = reader.String("note");
  input.reason = reader.String("reason");
  input.resolution = reader.String("resolution");
  if (auto id = reader.NullableId("department_id")) input.department_id = *id;
  input.sample_received_at = reader.Timestamp("sample_received_at");
  input.defect_description = reader.String("defect_description");
  input.root_cause_occurrence = reader.String("root_cause_occurrence");
  input.root_cause_outflow = reader.String("root_cause_outflow");
  if (auto id = reader.NullableId("responsible_department_id")) {
    input.responsible_department_id = *id;
  }
  input.preliminary_analysis = reader.String("preliminary_analysis");
  if (const json* object = reader.Object("meeting")) {
    ObjectReader meeting_reader(*object, errors, "meeting");
    app::MeetingInput meeting;
    meeting.held_at = meeting_reader.Timestamp("held_at");
    meeting.department_ids =
        meeting_reader.IdList("department_ids").value_or(std::vector<std::int64_t>{});
    meeting.conclusion = meeting_reader.String("conclusion");
    meeting_reader.RejectUnknown();
    input.meeting = std::move(meeting);
  }
  input.failure_analysis = reader.String("failure_analysis");
  input.solution = reader.String("solution");
  input.countermeasures =
      ReadObjects<app::ActionInput>(reader, "countermeasures", errors,
                                    [](ObjectReader& action) { return ReadActionInput(action); });
  input.permanent_pending_reason = reader.String("permanent_pending_reason");
  input.reply = reader.String("reply");
  input.customer_decision = reader.Enum("customer_decision", domain::kCustomerDecisionCodes);
  input.alternatives = ReadCodeList(reader, "alternatives", domain::kAlternativeCodes, errors);
  input.verification = reader.String("verification");
  input.early_close_reason = reader.String("early_close_reason");
  return Finish(reader, errors, std::move(input));
}

json CaseStepToJson(const domain::CaseStep& step) {
  return {
      {"id", step.id},
      {"step", step.step},
      {"from", step.from_state},
      {"to", step.to_state},
      {"actor_user_id", OptionalId(step.actor_user_id)},
      {"at", FormatTimestamp(step.at)},
      {"note", step.note},
      {"reason", step.reason},
      {"customer_decision",
       step.customer_decision ? json(domain::kCustomerDecisionCodes.ToCode(*step.customer_decision))
                              : json(nullptr)},
      {"alternatives", CodeList(step.alternatives, domain::kAlternativeCodes)}};
}

json ClockToJson(const sla::StoredClock& stored) {
  const sla::SlaClock& clock = stored.clock;
  json out = {{"target", clock.target},
              {"started_at", FormatTimestamp(clock.started_at)},
              {"due_at", FormatTimestamp(clock.due_at)},
              {"paused_ms", clock.paused_ms},
              {"state", sla::kClockStateCodes.ToCode(clock.state)},
              {"met_at", OptionalTime(clock.met_at)},
              {"warn_at", OptionalTime(clock.warn_at)},
              {"warned_at", OptionalTime(stored.warned_at)},
              {"breached_at", OptionalTime(stored.breached_at)},
              {"original_due_at", OptionalTime(clock.original_due_at)}};
  if (stored.moved) {
    out["moved"] = {{"at", FormatTimestamp(stored.moved->moved_at)},
                    {"by", OptionalId(stored.moved_by)},
                    {"reason", stored.moved_reason}};
  } else {
    out["moved"] = nullptr;
  }
  return out;
}

Result<app::DeadlineMove> ParseDeadlineMove(const json& body, std::string target) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::DeadlineMove move;
  move.target = std::move(target);
  move.due_at = reader.Timestamp("due_at");
  move.reason = reader.String("reason").value_or("");
  move.customer_agreed = reader.Boolean("customer_agreed").value_or(false);
  return Finish(reader, errors, std::move(move));
}

json SlaPoliciesToJson(const std::vector<sla::SlaPolicy>& policies) {
  json items = json::array();
  for (const auto& policy : policies) {
    json targets = json::array();
    for (const auto& target : policy.targets) {
      targets.push_back({{"code", target.code},
                         {"start_event", target.start_event},
                         {"stop_events", target.stop_events},
                         {"pause_states", target.pause_states},
                         {"amount", target.amount},
                         {"unit", sla::kDurationUnitCodes.ToCode(target.unit)},
                         {"warn_percent", target.warn_percent},
                         {"escalate_to_user_id", OptionalId(target.escalate_to_user_id)}});
    }
    items.push_back({{"code", policy.code},
                     {"name", policy.name},
                     {"active", policy.active},
                     {"case_types", CodeList(policy.case_types, domain::kCaseTypeCodes)},
                     {"urgencies", CodeList(policy.urgencies, domain::kUrgencyCodes)},
                     {"origin_classes", CodeList(policy.origin_classes, domain::kOriginClassCodes)},
                     {"segments", CodeList(policy.segments, domain::kSegmentCodes)},
                     {"category_ids", policy.category_ids},
                     {"targets", targets}});
  }
  return {{"policies", items}};
}

Result<std::vector<sla::SlaPolicy>> ParseSlaPolicies(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  auto policies = ReadObjects<sla::SlaPolicy>(reader, "policies", errors, [&](ObjectReader& item) {
    sla::SlaPolicy policy;
    policy.code = item.RequiredString("code");
    policy.name = item.String("name").value_or(policy.code);
    policy.active = item.Boolean("active").value_or(true);
    policy.case_types = ReadCodeList(item, "case_types", domain::kCaseTypeCodes, errors);
    policy.urgencies = ReadCodeList(item, "urgencies", domain::kUrgencyCodes, errors);
    policy.origin_classes = ReadCodeList(item, "origin_classes", domain::kOriginClassCodes, errors);
    policy.segments = ReadCodeList(item, "segments", domain::kSegmentCodes, errors);
    policy.category_ids = item.IdList("category_ids").value_or(std::vector<domain::Id>{});
    policy.targets =
        ReadObjects<sla::SlaTarget>(item, "targets", errors, [&](ObjectReader& target_reader) {
          sla::SlaTarget target;
          target.code = target_reader.RequiredString("code");
          target.start_event = target_reader.RequiredString("start_event");
          target.stop_events =
              target_reader.StringList("stop_events").value_or(std::vector<std::string>{});
          target.pause_states =
              target_reader.StringList("pause_states").value_or(std::vector<std::string>{});
          target.amount = target_reader.Integer("amount", 1, 10000).value_or(0);
          target.unit = target_reader.Enum("unit", sla::kDurationUnitCodes)
                            .value_or(sla::DurationUnit::kWorkingHours);
          target.warn_percent =
              static_cast<int>(target_reader.Integer("warn_percent", 0, 99).value_or(75));
          if (auto id = target_reader.NullableId("escalate_to_user_id")) {
            target.escalate_to_user_id = *id;
          }
          return target;
        });
    return policy;
  });
  return Finish(reader, errors, std::move(policies));
}

json NotificationToJson(const domain::Notification& notification, i18n::Locale locale) {
  const std::string target_name =
      NameOf({}, "sla.target." + notification.target, notification.target, locale);
  const std::string due = notification.due_at ? FormatTimestamp(*notification.due_at) : "";
  return {{"id", notification.id},
          {"kind", notification.kind},
          {"case_id", OptionalId(notification.case_id)},
          {"case_number", notification.case_number},
          {"target", notification.target},
          {"due_at", OptionalTime(notification.due_at)},
          {"message",
           i18n::Translate(
               locale, "notification." + notification.kind,
               {{"number", notification.case_number}, {"target", target_name}, {"due_at", due}})},
          {"created_at", FormatTimestamp(notification.created_at)},
          {"read_at", OptionalTime(notification.read_at)}};
}

json QualityReportToJson(const domain::QualityReport& report) {
  return {{"id", report.id},
          {"case_id", report.case_id},
          {"kind", domain::kReportKindCodes.ToCode(report.kind)},
          {"defect_description", report.defect_description},
          {"sample_received_at", OptionalTime(report.sample_received_at)},
          {"preliminary_analysis", report.preliminary_analysis},
          {"meeting",
           {{"held_at", OptionalTime(report.meeting.held_at)},
            {"department_ids", report.meeting.department_ids},
            {"conclusion", report.meeting.conclusion}}},
          {"root_cause_occurrence", report.root_cause_occurrence},
          {"root_cause_outflow", report.root_cause_outflow},
          {"responsible_department_id", OptionalId(report.responsible_department_id)},
          {"failure_analysis", report.failure_analysis},
          {"solution", report.solution},
          {"solution_by", OptionalId(report.solution_by)},
          {"solution_at", OptionalTime(report.solution_at)},
          {"approved_by", OptionalId(report.approved_by)},
          {"approved_at", OptionalTime(report.approved_at)},
          {"verification", report.verification},
          {"verified_by", OptionalId(report.verified_by)},
          {"verified_at", OptionalTime(report.verified_at)},
          {"early_close_reason", report.early_close_reason},
          {"created_at", FormatTimestamp(report.created_at)},
          {"updated_at", FormatTimestamp(report.updated_at)}};
}

json VerificationToJson(const app::Verification& verification) {
  json recurrences = json::array();
  for (const auto& a_case : verification.recurrences) recurrences.push_back(CaseToJson(a_case));
  json open_actions = json::array();
  for (const auto& action : verification.open_actions) open_actions.push_back(ActionToJson(action));
  return {{"case", CaseToJson(verification.a_case)},
          {"report", QualityReportToJson(verification.report)},
          {"effective_since", FormatTimestamp(verification.effective_since)},
          {"due_from", FormatTimestamp(verification.due_from)},
          {"due", verification.due},
          {"comparable", verification.comparable},
          {"recurrences", recurrences},
          {"open_actions", open_actions}};
}

}  // namespace lt::http::wire
