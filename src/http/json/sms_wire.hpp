#pragma once

// The JSON shapes of SMS: the gateway's webhook body, and the gateway's
// settings.

#include <nlohmann/json.hpp>

#include "app/sms_gateway_settings.hpp"
#include "app/sms_intake.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

// {"id", "from", "text", "to"?, "sent_at"?}
Result<app::IncomingSms> ParseIncomingSms(const nlohmann::json& body);
nlohmann::json IngestedSmsToJson(const app::IngestedSms& ingested);

nlohmann::json SmsGatewayToJson(const std::optional<app::SmsGatewayView>& view);
Result<app::SmsGatewayInput> ParseSmsGateway(const nlohmann::json& body);

// {"to", "gateway"?}: a test text to `to`, through the given settings or the stored ones.
struct SmsTestRequest {
  std::string to;
  std::optional<app::SmsGatewayInput> gateway;
};
Result<SmsTestRequest> ParseSmsTest(const nlohmann::json& body);

}  // namespace lt::http::wire
