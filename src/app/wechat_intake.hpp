#pragma once

// WeChat in (issue 16): what a follower sends the Official Account. WeChat
// signs each request to the server URL with the Token (CheckWechatRequest);
// the first request, when the administrator saves the URL in WeChat's
// console, asks Lingting to echo a string back. A text, an image or a voice
// message lands on the follower's case, or opens one, through the chat
// intake (app/chat_intake.hpp): the OpenID is the customer's contact, a new
// case goes to the account's department and is acknowledged on WeChat. Each
// message opens the follower's 48-hour window for answers. Following and
// unfollowing are recorded; "绑定 <code>" binds the follower to a portal
// customer instead of landing on a case; other events and message kinds are answered and
// left alone. WeChat retries a message it got no answer to: its MsgId is
// stored once.

#include <optional>
#include <string>

#include "app/app_context.hpp"
#include "app/chat_intake.hpp"
#include "app/wechat_binding.hpp"
#include "base/result.hpp"
#include "domain/wechat.hpp"

namespace lt::app {

struct WechatRequest {
  std::string signature;
  std::string timestamp;
  std::string nonce;
};

// Errors: kNotFound "error.webhook_not_set_up" (no account), kUnauthenticated
// "error.webhook_signature" (wrong, or the timestamp more than 5 minutes off).
Status CheckWechatRequest(AppContext& context, const WechatRequest& request);

// What Lingting did with a pushed message: a case landed on, a binding
// code taken or refused (app/wechat_binding.hpp; the follower is answered
// at once), or nothing (an event, a kind it does not take).
struct IngestedWechat {
  std::optional<IngestedChat> landed;
  std::optional<WechatBindingOutcome> binding;
};

// Stores a message of a request checked by CheckWechatRequest. Errors:
// kInvalidArgument on "FromUserName" (no OpenID) and "Content" (over 2,000
// characters); the store's.
Result<IngestedWechat> IngestWechat(AppContext& context, const domain::WechatMessage& message);

}  // namespace lt::app
