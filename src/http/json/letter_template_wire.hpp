#pragma once

// The JSON shape of feedback letter templates.

#include <nlohmann/json.hpp>

#include "app/letter_templates.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

nlohmann::json LetterTemplateToJson(const app::LetterTemplate& letter_template);
// {"body": "..."}; the template itself is checked by the use case.
Result<std::string> ParseLetterTemplateBody(const nlohmann::json& body);

}  // namespace lt::http::wire
