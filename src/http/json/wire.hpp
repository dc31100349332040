#pragma once

// The JSON shapes of the API: records out, inputs in. Field names here are the
// public contract documented in openapi.json.

#include <nlohmann/json.hpp>

#include "app/authentication.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"
#include "sla/sla_clock.hpp"

namespace lt::http::wire {

nlohmann::json CaseToJson(const domain::Case& a_case);
// What a portal customer sees of their own case: what it is about, its
// status and the deadlines promised to them (`promised`, app::kPromisedTargets),
// not the internal routing (department, assignee, responsible department,
// origin class, the internal SLA due time, who filed it).
nlohmann::json PortalCaseToJson(const domain::Case& a_case,
                                const std::vector<sla::SlaClock>& promised = {});
nlohmann::json CustomerToJson(const domain::Customer& customer);
nlohmann::json InteractionToJson(const domain::Interaction& interaction);
nlohmann::json DepartmentToJson(const domain::Department& department);
nlohmann::json UserToJson(const domain::User& user);
nlohmann::json CategoryToJson(const domain::Category& category);
nlohmann::json TokenToJson(const domain::ApiToken& token);
nlohmann::json CaseEventToJson(const domain::CaseEvent& event);

// Each parser rejects unknown fields, wrong types and unknown enum values,
// reporting all of them in one kInvalidArgument error.
Result<app::CreateCaseInput> ParseCreateCase(const nlohmann::json& body);
Result<app::CasePatch> ParseCasePatch(const nlohmann::json& body);
Result<app::CustomerInput> ParseCustomerInput(const nlohmann::json& body);
Result<app::CustomerPatch> ParseCustomerPatch(const nlohmann::json& body);
Result<app::InteractionInput> ParseInteractionInput(const nlohmann::json& body);
Result<app::DepartmentInput> ParseDepartmentInput(const nlohmann::json& body);
Result<app::DepartmentPatch> ParseDepartmentPatch(const nlohmann::json& body);
Result<app::UserInput> ParseUserInput(const nlohmann::json& body);
Result<app::UserPatch> ParseUserPatch(const nlohmann::json& body);
Result<app::CategoryInput> ParseCategoryInput(const nlohmann::json& body);
Result<app::CategoryPatch> ParseCategoryPatch(const nlohmann::json& body);

// Serialises for the wire; invalid UTF-8 (which validation keeps out) is replaced.
std::string Dump(const nlohmann::json& value);

}  // namespace lt::http::wire
