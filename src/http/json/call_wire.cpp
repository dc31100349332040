#include "http/json/call_wire.hpp"

#include "http/json/case_wire.hpp"
#include "http/json/customer_wire.hpp"
#include "http/json/interaction_wire.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

json CallToJson(const domain::Call& call) {
  return {
      {"id", call.id},
      {"external_id", call.external_id ? json(*call.external_id) : json(nullptr)},
      {"direction", domain::kDirectionCodes.ToCode(call.direction)},
      {"number", call.number},
      {"customer_id", OptionalId(call.customer_id)},
      {"agent_user_id", OptionalId(call.agent_user_id)},
      {"state", domain::kCallStateCodes.ToCode(call.state)},
      {"started_at", FormatTimestamp(call.started_at)},
      {"answered_at", OptionalTime(call.answered_at)},
      {"ended_at", OptionalTime(call.ended_at)},
      {"duration_seconds", call.duration_seconds ? json(*call.duration_seconds) : json(nullptr)},
      {"notes", call.notes},
      {"case_id", OptionalId(call.case_id)},
      {"interaction_id", OptionalId(call.interaction_id)},
      {"created_at", FormatTimestamp(call.created_at)}};
}

json CallViewToJson(const app::CallView& view) {
  json cases = json::array();
  for (const auto& a_case : view.open_cases) cases.push_back(CaseToJson(a_case));
  return {{"call", CallToJson(view.call)},
          {"customer", view.customer ? CustomerToJson(*view.customer) : json(nullptr)},
          {"open_cases", cases}};
}

Result<app::CallInput> ParseCallInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CallInput input;
  input.direction =
      reader.Enum("direction", domain::kDirectionCodes).value_or(domain::Direction::kInbound);
  input.number = reader.RequiredString("number");
  input.started_at = reader.Timestamp("started_at");
  input.duration_seconds =
      static_cast<int>(reader.Integer("duration_seconds", 0, 24 * 3600).value_or(0));
  input.agent_user_id = reader.Integer("agent_user_id", 1, INT64_MAX);
  input.notes = reader.String("notes").value_or("");
  input.case_id = reader.Integer("case_id", 1, INT64_MAX);
  input.recording = ParseAttachmentInputs(reader, errors);
  return Finish(reader, errors, std::move(input));
}

}  // namespace lt::http::wire
