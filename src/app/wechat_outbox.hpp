#pragma once

// How the outbox answers a WeChat follower (issue 16). Inside the 48-hour
// window after their last message, and for at most the account's number of
// messages in it, as a customer-service message. Outside it (or when WeChat
// says it is closed), as the account's template message, when one is set
// up; else by SMS to the customer's mobile, when the gateway is set up: the
// outbox message then becomes a text. The route is recorded on the message
// before it is tried, so a retry goes the same way and the timeline says
// which.

#include <optional>

#include "app/app_context.hpp"
#include "app/outbox.hpp"
#include "base/result.hpp"
#include "domain/outbox_message.hpp"

namespace lt::app {

// The follower the customer of `a_case` is answered at on WeChat: the
// customer's latest OpenID. Call inside a transaction.
Result<std::optional<MailRecipient>> WechatRecipientOf(storage::Connection& connection,
                                                       const domain::Case& a_case);

// One attempt at a WeChat message: its outcome, or nullopt when it became a
// text (attempt it as one).
Result<std::optional<domain::SendOutcome>> AttemptWechat(AppContext& context,
                                                         const domain::OutboxMessage& message);

}  // namespace lt::app
