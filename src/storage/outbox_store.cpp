#include "storage/outbox_store.hpp"

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "storage/multi_row.hpp"

namespace lt::storage {
namespace {

constexpr std::string_view kOutboxColumns =
    "id, channel, purpose, case_id, interaction_id, recipient_name, recipient, subject, body, "
    "message_id, in_reply_to, references_ids, state, attempts, last_answer, created_at, sent_at, "
    "parts_sent, robot_id, route";

std::vector<std::string> SplitSpaces(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::string JoinSpaces(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

domain::OutboxMessage OutboxFromRow(const Row& row) {
  domain::OutboxMessage message;
  message.id = row.Int(0);
  message.channel =
      domain::kOutboxChannelCodes.FromCode(row.Text(1)).value_or(domain::OutboxChannel::kEmail);
  message.purpose =
      domain::kOutboxPurposeCodes.FromCode(row.Text(2)).value_or(domain::OutboxPurpose::kReply);
  message.case_id = row.OptionalInt(3);
  message.interaction_id = row.OptionalInt(4);
  message.recipient_name = row.Text(5);
  message.recipient = row.Text(6);
  message.subject = row.Text(7);
  message.body = row.Text(8);
  message.message_id = row.Text(9);
  message.in_reply_to = row.Text(10);
  message.references = SplitSpaces(row.Text(11));
  message.state = domain::kDeliveryCodes.FromCode(row.Text(12)).value_or(domain::Delivery::kQueued);
  message.attempts = static_cast<int>(row.Int(13));
  message.last_answer = row.Text(14);
  message.created_at = row.Int(15);
  message.sent_at = row.OptionalInt(16);
  message.parts_sent = static_cast<int>(row.Int(17));
  message.robot_id = row.OptionalInt(18);
  message.route =
      domain::kWechatRouteCodes.FromCode(row.Text(19)).value_or(domain::WechatRoute::kNone);
  return message;
}

Result<nlohmann::json> SettingsObject(std::string_view channel, const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) {
    return Error::Internal("channel_settings " + std::string(channel) + " is not a JSON object");
  }
  return json;
}

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Status OutboxStore::Insert(domain::OutboxMessage& message) { return InsertMany({&message, 1}); }

Status OutboxStore::InsertMany(std::span<domain::OutboxMessage> messages) {
  if (messages.empty()) return Ok();
  SqlParams params;
  params.reserve(messages.size() * 16);
  for (const auto& message : messages) {
    params.insert(
        params.end(),
        {std::string(domain::kOutboxChannelCodes.ToCode(message.channel)),
         std::string(domain::kOutboxPurposeCodes.ToCode(message.purpose)),
         OptionalValue(message.case_id), OptionalValue(message.interaction_id),
         message.recipient_name, message.recipient, message.subject, message.body,
         message.message_id, message.in_reply_to, JoinSpaces(message.references),
         std::string(domain::kDeliveryCodes.ToCode(message.state)), std::int64_t{message.attempts},
         message.last_answer, message.created_at, OptionalValue(message.robot_id)});
  }
  LT_TRY_ASSIGN(
      const auto ids,
      InsertRows(connection_,
                 "INSERT INTO outbox_messages (channel, purpose, case_id, interaction_id, "
                 "recipient_name, recipient, subject, body, message_id, in_reply_to, "
                 "references_ids, state, attempts, last_answer, created_at, robot_id)",
                 16, messages.size(), params));
  for (std::size_t index = 0; index < ids.size(); ++index) messages[index].id = ids[index];
  return Ok();
}

Result<std::optional<domain::OutboxMessage>> OutboxStore::Find(domain::Id id) {
  std::optional<domain::OutboxMessage> found;
  LT_TRY(connection_.Query(
      "SELECT " + std::string(kOutboxColumns) + " FROM outbox_messages WHERE id = $1", {id},
      [&](const Row& row) { found = OutboxFromRow(row); }));
  return found;
}

Result<std::vector<domain::OutboxMessage>> OutboxStore::ListForCase(domain::Id case_id) {
  std::vector<domain::OutboxMessage> messages;
  LT_TRY(connection_.Query("SELECT " + std::string(kOutboxColumns) +
                               " FROM outbox_messages WHERE case_id = $1 ORDER BY id",
                           {case_id},
                           [&](const Row& row) { messages.push_back(OutboxFromRow(row)); }));
  return messages;
}

Result<std::optional<domain::OutboxMessage>> OutboxStore::LastForRobot(domain::Id robot_id) {
  std::optional<domain::OutboxMessage> found;
  LT_TRY(connection_.Query("SELECT " + std::string(kOutboxColumns) +
                               " FROM outbox_messages WHERE robot_id = $1 ORDER BY id DESC LIMIT 1",
                           {robot_id}, [&](const Row& row) { found = OutboxFromRow(row); }));
  return found;
}

Status OutboxStore::RecordAttempt(domain::Id id, domain::Delivery state, const std::string& answer,
                                  std::optional<TimestampMs> sent_at) {
  LT_TRY(connection_.Execute(
      "UPDATE outbox_messages SET state = $2, attempts = attempts + 1, last_answer = $3, "
      "sent_at = $4 WHERE id = $1",
      {id, std::string(domain::kDeliveryCodes.ToCode(state)), answer, OptionalValue(sent_at)}));
  return Ok();
}

Status OutboxStore::ForgetBody(domain::Id id) {
  return connection_.Send("UPDATE outbox_messages SET body = '' WHERE id = $1", {id});
}

Status OutboxStore::RecordPartsSent(domain::Id id, int parts_sent, const std::string& answer) {
  LT_TRY(connection_.Execute(
      "UPDATE outbox_messages SET parts_sent = $2, last_answer = $3 WHERE id = $1",
      {id, std::int64_t{parts_sent}, answer}));
  return Ok();
}

namespace {

// The key a channel's settings are kept under for the transaction
// (Connection::Recall).
std::string SettingsKeptAs(std::string_view channel) {
  return "channel_settings:" + std::string(channel);
}

}  // namespace

Result<std::optional<std::string>> ChannelSettingsStore::Find(std::string_view channel) {
  // Kept for the transaction: a batch of mail reads the SMTP settings once.
  const std::string kept_as = SettingsKeptAs(channel);
  using Text = std::optional<std::string>;
  if (const auto kept = connection_.Recall<Text>(kept_as)) return *kept;
  Text text;
  LT_TRY(connection_.Query("SELECT settings FROM channel_settings WHERE channel = $1",
                           {std::string(channel)}, [&](const Row& row) { text = row.Text(0); }));
  connection_.Remember(kept_as, std::make_shared<const Text>(text));
  return text;
}

Status ChannelSettingsStore::Save(std::string_view channel, const std::string& settings,
                                  TimestampMs now, std::optional<domain::Id> by) {
  connection_.Forget(SettingsKeptAs(channel));
  LT_TRY(connection_.Execute(
      "INSERT INTO channel_settings (channel, settings, updated_at, updated_by) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (channel) DO UPDATE SET "
      "settings = excluded.settings, updated_at = excluded.updated_at, "
      "updated_by = excluded.updated_by",
      {std::string(channel), settings, now, OptionalValue(by)}));
  return Ok();
}

Result<std::optional<domain::SmtpSettings>> ChannelSettingsStore::FindSmtp() {
  LT_TRY_ASSIGN(const auto found, Find("smtp"));
  if (!found) return std::optional<domain::SmtpSettings>();
  LT_TRY_ASSIGN(const nlohmann::json json, SettingsObject("smtp", *found));
  domain::SmtpSettings settings;
  settings.host = json.value("host", "");
  settings.port = json.value("port", 587);
  settings.security = domain::kMailSecurityCodes.FromCode(json.value("security", "starttls"))
                          .value_or(domain::MailSecurity::kStartTls);
  settings.verify_certificate = json.value("verify_certificate", true);
  settings.ca_file = json.value("ca_file", "");
  settings.username = json.value("username", "");
  settings.password = json.value("password", "");
  settings.from_address = json.value("from_address", "");
  settings.from_name = json.value("from_name", "");
  settings.timeout_seconds = json.value("timeout_seconds", 30);
  return std::optional<domain::SmtpSettings>(settings);
}

Status ChannelSettingsStore::SaveSmtp(const domain::SmtpSettings& settings, TimestampMs now,
                                      std::optional<domain::Id> by) {
  const nlohmann::json json = {{"host", settings.host},
                               {"port", settings.port},
                               {"security", domain::kMailSecurityCodes.ToCode(settings.security)},
                               {"verify_certificate", settings.verify_certificate},
                               {"ca_file", settings.ca_file},
                               {"username", settings.username},
                               {"password", settings.password},
                               {"from_address", settings.from_address},
                               {"from_name", settings.from_name},
                               {"timeout_seconds", settings.timeout_seconds}};
  return Save("smtp", Dump(json), now, by);
}

Result<std::optional<domain::SmsGateway>> ChannelSettingsStore::FindSms() {
  LT_TRY_ASSIGN(const auto found, Find("sms"));
  if (!found) return std::optional<domain::SmsGateway>();
  LT_TRY_ASSIGN(const nlohmann::json json, SettingsObject("sms", *found));
  domain::SmsGateway gateway;
  gateway.url = json.value("url", "");
  gateway.format = domain::kSmsBodyFormatCodes.FromCode(json.value("format", "json"))
                       .value_or(domain::SmsBodyFormat::kJson);
  gateway.body_template = json.value("body_template", gateway.body_template);
  gateway.auth_header = json.value("auth_header", "");
  gateway.auth_value = json.value("auth_value", "");
  gateway.success_text = json.value("success_text", "");
  gateway.max_parts = json.value("max_parts", 10);
  gateway.timeout_seconds = json.value("timeout_seconds", 10);
  gateway.verify_certificate = json.value("verify_certificate", true);
  gateway.webhook_secret = json.value("webhook_secret", "");
  if (json.contains("department_id") && json["department_id"].is_number_integer()) {
    gateway.department_id = json["department_id"].get<domain::Id>();
  }
  return std::optional<domain::SmsGateway>(gateway);
}

Status ChannelSettingsStore::SaveSms(const domain::SmsGateway& gateway, TimestampMs now,
                                     std::optional<domain::Id> by) {
  const nlohmann::json json = {
      {"url", gateway.url},
      {"format", domain::kSmsBodyFormatCodes.ToCode(gateway.format)},
      {"body_template", gateway.body_template},
      {"auth_header", gateway.auth_header},
      {"auth_value", gateway.auth_value},
      {"success_text", gateway.success_text},
      {"max_parts", gateway.max_parts},
      {"timeout_seconds", gateway.timeout_seconds},
      {"verify_certificate", gateway.verify_certificate},
      {"webhook_secret", gateway.webhook_secret},
      {"department_id",
       gateway.department_id ? nlohmann::json(*gateway.department_id) : nlohmann::json(nullptr)}};
  return Save("sms", Dump(json), now, by);
}

Result<std::optional<std::string>> ChannelSettingsStore::FindTelephonySecret() {
  LT_TRY_ASSIGN(const auto found, Find("telephony"));
  if (!found) return std::optional<std::string>();
  LT_TRY_ASSIGN(const nlohmann::json json, SettingsObject("telephony", *found));
  return std::optional<std::string>(json.value("webhook_secret", ""));
}

Status ChannelSettingsStore::SaveTelephonySecret(const std::string& secret, TimestampMs now,
                                                 std::optional<domain::Id> by) {
  return Save("telephony", Dump(nlohmann::json{{"webhook_secret", secret}}), now, by);
}

Result<std::optional<domain::WechatAccount>> ChannelSettingsStore::FindWechat() {
  LT_TRY_ASSIGN(const auto found, Find("wechat"));
  if (!found) return std::optional<domain::WechatAccount>();
  LT_TRY_ASSIGN(const nlohmann::json json, SettingsObject("wechat", *found));
  domain::WechatAccount account;
  account.app_id = json.value("app_id", "");
  account.app_secret = json.value("app_secret", "");
  account.token = json.value("token", "");
  account.api_base = json.value("api_base", account.api_base);
  account.template_id = json.value("template_id", "");
  account.template_data = json.value("template_data", "");
  account.window_messages = json.value("window_messages", account.window_messages);
  account.timeout_seconds = json.value("timeout_seconds", account.timeout_seconds);
  account.verify_certificate = json.value("verify_certificate", true);
  if (json.contains("department_id") && json["department_id"].is_number_integer()) {
    account.department_id = json["department_id"].get<domain::Id>();
  }
  return std::optional<domain::WechatAccount>(account);
}

Status ChannelSettingsStore::SaveWechat(const domain::WechatAccount& account, TimestampMs now,
                                        std::optional<domain::Id> by) {
  const nlohmann::json json = {
      {"app_id", account.app_id},
      {"app_secret", account.app_secret},
      {"token", account.token},
      {"api_base", account.api_base},
      {"template_id", account.template_id},
      {"template_data", account.template_data},
      {"window_messages", account.window_messages},
      {"timeout_seconds", account.timeout_seconds},
      {"verify_certificate", account.verify_certificate},
      {"department_id",
       account.department_id ? nlohmann::json(*account.department_id) : nlohmann::json(nullptr)}};
  return Save("wechat", Dump(json), now, by);
}

Status OutboxStore::Reroute(domain::Id id, domain::OutboxChannel channel,
                            const std::string& recipient, domain::WechatRoute route) {
  LT_TRY(connection_.Execute(
      "UPDATE outbox_messages SET channel = $2, recipient = $3, route = $4 WHERE id = $1",
      {id, std::string(domain::kOutboxChannelCodes.ToCode(channel)), recipient,
       std::string(domain::kWechatRouteCodes.ToCode(route))}));
  return Ok();
}

Status OutboxStore::RecordRoute(domain::Id id, domain::WechatRoute route) {
  LT_TRY(connection_.Execute("UPDATE outbox_messages SET route = $2 WHERE id = $1",
                             {id, std::string(domain::kWechatRouteCodes.ToCode(route))}));
  return Ok();
}

}  // namespace lt::storage
