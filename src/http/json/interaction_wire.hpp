#pragma once

// The JSON shapes of an interaction on a case's timeline, with its attachments.

#include <nlohmann/json.hpp>

#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"
#include "http/json/object_reader.hpp"

namespace lt::http::wire {

nlohmann::json InteractionToJson(const domain::Interaction& interaction);
Result<app::InteractionInput> ParseInteractionInput(const nlohmann::json& body);

// The "attachments" array of a request ({filename, content_type,
// content_base64} each), field errors added as "attachments[2].filename".
std::vector<app::AttachmentInput> ParseAttachmentInputs(ObjectReader& reader, FieldErrors& errors);

}  // namespace lt::http::wire
