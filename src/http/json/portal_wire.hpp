#pragma once

// JSON of the customer portal: sign-in codes, the customer's profile,
// sample shipments and ratings.

#include <nlohmann/json.hpp>

#include "app/case_ratings.hpp"
#include "app/portal_sign_in.hpp"
#include "app/sample_shipments.hpp"
#include "app/wechat_binding.hpp"
#include "base/result.hpp"
#include "domain/workflow.hpp"

namespace lt::http::wire {

nlohmann::json SignInCodeSentToJson(const app::SignInCodeSent& sent);
// {"address", "code", "name"?}
Result<app::SignInWithCodeInput> ParseSignInWithCode(const nlohmann::json& body);

Result<app::SampleShipmentInput> ParseSampleShipment(const nlohmann::json& body);
nlohmann::json SampleShipmentToJson(const domain::SampleShipment& shipment);

Result<app::CaseRatingInput> ParseCaseRating(const nlohmann::json& body);
nlohmann::json CaseRatingViewToJson(const app::CaseRatingView& view);
nlohmann::json CaseRatingToJson(const domain::CaseRating& rating);

nlohmann::json WechatBindingCodeToJson(const app::WechatBindingCode& code);

// The states of the workflow as the portal shows them: code and kind, with
// the state a case starts in.
nlohmann::json PortalStatesToJson(const domain::Workflow& workflow);

}  // namespace lt::http::wire
