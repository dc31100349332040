#include "http/json/step_wire.hpp"

#include <tuple>

#include "http/json/action_wire.hpp"
#include "http/json/wire_support.hpp"
#include "http/json/workflow_wire.hpp"

namespace lt::http::wire {
using nlohmann::json;

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

Result<std::string> ParseLetterPreviewInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  std::string reply = reader.String("reply").value_or("");
  return Finish(reader, errors, std::move(reply));
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

}  // namespace lt::http::wire
