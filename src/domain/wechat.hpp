#pragma once

// The company's WeChat Official Account (微信公众号), issue 16. WeChat posts
// what followers send to the server URL, signed with the Token the
// administrator set in both places (plaintext mode); Lingting answers
// through the customer-service message API, which WeChat only allows within
// 48 hours of the follower's last message and for a few messages at most.
// Later answers go as a template message, or by SMS.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "domain/send_outcome.hpp"

namespace lt::domain {

// The customer-service window: 48 hours after the follower's last message.
inline constexpr std::int64_t kWechatWindowMs = 48LL * 3600 * 1000;

struct WechatAccount {
  std::string app_id;
  std::string app_secret;  // never read back
  std::string token;       // the server configuration's Token; never read back
  std::string api_base = "https://api.weixin.qq.com";
  std::optional<Id> department_id;  // where cases opened by WeChat go
  // The template message for answers outside the window: its id and its
  // data as JSON with ${number}, ${text}, ${summary} (the first 20
  // characters, as "thing" fields take), ${time}. Empty: SMS instead.
  std::string template_id;
  std::string template_data;
  int window_messages = 5;  // customer-service messages per window
  int timeout_seconds = 10;
  bool verify_certificate = true;
};

// WeChat's signature of a request: SHA-1 (hex) of the token, timestamp and
// nonce sorted and joined.
std::string WechatSignature(std::string_view token, std::string_view timestamp,
                            std::string_view nonce);
// The signature is right and the timestamp (seconds) within `max_skew_ms` of `now`.
bool CheckWechatSignature(std::string_view token, std::string_view timestamp,
                          std::string_view nonce, std::string_view signature, TimestampMs now,
                          std::int64_t max_skew_ms);

// One message WeChat pushes (the XML's fields).
enum class WechatMessageType { kText, kImage, kVoice, kEvent, kOther };
struct WechatMessage {
  std::string to_user;    // the account's original id
  std::string from_user;  // the follower's OpenID
  std::int64_t create_time = 0;
  WechatMessageType type = WechatMessageType::kOther;
  std::string type_code;    // as WeChat wrote it ("video", "location", ...)
  std::string content;      // text
  std::string pic_url;      // image
  std::string media_id;     // image, voice
  std::string format;       // voice: amr, speex
  std::string recognition;  // voice, when speech recognition is on
  std::string event;        // subscribe, unsubscribe, ...
  std::string msg_id;
};

// A follower as Lingting knows them: the window of customer-service messages.
struct WechatFollower {
  std::string openid;
  std::optional<TimestampMs> last_inbound_at;
  int sent_in_window = 0;  // customer-service messages since their last message
  bool subscribed = true;
  int binding_failures = 0;  // wrong binding codes sent (domain/portal_code.hpp)
  std::optional<TimestampMs> binding_failed_at;
};

// Whether a customer-service message may go to `follower` at `now`.
bool InWechatWindow(const WechatFollower& follower, const WechatAccount& account, TimestampMs now);

// The template message's data: `template_data` with the fields filled in
// (escaped for JSON). Errors name the field: kInvalidArgument when the
// template is not a JSON object once filled, or names an unknown placeholder.
struct WechatTemplateFields {
  std::string number;
  std::string text;
  std::string time;
};
std::string FillWechatTemplate(std::string_view template_data, const WechatTemplateFields& fields);
Status CheckWechatTemplate(std::string_view template_data);

// What WeChat answered a send: sent; the window is closed (45015, 45047:
// send otherwise); the access token must be fetched again (40001, 40014,
// 42001); or the outcome as for any gateway.
struct WechatOutcome {
  SendOutcome outcome;
  bool window_closed = false;
};

// The file of a follower's image or voice message, from WeChat's temporary
// media (kept three days): the outcome as for a send (kSent: fetched).
struct WechatMedia {
  SendOutcome outcome;
  std::string content;
  std::string content_type;  // as WeChat sent it: image/jpeg, audio/amr, ...
};

// Sends through WeChat's API: the port the adapter implements.
class WechatSender {
 public:
  virtual ~WechatSender() = default;
  virtual WechatOutcome SendText(const WechatAccount& account, const std::string& openid,
                                 const std::string& text) = 0;
  virtual WechatOutcome SendTemplate(const WechatAccount& account, const std::string& openid,
                                     const std::string& data_json, const std::string& url) = 0;
  // Fetches the file of `media_id`; one larger than `max_bytes` fails for good.
  virtual WechatMedia FetchMedia(const WechatAccount& account, const std::string& media_id,
                                 std::size_t max_bytes) = 0;
  // Fetches an access token: whether the AppID and AppSecret work.
  virtual SendOutcome CheckAccount(const WechatAccount& account) = 0;
};

}  // namespace lt::domain
