#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/workflow.hpp"
#include "i18n/i18n.hpp"

namespace lt::http::wire {

// The display name of a state, step or requirement: the admin's label in the
// reader's language, else the catalog's text for `key`, else the code.
std::string NameOf(const domain::Labels& labels, const std::string& key, const std::string& code,
                   i18n::Locale locale);

nlohmann::json WorkflowToJson(const domain::Workflow& workflow, i18n::Locale locale);
Result<domain::Workflow> ParseWorkflow(const nlohmann::json& body);

// The display name of the workflow state `code` (NameOf its labels).
std::string StateName(const domain::Workflow& workflow, const std::string& code,
                      i18n::Locale locale);

}  // namespace lt::http::wire
