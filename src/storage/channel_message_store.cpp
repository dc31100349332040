#include "storage/channel_message_store.hpp"

namespace lt::storage {

Result<bool> ChannelMessageStore::Insert(const ChannelMessage& message) {
  bool inserted = false;
  LT_TRY(connection_.Query(
      "INSERT INTO channel_messages (channel, external_id, sender, case_id, interaction_id, "
      "received_at) VALUES ($1, $2, $3, $4, $5, $6) "
      "ON CONFLICT (channel, external_id) DO NOTHING RETURNING id",
      {message.channel, message.external_id, message.sender, OptionalValue(message.case_id),
       OptionalValue(message.interaction_id), message.received_at},
      [&](const Row&) { inserted = true; }));
  return inserted;
}

Result<std::optional<ChannelMessage>> ChannelMessageStore::Find(const std::string& channel,
                                                                const std::string& external_id) {
  std::optional<ChannelMessage> found;
  LT_TRY(connection_.Query(
      "SELECT id, channel, external_id, sender, case_id, interaction_id, received_at "
      "FROM channel_messages WHERE channel = $1 AND external_id = $2",
      {channel, external_id}, [&](const Row& row) {
        found = ChannelMessage{row.Int(0),         row.Text(1),        row.Text(2), row.Text(3),
                               row.OptionalInt(4), row.OptionalInt(5), row.Int(6)};
      }));
  return found;
}

Result<std::optional<std::string>> ChannelMessageStore::LatestSender(const std::string& channel,
                                                                     domain::Id case_id) {
  std::optional<std::string> sender;
  LT_TRY(
      connection_.Query("SELECT sender FROM channel_messages WHERE channel = $1 AND case_id = $2 "
                        "ORDER BY id DESC LIMIT 1",
                        {channel, case_id}, [&](const Row& row) { sender = row.Text(0); }));
  return sender;
}

Result<bool> WebhookReceiptStore::Seen(const std::string& channel, const std::string& signature) {
  LT_TRY_ASSIGN(const auto found,
                connection_.QueryOptionalInt(
                    "SELECT 1 FROM webhook_receipts WHERE channel = $1 AND signature = $2",
                    {channel, signature}));
  return found.has_value();
}

Result<bool> WebhookReceiptStore::Record(const std::string& channel, const std::string& signature,
                                         TimestampMs now) {
  bool inserted = false;
  LT_TRY(connection_.Query(
      "INSERT INTO webhook_receipts (channel, signature, received_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (channel, signature) DO NOTHING RETURNING received_at",
      {channel, signature, now}, [&](const Row&) { inserted = true; }));
  return inserted;
}

Status WebhookReceiptStore::DeleteBefore(TimestampMs cutoff) {
  LT_TRY(connection_.Execute("DELETE FROM webhook_receipts WHERE received_at < $1", {cutoff}));
  return Ok();
}

}  // namespace lt::storage
