#include "http/json/outbox_wire.hpp"

#include "http/json/interaction_wire.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

json OutboxMessageToJson(const domain::OutboxMessage& message) {
  return {{"id", message.id},
          {"channel", domain::kOutboxChannelCodes.ToCode(message.channel)},
          {"purpose", domain::kOutboxPurposeCodes.ToCode(message.purpose)},
          {"case_id", OptionalId(message.case_id)},
          {"interaction_id", OptionalId(message.interaction_id)},
          {"recipient_name", message.recipient_name},
          {"recipient", message.recipient},
          {"subject", message.subject},
          {"message_id", message.message_id},
          {"in_reply_to", message.in_reply_to.empty() ? json(nullptr) : json(message.in_reply_to)},
          {"state", domain::kDeliveryCodes.ToCode(message.state)},
          {"attempts", message.attempts},
          {"last_answer", message.last_answer},
          {"created_at", FormatTimestamp(message.created_at)},
          {"sent_at", OptionalTime(message.sent_at)},
          {"route", message.route == domain::WechatRoute::kNone
                        ? json(nullptr)
                        : json(domain::kWechatRouteCodes.ToCode(message.route))}};
}

Result<app::CustomerMessageInput> ParseCustomerMessage(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CustomerMessageInput input;
  input.channel = reader.Enum("channel", domain::kChannelCodes).value_or(domain::Channel::kEmail);
  input.to = reader.String("to");
  input.subject = reader.String("subject").value_or("");
  input.body = reader.RequiredString("body");
  input.attachments = ParseAttachmentInputs(reader, errors);
  return Finish(reader, errors, std::move(input));
}

json SmtpSettingsToJson(const std::optional<app::SmtpSettingsView>& view) {
  const domain::SmtpSettings settings = view ? view->settings : domain::SmtpSettings{};
  return {{"configured", view.has_value()},
          {"host", settings.host},
          {"port", settings.port},
          {"security", domain::kMailSecurityCodes.ToCode(settings.security)},
          {"verify_certificate", settings.verify_certificate},
          {"ca_file", settings.ca_file},
          {"username", settings.username},
          {"password_set", view && view->password_set},
          {"from_address", settings.from_address},
          {"from_name", settings.from_name},
          {"timeout_seconds", settings.timeout_seconds}};
}

Result<app::SmtpSettingsInput> ParseSmtpSettings(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::SmtpSettingsInput input;
  domain::SmtpSettings& settings = input.settings;
  settings.host = reader.RequiredString("host");
  settings.port = static_cast<int>(reader.Integer("port", 1, 65535).value_or(587));
  settings.security =
      reader.Enum("security", domain::kMailSecurityCodes).value_or(domain::MailSecurity::kStartTls);
  settings.verify_certificate = reader.Boolean("verify_certificate").value_or(true);
  settings.ca_file = reader.String("ca_file").value_or("");
  settings.username = reader.String("username").value_or("");
  input.password = reader.String("password");
  settings.from_address = reader.RequiredString("from_address");
  settings.from_name = reader.String("from_name").value_or("");
  settings.timeout_seconds =
      static_cast<int>(reader.Integer("timeout_seconds", 1, 300).value_or(30));
  return Finish(reader, errors, std::move(input));
}

}  // namespace lt::http::wire
