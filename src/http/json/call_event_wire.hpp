#pragma once

// The JSON shape of what the telephony system reports of a call.

#include <nlohmann/json.hpp>

#include "app/calls.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

// {"call_id", "event", "number"?, "direction"?, "agent"?, "at"?, "duration_seconds"?}
Result<app::CallEvent> ParseCallEvent(const nlohmann::json& body);

}  // namespace lt::http::wire
