#pragma once

// Group robots (群机器人) of WeCom (企业微信), DingTalk (钉钉) and Feishu
// (飞书), issue 16: how a department's staff hear of SLA alerts,
// assignments, claims and actions in the chat group they work in. A robot
// is the webhook URL its app gives, with DingTalk's and Feishu's optional
// signing secret; messages to it go through the outbox like any other.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"
#include "domain/send_outcome.hpp"

namespace lt::domain {

enum class RobotKind { kWecom, kDingtalk, kFeishu };
inline constexpr EnumCodes<RobotKind, 3> kRobotKindCodes{{{
    {RobotKind::kWecom, "wecom"},
    {RobotKind::kDingtalk, "dingtalk"},
    {RobotKind::kFeishu, "feishu"},
}}};

struct GroupRobot {
  Id id = 0;
  std::string name;
  RobotKind kind = RobotKind::kWecom;
  std::optional<Id> department_id;  // none: the alerts of every department
  std::string url;                  // the webhook URL the app gave
  std::string secret;               // DingTalk 加签, Feishu 签名校验; empty: unsigned
  std::vector<std::string> kinds;   // the notification kinds it posts
  std::string language = "zh-CN";   // what its messages are written in
  bool active = true;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
};

// What a robot posts: a title, a few lines, and the link to the case.
struct RobotMessage {
  std::string title;
  std::string text;
  std::string link;        // empty: none
  std::string link_label;  // "查看案件"
};

// One JSON POST to the app.
struct RobotRequest {
  std::string url;
  std::string body;
};

// The request that posts `message` through `robot` at `now`, in the format
// its app documents: WeCom's markdown message; DingTalk's markdown message,
// signed in the URL (timestamp, sign) when it has a secret; Feishu's rich
// text ("post") message, signed in the body (timestamp, sign).
RobotRequest BuildRobotRequest(const GroupRobot& robot, const RobotMessage& message,
                               TimestampMs now);

// DingTalk: base64(HMAC-SHA-256(key = secret, "<ms>\n<secret>")), before URL encoding.
std::string DingtalkSign(std::string_view secret, TimestampMs timestamp_ms);
// Feishu: base64(HMAC-SHA-256(key = "<seconds>\n<secret>", "")).
std::string FeishuSign(std::string_view secret, std::int64_t timestamp_seconds);

// How the app answered: sent on a 2xx whose errcode (WeCom, DingTalk) or
// code/StatusCode (Feishu) is 0; temporary on no answer, 408, 429, 5xx and
// the apps' rate limits (WeCom 45009, DingTalk 130101, Feishu 11232);
// permanent otherwise (a wrong key, a bad signature, a keyword the robot
// does not allow).
SendOutcome::Kind JudgeRobotAnswer(RobotKind kind, long status, std::string_view body);

// Posts to group robots: the port the adapter implements.
class RobotSender {
 public:
  virtual ~RobotSender() = default;
  // One POST of BuildRobotRequest(robot, message, now), judged by JudgeRobotAnswer.
  virtual SendOutcome Send(const GroupRobot& robot, const RobotMessage& message,
                           TimestampMs now) = 0;
};

}  // namespace lt::domain
