#include "app/webhooks.hpp"

#include "domain/webhook_signature.hpp"
#include "storage/channel_message_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/outbox_store.hpp"

namespace lt::app {
namespace {

std::string WebhookChannelCode(domain::Channel channel) {
  return std::string(domain::kChannelCodes.ToCode(channel));
}

}  // namespace

Status CheckWebhookRequest(AppContext& context, domain::Channel channel,
                           const WebhookRequest& request) {
  std::optional<std::string> secret;
  bool seen = false;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    storage::ChannelSettingsStore settings(connection);
    if (channel == domain::Channel::kSms) {
      LT_TRY_ASSIGN(const auto gateway, settings.FindSms());
      if (gateway && !gateway->webhook_secret.empty()) secret = gateway->webhook_secret;
    } else if (channel == domain::Channel::kPhone) {
      LT_TRY_ASSIGN(const auto telephony, settings.FindTelephonySecret());
      if (telephony && !telephony->empty()) secret = telephony;
    }
    if (request.signature) {
      LT_TRY_ASSIGN(seen, storage::WebhookReceiptStore(connection)
                              .Seen(WebhookChannelCode(channel), *request.signature));
    }
    return Ok();
  }));
  if (!secret) {
    return Error::Of(ErrorCode::kNotFound, "error.webhook_not_set_up",
                     {{"channel", WebhookChannelCode(channel)}});
  }
  const domain::WebhookCheck check = domain::CheckWebhook(
      *secret, request.timestamp, request.signature, request.body, context.clock.NowMs());
  if (check != domain::WebhookCheck::kValid) {
    const char* reason = check == domain::WebhookCheck::kMissing     ? "missing"
                         : check == domain::WebhookCheck::kMalformed ? "malformed"
                         : check == domain::WebhookCheck::kStale     ? "stale"
                                                                     : "mismatch";
    return Error::Of(ErrorCode::kUnauthenticated, "error.webhook_signature", {{"reason", reason}});
  }
  if (seen) return Error::Of(ErrorCode::kConflict, "error.webhook_replay");
  return Ok();
}

Status RecordWebhookReceipt(storage::Connection& connection, domain::Channel channel,
                            const std::string& signature, TimestampMs now) {
  LT_TRY_ASSIGN(
      const bool recorded,
      storage::WebhookReceiptStore(connection).Record(WebhookChannelCode(channel), signature, now));
  if (!recorded) return Error::Of(ErrorCode::kConflict, "error.webhook_replay");
  return Ok();
}

}  // namespace lt::app
