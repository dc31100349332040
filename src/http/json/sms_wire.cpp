#include "http/json/sms_wire.hpp"

#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

Result<app::IncomingSms> ParseIncomingSms(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::IncomingSms sms;
  sms.id = reader.RequiredString("id");
  sms.from = reader.RequiredString("from");
  sms.text = reader.RequiredString("text");
  reader.String("to");  // the service number it was sent to: one per gateway here
  sms.sent_at = reader.Timestamp("sent_at");
  return Finish(reader, errors, std::move(sms));
}

json IngestedSmsToJson(const app::IngestedSms& ingested) {
  return {{"case_id", ingested.case_id},
          {"case_number", ingested.case_number},
          {"interaction_id", ingested.interaction_id},
          {"new_case", ingested.new_case},
          {"duplicate", ingested.duplicate}};
}

json SmsGatewayToJson(const std::optional<app::SmsGatewayView>& view) {
  const domain::SmsGateway gateway = view ? view->gateway : domain::SmsGateway{};
  return {{"configured", view.has_value()},
          {"url", gateway.url},
          {"format", domain::kSmsBodyFormatCodes.ToCode(gateway.format)},
          {"body_template", gateway.body_template},
          {"auth_header", gateway.auth_header},
          {"auth_value_set", view && view->auth_value_set},
          {"success_text", gateway.success_text},
          {"max_parts", gateway.max_parts},
          {"timeout_seconds", gateway.timeout_seconds},
          {"verify_certificate", gateway.verify_certificate},
          {"webhook_secret_set", view && view->webhook_secret_set},
          {"department_id", OptionalId(gateway.department_id)}};
}

Result<app::SmsGatewayInput> ParseSmsGateway(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::SmsGatewayInput input;
  domain::SmsGateway& gateway = input.gateway;
  gateway.url = reader.RequiredString("url");
  gateway.format =
      reader.Enum("format", domain::kSmsBodyFormatCodes).value_or(domain::SmsBodyFormat::kJson);
  gateway.body_template = reader.String("body_template").value_or(gateway.body_template);
  gateway.auth_header = reader.String("auth_header").value_or("");
  input.auth_value = reader.String("auth_value");
  gateway.success_text = reader.String("success_text").value_or("");
  gateway.max_parts = static_cast<int>(reader.Integer("max_parts", 1, 20).value_or(10));
  gateway.timeout_seconds = static_cast<int>(reader.Integer("timeout_seconds", 1, 60).value_or(10));
  gateway.verify_certificate = reader.Boolean("verify_certificate").value_or(true);
  input.webhook_secret = reader.String("webhook_secret");
  if (auto department = reader.NullableId("department_id")) gateway.department_id = *department;
  return Finish(reader, errors, std::move(input));
}

Result<SmsTestRequest> ParseSmsTest(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  SmsTestRequest request;
  request.to = reader.RequiredString("to");
  const json* gateway = reader.Object("gateway");
  LT_TRY(Finish(reader, errors, 0));
  if (gateway) {
    LT_TRY_ASSIGN(request.gateway, ParseSmsGateway(*gateway));
  }
  return request;
}

}  // namespace lt::http::wire
