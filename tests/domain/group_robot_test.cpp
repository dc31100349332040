// Group robots: each app's documented request shape and signature, and how
// its answer is judged. The signatures are checked against values computed
// independently with Python's hmac, hashlib and base64, as the apps'
// documentation computes them.

#include "domain/group_robot.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/crypto.hpp"

namespace lt::domain {
namespace {

using nlohmann::json;
using Kind = SendOutcome::Kind;

constexpr char kSecret[] = "SEC0123456789abcdef";

GroupRobot Robot(RobotKind kind, std::string secret = "") {
  GroupRobot robot;
  robot.kind = kind;
  robot.name = "质量部群";
  robot.url = "https://robot.example.cn/send?access_token=abc";
  robot.secret = std::move(secret);
  return robot;
}

const RobotMessage kMessage{"【聆听】案件 TS-2026-000123 已超期",
                            "案件 TS-2026-000123 的“回复”时限已超期\n主题：空调漏水",
                            "https://voice.example.cn/cases/123", "查看案件"};

TEST(GroupRobot, DingtalkAndFeishuSignaturesMatchTheirDocumentedAlgorithms) {
  ASSERT_TRUE(InitCrypto().ok());
  // python: base64(hmac(secret, f"{ms}\n{secret}", sha256))
  EXPECT_EQ(DingtalkSign(kSecret, 1733400000000), "pOG+eFrdFt9aW6gwYxFR5EH9nDY3ZmQ1YjQV1pjx2nU=");
  // python: base64(hmac(f"{s}\n{secret}", b"", sha256))
  EXPECT_EQ(FeishuSign(kSecret, 1733400000), "EgkKz1K53SoHETM1Jgv1zKOtMCjElbwivoxj+6Oy6K0=");
}

TEST(GroupRobot, WecomPostsMarkdownWithTheLinkToTheCase) {
  ASSERT_TRUE(InitCrypto().ok());
  const RobotRequest request = BuildRobotRequest(Robot(RobotKind::kWecom), kMessage, 1);
  EXPECT_EQ(request.url, "https://robot.example.cn/send?access_token=abc");
  const json body = json::parse(request.body);
  EXPECT_EQ(body["msgtype"], "markdown");
  const std::string content = body["markdown"]["content"];
  EXPECT_EQ(content.find("**【聆听】案件 TS-2026-000123 已超期**"), 0u) << content;
  EXPECT_NE(content.find("主题：空调漏水"), std::string::npos);
  EXPECT_NE(content.find("[查看案件](https://voice.example.cn/cases/123)"), std::string::npos);
}

TEST(GroupRobot, DingtalkSignsInTheUrlOnlyWithASecret) {
  ASSERT_TRUE(InitCrypto().ok());
  const RobotRequest unsigned_request =
      BuildRobotRequest(Robot(RobotKind::kDingtalk), kMessage, 1733400000000);
  EXPECT_EQ(unsigned_request.url, "https://robot.example.cn/send?access_token=abc");
  const RobotRequest signed_request =
      BuildRobotRequest(Robot(RobotKind::kDingtalk, kSecret), kMessage, 1733400000000);
  EXPECT_EQ(signed_request.url,
            "https://robot.example.cn/send?access_token=abc&timestamp=1733400000000"
            "&sign=pOG%2BeFrdFt9aW6gwYxFR5EH9nDY3ZmQ1YjQV1pjx2nU%3D");
  const json body = json::parse(signed_request.body);
  EXPECT_EQ(body["msgtype"], "markdown");
  EXPECT_EQ(body["markdown"]["title"], kMessage.title);
  EXPECT_NE(body["markdown"]["text"].get<std::string>().find("[查看案件](https://"),
            std::string::npos);
}

TEST(GroupRobot, FeishuSignsInTheBodyAndWritesRichText) {
  ASSERT_TRUE(InitCrypto().ok());
  GroupRobot robot = Robot(RobotKind::kFeishu, kSecret);
  const json body = json::parse(BuildRobotRequest(robot, kMessage, 1733400000123).body);
  EXPECT_EQ(body["timestamp"], "1733400000");
  EXPECT_EQ(body["sign"], "EgkKz1K53SoHETM1Jgv1zKOtMCjElbwivoxj+6Oy6K0=");
  EXPECT_EQ(body["msg_type"], "post");
  const json& post = body["content"]["post"]["zh_cn"];
  EXPECT_EQ(post["title"], kMessage.title);
  ASSERT_EQ(post["content"].size(), 3u);  // two lines of text, then the link
  EXPECT_EQ(post["content"][1][0]["text"], "主题：空调漏水");
  EXPECT_EQ(post["content"][2][0]["tag"], "a");
  EXPECT_EQ(post["content"][2][0]["href"], "https://voice.example.cn/cases/123");

  robot.secret.clear();
  robot.language = "en";
  const json unsigned_body = json::parse(BuildRobotRequest(robot, kMessage, 1).body);
  EXPECT_FALSE(unsigned_body.contains("sign"));
  EXPECT_TRUE(unsigned_body["content"]["post"].contains("en_us"));
}

TEST(GroupRobot, AnswersAreJudgedByTheAppsErrorCodes) {
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kWecom, 200, R"({"errcode":0,"errmsg":"ok"})"),
            Kind::kSent);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kWecom, 200, R"({"errcode":93000,"errmsg":"invalid"})"),
            Kind::kPermanent);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kWecom, 200, R"({"errcode":45009})"), Kind::kTemporary);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kDingtalk, 200, R"({"errcode":0,"errmsg":"ok"})"),
            Kind::kSent);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kDingtalk, 200, R"({"errcode":310000,"errmsg":"sign"})"),
            Kind::kPermanent);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kDingtalk, 200, R"({"errcode":130101})"), Kind::kTemporary);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kFeishu, 200, R"({"code":0,"msg":"success","data":{}})"),
            Kind::kSent);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kFeishu, 200, R"({"StatusCode":0,"StatusMessage":"ok"})"),
            Kind::kSent);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kFeishu, 200, R"({"code":19021,"msg":"sign match fail"})"),
            Kind::kPermanent);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kFeishu, 200, R"({"code":11232})"), Kind::kTemporary);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kWecom, 200, "<html>proxy</html>"), Kind::kPermanent);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kWecom, 502, ""), Kind::kTemporary);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kWecom, 429, ""), Kind::kTemporary);
  EXPECT_EQ(JudgeRobotAnswer(RobotKind::kWecom, 404, ""), Kind::kPermanent);
}

}  // namespace
}  // namespace lt::domain
