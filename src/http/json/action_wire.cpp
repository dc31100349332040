#include "http/json/action_wire.hpp"

#include "http/json/wire_support.hpp"

namespace lt::http::wire {

using nlohmann::json;

json ActionToJson(const domain::Action& action) {
  return {{"id", action.id},
          {"case_id", action.case_id},
          {"kind", domain::kActionKindCodes.ToCode(action.kind)},
          {"description", action.description},
          {"owner_id", action.owner_id},
          {"department_id", OptionalId(action.department_id)},
          {"due_at", FormatTimestamp(action.due_at)},
          {"status", domain::kActionStatusCodes.ToCode(action.status)},
          {"evidence", action.evidence},
          {"verification", action.verification},
          {"done_at", OptionalTime(action.done_at)},
          {"verified_at", OptionalTime(action.verified_at)},
          {"created_at", FormatTimestamp(action.created_at)},
          {"prevention_report_id", OptionalId(action.prevention_report_id)}};
}

app::ActionInput ReadActionInput(ObjectReader& reader) {
  app::ActionInput input;
  input.kind = reader.Enum("kind", domain::kActionKindCodes);
  input.description = reader.String("description").value_or("");
  if (auto id = reader.NullableId("owner_id")) input.owner_id = *id;
  if (auto id = reader.NullableId("department_id")) input.department_id = *id;
  input.due_at = reader.Timestamp("due_at");
  return input;
}

Result<app::ActionInput> ParseActionInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::ActionInput input = ReadActionInput(reader);
  return Finish(reader, errors, std::move(input));
}

Result<app::ActionPatch> ParseActionPatch(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::ActionPatch patch;
  patch.description = reader.String("description");
  if (auto id = reader.NullableId("owner_id")) {
    if (*id) {
      patch.owner_id = **id;
    } else {
      errors.Add("owner_id", "validation.required");
    }
  }
  patch.department_id = reader.NullableId("department_id");
  patch.due_at = reader.Timestamp("due_at");
  return Finish(reader, errors, std::move(patch));
}

Result<std::string> ParseTextBody(const json& body, const std::string& name) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  std::string text = reader.RequiredString(name);
  return Finish(reader, errors, std::move(text));
}

Result<ActionVerificationInput> ParseActionVerification(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  ActionVerificationInput input;
  const auto effective = reader.Boolean("effective");
  if (!effective && !reader.Has("effective")) errors.Add("effective", "validation.required");
  input.effectiveness =
      effective.value_or(true) ? app::Effectiveness::kEffective : app::Effectiveness::kNotEffective;
  input.verification = reader.RequiredString("verification");
  return Finish(reader, errors, std::move(input));
}

}  // namespace lt::http::wire
