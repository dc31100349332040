#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/outbound_mail.hpp"
#include "domain/outbox_message.hpp"
#include "domain/sms.hpp"
#include "domain/wechat.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// The outbox and the channel settings (migrations/*/0018_outbox.sql).
class OutboxStore {
 public:
  explicit OutboxStore(Connection& connection) : connection_(connection) {}

  // Stores a new message (its id set).
  Status Insert(domain::OutboxMessage& message);
  // Inserts several messages in one statement and sets their ids.
  Status InsertMany(std::span<domain::OutboxMessage> messages);
  Result<std::optional<domain::OutboxMessage>> Find(domain::Id id);
  Result<std::vector<domain::OutboxMessage>> ListForCase(domain::Id case_id);
  // The latest message to a group robot: how its last delivery went.
  Result<std::optional<domain::OutboxMessage>> LastForRobot(domain::Id robot_id);
  // Records an attempt: its outcome state, the answer and, once sent, when.
  Status RecordAttempt(domain::Id id, domain::Delivery state, const std::string& answer,
                       std::optional<TimestampMs> sent_at);
  // Sends a message another way: a WeChat message outside the window as a text.
  Status Reroute(domain::Id id, domain::OutboxChannel channel, const std::string& recipient,
                 domain::WechatRoute route);
  // Records how a WeChat message goes out (before it is tried that way).
  Status RecordRoute(domain::Id id, domain::WechatRoute route);
  // Empties the message's text (a sign-in code once sent).
  Status ForgetBody(domain::Id id);
  // Records that the first `parts_sent` texts of a long SMS were accepted.
  Status RecordPartsSent(domain::Id id, int parts_sent, const std::string& answer);

 private:
  Connection& connection_;
};

class ChannelSettingsStore {
 public:
  explicit ChannelSettingsStore(Connection& connection) : connection_(connection) {}

  Result<std::optional<domain::SmtpSettings>> FindSmtp();
  Status SaveSmtp(const domain::SmtpSettings& settings, TimestampMs now,
                  std::optional<domain::Id> by);
  Result<std::optional<domain::SmsGateway>> FindSms();
  Status SaveSms(const domain::SmsGateway& gateway, TimestampMs now, std::optional<domain::Id> by);
  Result<std::optional<domain::WechatAccount>> FindWechat();
  Status SaveWechat(const domain::WechatAccount& account, TimestampMs now,
                    std::optional<domain::Id> by);
  // The secret the telephony system signs its webhook with.
  Result<std::optional<std::string>> FindTelephonySecret();
  Status SaveTelephonySecret(const std::string& secret, TimestampMs now,
                             std::optional<domain::Id> by);

 private:
  // The channel's settings document (JSON text).
  Result<std::optional<std::string>> Find(std::string_view channel);
  Status Save(std::string_view channel, const std::string& settings, TimestampMs now,
              std::optional<domain::Id> by);

  Connection& connection_;
};

}  // namespace lt::storage
