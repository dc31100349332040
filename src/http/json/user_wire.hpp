#pragma once

// The JSON shapes of a user account and of an API token.

#include <nlohmann/json.hpp>

#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"

namespace lt::http::wire {

nlohmann::json UserToJson(const domain::User& user);
// A colleague as any staff member may see them: no e-mail, no locale.
nlohmann::json StaffMemberToJson(const domain::User& user);
nlohmann::json TokenToJson(const domain::ApiToken& token);
Result<app::UserInput> ParseUserInput(const nlohmann::json& body);
Result<app::UserPatch> ParseUserPatch(const nlohmann::json& body);

}  // namespace lt::http::wire
