#pragma once

// The JSON shapes of workflow steps on a case: the steps the caller may take,
// the body that takes one, and the steps taken.

#include <nlohmann/json.hpp>

#include <vector>

#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "domain/workflow.hpp"
#include "i18n/i18n.hpp"

namespace lt::http::wire {

// A step the caller may take now, with the data it asks for.
nlohmann::json AvailableStepToJson(const domain::WorkflowTransition& step,
                                   const domain::Workflow& workflow, i18n::Locale locale);
Result<app::StepInput> ParseStepInput(const nlohmann::json& body);
// {"reply": "..."} of a feedback letter preview: the reply text.
Result<std::string> ParseLetterPreviewInput(const nlohmann::json& body);
nlohmann::json CaseStepToJson(const domain::CaseStep& step);

}  // namespace lt::http::wire
