#pragma once

// The shapes of WeChat: the XML a follower's message or event is pushed in
// (plaintext mode), and the Official Account's settings as JSON.

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

#include "app/wechat_account.hpp"
#include "base/result.hpp"
#include "domain/wechat.hpp"

namespace lt::http::wire {

// <xml><ToUserName/><FromUserName/><CreateTime/><MsgType/>... as WeChat
// documents it. Parsed by libxml2 without the network or entity expansion.
// Errors: kInvalidArgument "validation.wechat_xml" (not well-formed, not
// <xml>, no MsgType or FromUserName).
Result<domain::WechatMessage> ParseWechatXml(std::string_view body);

// A passive reply: a text to the follower who sent `message`, in the answer
// to WeChat's push.
std::string WechatTextReplyXml(const domain::WechatMessage& message, TimestampMs now,
                               const std::string& text);

nlohmann::json WechatAccountToJson(const std::optional<app::WechatAccountView>& view);
Result<app::WechatAccountInput> ParseWechatAccount(const nlohmann::json& body);

}  // namespace lt::http::wire
