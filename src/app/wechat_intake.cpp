#include "app/wechat_intake.hpp"

#include "app/field_rules.hpp"
#include "app/outbox.hpp"
#include "app/wechat_account.hpp"
#include "app/wechat_media.hpp"
#include "base/utf8.hpp"
#include "domain/portal_code.hpp"
#include "i18n/i18n.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/outbox_store.hpp"
#include "storage/wechat_follower_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxWechatTextChars = 2000;
constexpr std::size_t kMaxOpenIdChars = 64;

// What the timeline shows of a message: its text, or what it was.
std::string BodyOf(const domain::WechatMessage& message) {
  using Type = domain::WechatMessageType;
  const i18n::Locale zh = i18n::Locale::kZhCn;
  switch (message.type) {
    case Type::kText:
      return message.content;
    case Type::kImage:
      return i18n::Translate(zh, "wechat.image", {{"url", message.pic_url}});
    case Type::kVoice:
      return message.recognition.empty()
                 ? i18n::Translate(zh, "wechat.voice", {{"media_id", message.media_id}})
                 : i18n::Translate(zh, "wechat.voice_said", {{"text", message.recognition}});
    default:
      return i18n::Translate(zh, "wechat.other", {{"type", message.type_code}});
  }
}

}  // namespace

Status CheckWechatRequest(AppContext& context, const WechatRequest& request) {
  LT_TRY_ASSIGN(const auto account, LoadWechatAccount(context));
  if (!account || account->token.empty()) {
    return Error::Of(ErrorCode::kNotFound, "error.webhook_not_set_up");
  }
  if (!domain::CheckWechatSignature(account->token, request.timestamp, request.nonce,
                                    request.signature, context.clock.NowMs(),
                                    context.options.max_clock_skew_ms)) {
    return Error::Of(ErrorCode::kUnauthenticated, "error.webhook_signature",
                     {{"reason", "signature"}});
  }
  return Ok();
}

Result<IngestedWechat> IngestWechat(AppContext& context, const domain::WechatMessage& message) {
  using Type = domain::WechatMessageType;
  FieldErrors errors;
  const std::string openid = message.from_user;
  if (openid.empty() || openid.size() > kMaxOpenIdChars || HasControlCharacters(openid)) {
    errors.Add("FromUserName", "validation.wechat_openid");
  }
  std::string text = BodyOf(message);
  if (message.type == Type::kText) {
    text = CheckText(text, "Content", kMaxWechatTextChars, Presence::kRequired, errors);
  }
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();

  IngestedWechat outcome;
  if (message.type == Type::kEvent) {
    if (message.event == "subscribe" || message.event == "unsubscribe") {
      LT_TRY(context.database.Write([&](storage::Connection& connection) {
        return storage::WechatFollowerStore(connection)
            .RecordSubscription(openid, message.event == "subscribe", now);
      }));
    }
    return outcome;
  }

  if (message.type == Type::kText) {
    if (const auto code = domain::BindingCodeIn(text)) {
      LT_TRY_ASSIGN(outcome.binding, BindWechatFollower(context, openid, *code));
      return outcome;
    }
  }

  ChatMessageIn chat;
  chat.channel = domain::Channel::kWechat;
  chat.sender = {domain::ContactKind::kWechat, openid};
  chat.text = text;
  // Every message but an event has a MsgId; an id of their own otherwise.
  chat.external_id =
      message.msg_id.empty() ? openid + ":" + std::to_string(message.create_time) : message.msg_id;
  if (message.create_time > 0) chat.sent_at = message.create_time * 1000;
  LT_TRY_ASSIGN(const auto delivered, FindDeliveredChat(context, chat));
  if (delivered) {
    outcome.landed = *delivered;
    return outcome;
  }
  chat.also = [openid, &message](storage::Connection& connection, const domain::Case&,
                                 const domain::Interaction& entry, TimestampMs at) -> Status {
    LT_TRY(storage::WechatFollowerStore(connection).RecordInbound(openid, at));
    return ScheduleWechatMedia(connection, entry.id, message, at);
  };
  chat.new_case = [&]() -> Result<NewChatCase> {
    LT_TRY_ASSIGN(const auto account, LoadWechatAccount(context));
    NewChatCase settings;
    settings.customer_name = i18n::Translate(i18n::Locale::kZhCn, "wechat.follower");
    if (account) settings.department_id = account->department_id;
    settings.acknowledge = [openid](storage::Connection& connection, const domain::Case& a_case,
                                    TimestampMs at) {
      return QueueWechatAcknowledgement(connection, a_case, openid, at);
    };
    return settings;
  };
  LT_TRY_ASSIGN(outcome.landed, IngestChatMessage(context, chat));
  return outcome;
}

}  // namespace lt::app
