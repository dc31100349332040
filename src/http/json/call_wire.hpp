#pragma once

// The JSON shapes of phone calls: a call, the screen pop's view of one and an
// agent's record of a call (the telephony system's events: call_event_wire).

#include <nlohmann/json.hpp>

#include "app/calls.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

nlohmann::json CallToJson(const domain::Call& call);
nlohmann::json CallViewToJson(const app::CallView& view);
Result<app::CallInput> ParseCallInput(const nlohmann::json& body);

}  // namespace lt::http::wire
