#include "app/sms_gateway_settings.hpp"

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/field_rules.hpp"
#include "app/references.hpp"
#include "base/utf8.hpp"
#include "domain/contact.hpp"
#include "domain/webhook_signature.hpp"
#include "i18n/i18n.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/outbox_store.hpp"

namespace lt::app {
namespace {

bool IsHeaderName(const std::string& name) {
  if (name.empty() || name.size() > 100) return false;
  for (const char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  }
  return true;
}

Result<domain::SmsGateway> Checked(const SmsGatewayInput& input,
                                   const std::optional<domain::SmsGateway>& stored) {
  domain::SmsGateway gateway = input.gateway;
  FieldErrors errors;
  gateway.url = TrimSpace(gateway.url);
  if (!IsHttpUrl(gateway.url) || gateway.url.size() > 2000)
    errors.Add("url", "validation.http_url");
  const Status body = domain::CheckSmsBodyTemplate(gateway.format, gateway.body_template);
  if (!body.ok()) {
    for (const auto& field : body.error().fields) errors.Add(field.field, field.key, field.args);
  }
  gateway.auth_header = TrimSpace(gateway.auth_header);
  if (!gateway.auth_header.empty() && !IsHeaderName(gateway.auth_header)) {
    errors.Add("auth_header", "validation.header_name");
  }
  if (input.auth_value && (input.auth_value->size() > 2000 ||
                           input.auth_value->find_first_of("\r\n") != std::string::npos)) {
    errors.Add("auth_value", "validation.header_value");
  }
  gateway.success_text =
      CheckText(gateway.success_text, "success_text", 200, Presence::kOptional, errors);
  if (input.webhook_secret &&
      (CountCodePoints(*input.webhook_secret) < domain::kMinWebhookSecretChars ||
       input.webhook_secret->size() > 200)) {
    errors.Add("webhook_secret", "validation.secret_length",
               {{"min", std::to_string(domain::kMinWebhookSecretChars)}});
  }
  if (!errors.empty()) return errors.ToError();
  gateway.auth_value = input.auth_value ? *input.auth_value : (stored ? stored->auth_value : "");
  gateway.webhook_secret =
      input.webhook_secret ? *input.webhook_secret : (stored ? stored->webhook_secret : "");
  return gateway;
}

SmsGatewayView ViewOf(domain::SmsGateway gateway) {
  SmsGatewayView view;
  view.auth_value_set = !gateway.auth_value.empty();
  view.webhook_secret_set = !gateway.webhook_secret.empty();
  gateway.auth_value.clear();
  gateway.webhook_secret.clear();
  view.gateway = std::move(gateway);
  return view;
}

std::string Describe(const domain::SmsGateway& gateway) {
  return gateway.url + " " + std::string(domain::kSmsBodyFormatCodes.ToCode(gateway.format)) + " " +
         gateway.body_template + (gateway.auth_header.empty() ? "" : " " + gateway.auth_header) +
         " success=" + gateway.success_text + " parts=" + std::to_string(gateway.max_parts) +
         " timeout=" + std::to_string(gateway.timeout_seconds) +
         " department=" + (gateway.department_id ? std::to_string(*gateway.department_id) : "-") +
         (gateway.verify_certificate ? "" : " unverified");
}

Result<std::optional<domain::SmsGateway>> StoredGateway(AppContext& context) {
  std::optional<domain::SmsGateway> stored;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(stored, storage::ChannelSettingsStore(connection).FindSms());
    return Ok();
  }));
  return stored;
}

}  // namespace

Result<std::optional<SmsGatewayView>> GetSmsGateway(AppContext& context,
                                                    const domain::Principal& principal) {
  LT_TRY(RequireAdmin(principal));
  LT_TRY_ASSIGN(const auto stored, StoredGateway(context));
  if (!stored) return std::optional<SmsGatewayView>();
  return std::optional<SmsGatewayView>(ViewOf(*stored));
}

Result<SmsGatewayView> SaveSmsGateway(AppContext& context, const domain::Principal& principal,
                                      const SmsGatewayInput& input) {
  LT_TRY(RequireAdmin(principal));
  const TimestampMs now = context.clock.NowMs();
  domain::SmsGateway saved;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    storage::ChannelSettingsStore store(connection);
    LT_TRY_ASSIGN(const auto stored, store.FindSms());
    LT_TRY_ASSIGN(saved, Checked(input, stored));
    FieldErrors errors;
    LT_TRY(CheckReference(connection, Reference::kDepartment, saved.department_id, "department_id",
                          errors));
    if (!errors.empty()) return errors.ToError();
    LT_TRY(store.SaveSms(saved, now, principal.user_id));
    ChangeList changes;
    changes.Record("sms", stored ? std::optional<std::string>(Describe(*stored)) : std::nullopt,
                   std::optional<std::string>(Describe(saved)));
    if (input.auth_value) changes.Record("auth_value", std::nullopt, std::string("(changed)"));
    if (input.webhook_secret) {
      changes.Record("webhook_secret", std::nullopt, std::string("(changed)"));
    }
    return storage::AuditStore(connection)
        .Append(MakeEvent("channel_settings", 0, "update", principal.user_id, now, changes.Take()));
  }));
  return ViewOf(saved);
}

Result<SmsTestResult> TestSmsGateway(AppContext& context, const domain::Principal& principal,
                                     const std::optional<SmsGatewayInput>& input,
                                     const std::string& to) {
  LT_TRY(RequireAdmin(principal));
  LT_TRY_ASSIGN(const auto stored, StoredGateway(context));
  const auto phone = domain::NormalizePhone(to);
  domain::SmsGateway gateway;
  if (input) {
    auto checked = Checked(*input, stored);
    if (!checked.ok()) {
      Error error = checked.error();
      if (!phone) error.fields.push_back({"to", "validation.phone", {}});
      return error;
    }
    gateway = *checked;
  } else if (stored) {
    gateway = *stored;
  } else {
    return Error::Of(ErrorCode::kNotFound, "error.not_found");
  }
  if (!phone) return Error::Invalid("to", "validation.phone");
  if (!context.sms_sender) return SmsTestResult{false, "this node cannot send SMS"};
  domain::SmsFields fields;
  fields.to = *phone;
  fields.text = i18n::Translate(i18n::Locale::kZhCn, "sms.test_text");
  fields.reference = "lt-test-" + std::to_string(context.clock.NowMs());
  const domain::SendOutcome outcome = context.sms_sender->Send(gateway, fields);
  return SmsTestResult{outcome.kind == domain::SendOutcome::Kind::kSent, outcome.answer};
}

}  // namespace lt::app
