#pragma once

// SMS in (issue 16): a text from a customer, posted by the SMS gateway to
// Lingting's webhook, lands on the right case of the right customer or opens
// one (app/chat_intake.hpp), the sender's number normalised to E.164; a new
// case goes to the gateway's department and is acknowledged by SMS.

#include <optional>
#include <string>

#include "app/app_context.hpp"
#include "app/chat_intake.hpp"
#include "app/inputs.hpp"
#include "app/webhooks.hpp"
#include "base/result.hpp"
#include "domain/vocabulary.hpp"

namespace lt::app {

struct IncomingSms {
  std::string from;  // as the gateway wrote it
  std::string text;
  std::string id;                      // the gateway's id of the text
  std::optional<TimestampMs> sent_at;  // when the customer sent it, if the gateway says
};

using IngestedSms = IngestedChat;

// Stores a text checked by CheckWebhookRequest (app/webhooks.hpp) (whose signature it records,
// with the text, so that the request cannot be replayed). Errors:
// kInvalidArgument on "from" (not a phone number), "text" (empty or over
// 2,000 characters), "id" (empty or over 200); kConflict
// "error.webhook_replay"; the store's.
Result<IngestedSms> IngestSms(AppContext& context, const IncomingSms& sms,
                              const std::string& signature);

}  // namespace lt::app
