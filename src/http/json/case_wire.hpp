#pragma once

// The JSON shapes of a case: the staff's view, the portal customer's view,
// its history, and the bodies that create and change one.

#include <nlohmann/json.hpp>

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
nlohmann::json CaseEventToJson(const domain::CaseEvent& event);

// Each parser rejects unknown fields, wrong types and unknown enum values,
// reporting all of them in one kInvalidArgument error.
Result<app::CreateCaseInput> ParseCreateCase(const nlohmann::json& body);
// The regulator's referral of a case, or null.
nlohmann::json ReferralToJson(const std::optional<domain::Referral>& referral);
Result<app::CasePatch> ParseCasePatch(const nlohmann::json& body);

}  // namespace lt::http::wire
