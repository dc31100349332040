#pragma once

// Webhooks Lingting receives from the systems of its channels (the SMS
// gateway, the telephony system), each signed with the secret the
// administrators keep for that channel (domain/webhook_signature.hpp).

#include <optional>
#include <string>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/vocabulary.hpp"

namespace lt::app {

// A signed webhook request as it arrived (domain/webhook_signature.hpp).
struct WebhookRequest {
  std::optional<std::string> timestamp;
  std::optional<std::string> signature;
  std::string body;
};

// Checks a webhook request to `channel` against the channel's secret: fresh,
// signed with it, and not seen before. Errors: kNotFound
// "error.webhook_not_set_up" (no secret kept: SMS gateway for sms, telephony for phone),
// kUnauthenticated "error.webhook_signature" {reason}, kConflict "error.webhook_replay".
Status CheckWebhookRequest(AppContext& context, domain::Channel channel,
                           const WebhookRequest& request);

// Records a checked request's signature in the caller's write transaction,
// with what the request wrote, so that it cannot be replayed. Errors:
// kConflict "error.webhook_replay" when a copy of it got there first.
Status RecordWebhookReceipt(storage::Connection& connection, domain::Channel channel,
                            const std::string& signature, TimestampMs now);

}  // namespace lt::app
