#pragma once

// Messages from customers on the chat channels (issue 16): a text by SMS, a
// message to the WeChat Official Account. Each lands on the right case of the
// right customer or opens one. The sender (a phone number, an OpenID) is a
// contact of the customer: the customer who has it, else a new one. The
// message joins the customer's open case it names by number, else their
// latest open case received within AppOptions::mail_thread_window_ms (the
// threading window every channel shares), else it opens a new case, which
// is acknowledged on the same channel. The channel's id of the message is
// stored once: a delivery of it again gets the first outcome.

#include <functional>
#include <optional>
#include <string>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"

namespace lt::app {

// What a message that opens a case needs: read only when it does.
struct NewChatCase {
  std::optional<Id> department_id;
  std::string customer_name;
  // Queues the acknowledgement in the case's transaction; none when empty.
  std::function<Status(storage::Connection&, const domain::Case&, TimestampMs)> acknowledge;
};

struct ChatMessageIn {
  domain::Channel channel = domain::Channel::kSms;
  domain::Contact sender;   // normalised
  std::string text;         // checked: what the timeline shows
  std::string external_id;  // the channel's id of the message, checked
  std::optional<TimestampMs> sent_at;
  std::string signature;  // the webhook request's, recorded against replay
  // Called when the message opens a case (the channel's settings).
  std::function<Result<NewChatCase>()> new_case;
  // Runs in the transaction that stores the message (a follower's window,
  // the fetch of a WeChat image, ...), given the message's timeline entry.
  std::function<Status(storage::Connection&, const domain::Case&, const domain::Interaction&,
                       TimestampMs)>
      also;
};

struct IngestedChat {
  Id case_id = 0;
  std::string case_number;
  Id interaction_id = 0;
  bool new_case = false;
  bool duplicate = false;  // delivered before
};

// The message's outcome when its id was stored before (recording the
// request's signature), else nullopt.
Result<std::optional<IngestedChat>> FindDeliveredChat(AppContext& context,
                                                      const ChatMessageIn& message);

// Stores a checked message. Errors: kConflict "error.webhook_replay"; the store's.
Result<IngestedChat> IngestChatMessage(AppContext& context, const ChatMessageIn& message);

}  // namespace lt::app
