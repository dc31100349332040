#include "domain/group_robot.hpp"

#include <nlohmann/json.hpp>

#include "base/crypto.hpp"
#include "base/url_encoding.hpp"

namespace lt::domain {
namespace {

using nlohmann::json;

std::string Dump(const json& body) {
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The lines of a markdown message: the title in bold, the text, the link.
std::string Markdown(const RobotMessage& message, const char* line_break) {
  std::string text = "**" + message.title + "**";
  if (!message.text.empty()) text += line_break + message.text;
  if (!message.link.empty()) {
    text += line_break + std::string("[") + message.link_label + "](" + message.link + ")";
  }
  return text;
}

// Feishu's rich text: one paragraph per line of the text, then the link.
json FeishuPost(const RobotMessage& message, const std::string& language) {
  json paragraphs = json::array();
  std::size_t start = 0;
  while (start <= message.text.size() && !message.text.empty()) {
    const std::size_t end = message.text.find('\n', start);
    const std::string line =
        message.text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty()) paragraphs.push_back(json::array({{{"tag", "text"}, {"text", line}}}));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (!message.link.empty()) {
    paragraphs.push_back(
        json::array({{{"tag", "a"}, {"text", message.link_label}, {"href", message.link}}}));
  }
  return {
      {language == "en" ? "en_us" : "zh_cn", {{"title", message.title}, {"content", paragraphs}}}};
}

// The first integer of `names` in the answer's JSON object.
std::optional<long long> AnswerCode(std::string_view body,
                                    std::initializer_list<const char*> names) {
  const json answer = json::parse(body, nullptr, false);
  if (!answer.is_object()) return std::nullopt;
  for (const char* name : names) {
    const auto found = answer.find(name);
    if (found != answer.end() && found->is_number_integer()) return found->get<long long>();
  }
  return std::nullopt;
}

}  // namespace

std::string DingtalkSign(std::string_view secret, TimestampMs timestamp_ms) {
  const std::string to_sign = std::to_string(timestamp_ms) + "\n" + std::string(secret);
  return EncodeBase64(HmacSha256(secret, to_sign));
}

std::string FeishuSign(std::string_view secret, std::int64_t timestamp_seconds) {
  const std::string key = std::to_string(timestamp_seconds) + "\n" + std::string(secret);
  return EncodeBase64(HmacSha256(key, ""));
}

RobotRequest BuildRobotRequest(const GroupRobot& robot, const RobotMessage& message,
                               TimestampMs now) {
  RobotRequest request;
  request.url = robot.url;
  switch (robot.kind) {
    case RobotKind::kWecom:
      request.body =
          Dump({{"msgtype", "markdown"}, {"markdown", {{"content", Markdown(message, "\n")}}}});
      break;
    case RobotKind::kDingtalk:
      request.body =
          Dump({{"msgtype", "markdown"},
                {"markdown", {{"title", message.title}, {"text", Markdown(message, "\n\n")}}}});
      if (!robot.secret.empty()) {
        request.url += (robot.url.find('?') == std::string::npos ? "?" : "&");
        request.url += "timestamp=" + std::to_string(now) +
                       "&sign=" + FormEncode(DingtalkSign(robot.secret, now));
      }
      break;
    case RobotKind::kFeishu: {
      json body = {{"msg_type", "post"},
                   {"content", {{"post", FeishuPost(message, robot.language)}}}};
      if (!robot.secret.empty()) {
        const std::int64_t seconds = now / 1000;
        body["timestamp"] = std::to_string(seconds);
        body["sign"] = FeishuSign(robot.secret, seconds);
      }
      request.body = Dump(body);
      break;
    }
  }
  return request;
}

SendOutcome::Kind JudgeRobotAnswer(RobotKind kind, long status, std::string_view body) {
  using Kind = SendOutcome::Kind;
  if (status == 408 || status == 429 || status >= 500) return Kind::kTemporary;
  if (status < 200 || status >= 300) return Kind::kPermanent;
  const auto code = kind == RobotKind::kFeishu ? AnswerCode(body, {"code", "StatusCode"})
                                               : AnswerCode(body, {"errcode"});
  if (!code) return Kind::kPermanent;
  if (*code == 0) return Kind::kSent;
  const long long rate_limited = kind == RobotKind::kWecom      ? 45009
                                 : kind == RobotKind::kDingtalk ? 130101
                                                                : 11232;
  return *code == rate_limited ? Kind::kTemporary : Kind::kPermanent;
}

}  // namespace lt::domain
