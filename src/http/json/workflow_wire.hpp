#pragma once

// The JSON shapes of the workflow, the steps of cases, SLA clocks and
// policies, notifications and quality reports.

#include <nlohmann/json.hpp>

#include <vector>

#include "app/inputs.hpp"
#include "app/sla_clocks.hpp"
#include "app/verifications.hpp"
#include "base/result.hpp"
#include "domain/notification.hpp"
#include "domain/procedure.hpp"
#include "domain/workflow.hpp"
#include "i18n/i18n.hpp"
#include "sla/sla_policy.hpp"
#include "sla/stored_clock.hpp"

namespace lt::http::wire {

// The display name of a state, step or requirement: the admin's label in the
// reader's language, else the catalog's text for `key`, else the code.
std::string NameOf(const domain::Labels& labels, const std::string& key, const std::string& code,
                   i18n::Locale locale);

nlohmann::json WorkflowToJson(const domain::Workflow& workflow, i18n::Locale locale);
Result<domain::Workflow> ParseWorkflow(const nlohmann::json& body);

// A step the caller may take now, with the data it asks for.
nlohmann::json AvailableStepToJson(const domain::WorkflowTransition& step,
                                   const domain::Workflow& workflow, i18n::Locale locale);
Result<app::StepInput> ParseStepInput(const nlohmann::json& body);
nlohmann::json CaseStepToJson(const domain::CaseStep& step);

nlohmann::json ClockToJson(const sla::StoredClock& stored);
Result<app::DeadlineMove> ParseDeadlineMove(const nlohmann::json& body, std::string target);

nlohmann::json SlaPoliciesToJson(const std::vector<sla::SlaPolicy>& policies);
Result<std::vector<sla::SlaPolicy>> ParseSlaPolicies(const nlohmann::json& body);

nlohmann::json NotificationToJson(const domain::Notification& notification, i18n::Locale locale);

nlohmann::json QualityReportToJson(const domain::QualityReport& report);
nlohmann::json VerificationToJson(const app::Verification& verification);

}  // namespace lt::http::wire
