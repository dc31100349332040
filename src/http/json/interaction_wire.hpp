#pragma once

// The JSON shapes of an interaction on a case's timeline, with its attachments.

#include <nlohmann/json.hpp>

#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"

namespace lt::http::wire {

nlohmann::json InteractionToJson(const domain::Interaction& interaction);
Result<app::InteractionInput> ParseInteractionInput(const nlohmann::json& body);

}  // namespace lt::http::wire
