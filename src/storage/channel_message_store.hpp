#pragma once

#include <optional>
#include <string>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// A message from a customer on a channel other than e-mail
// (migrations/*/0020_channel_messages.sql).
struct ChannelMessage {
  domain::Id id = 0;
  std::string channel;      // domain::kChannelCodes
  std::string external_id;  // the gateway's id of the message
  std::string sender;       // E.164 number, OpenID
  std::optional<domain::Id> case_id;
  std::optional<domain::Id> interaction_id;
  TimestampMs received_at = 0;
};

class ChannelMessageStore {
 public:
  explicit ChannelMessageStore(Connection& connection) : connection_(connection) {}

  // Stores it unless one with its channel and external id is stored: false then.
  Result<bool> Insert(const ChannelMessage& message);
  Result<std::optional<ChannelMessage>> Find(const std::string& channel,
                                             const std::string& external_id);
  // Who sent the latest message on `channel` that landed on the case.
  Result<std::optional<std::string>> LatestSender(const std::string& channel, domain::Id case_id);

 private:
  Connection& connection_;
};

// Signatures of the webhook requests accepted lately (replay protection).
class WebhookReceiptStore {
 public:
  explicit WebhookReceiptStore(Connection& connection) : connection_(connection) {}

  // Whether this signature was accepted before on `channel`.
  Result<bool> Seen(const std::string& channel, const std::string& signature);
  // Records it: false when it was recorded already (a replay won the race).
  Result<bool> Record(const std::string& channel, const std::string& signature, TimestampMs now);
  Status DeleteBefore(TimestampMs cutoff);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
