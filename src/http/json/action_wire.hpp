#pragma once

// The JSON shapes of actions and of the changes made to them.

#include <nlohmann/json.hpp>

#include "app/actions.hpp"
#include "base/result.hpp"
#include "http/json/object_reader.hpp"

namespace lt::http::wire {

nlohmann::json ActionToJson(const domain::Action& action);

// The fields of a new action (kind, description, owner_id, department_id,
// due_at) from `reader`; the use case checks what is required.
app::ActionInput ReadActionInput(ObjectReader& reader);
Result<app::ActionInput> ParseActionInput(const nlohmann::json& body);
Result<app::ActionPatch> ParseActionPatch(const nlohmann::json& body);

// A body holding exactly one text field `name` ({"evidence": "..."}).
Result<std::string> ParseTextBody(const nlohmann::json& body, const std::string& name);

struct ActionVerificationInput {
  app::Effectiveness effectiveness = app::Effectiveness::kEffective;
  std::string verification;
};
// {"effective": true|false, "verification": "..."}.
Result<ActionVerificationInput> ParseActionVerification(const nlohmann::json& body);

}  // namespace lt::http::wire
