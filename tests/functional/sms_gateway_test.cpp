// SMS end to end: the lingting binary with its job runner, the gateway's
// signed webhook posting customers' texts, and a stand-in gateway on
// loopback (tests/support/gateway-recorder.py) receiving what Lingting
// sends: the acknowledgement and the agent's reply in the request shape the
// administrators set, with the credential header; the gateway's refusals,
// unavailability and 200-with-an-error answers followed as they should be;
// and a long reply split into texts that each fit.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "domain/sms.hpp"
#include "domain/webhook_signature.hpp"
#include "support/gateway_recorder.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kGatewaySecret = "the-gateways-webhook-secret";

class SmsGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(directory_.path() / "lingting.toml") << "[jobs]\npoll_ms = 200\n";
    server_ = std::make_unique<test::ServerProcess>(
        directory_.path(),
        std::vector<std::string>{"--db", test::TestStoreUrl(directory_.path()), "--config",
                                 "lingting.toml", "--demo", "--demo-cases", "3"});
    ASSERT_TRUE(server_->running());
    session_ = test::LoginAsDemoAdmin(server_->port());
    ASSERT_FALSE(session_.cookie.empty());
    const auto saved = Call(
        "PUT", "/api/v1/admin/sms",
        json{
            {"url", gateway_.Url("/sms/send")},
            {"format", "json"},
            {"body_template",
             R"({"PhoneNumbers":"${to_national}","SignName":"聆听","Text":"${text}","OutId":"${reference}"})"},
            {"auth_header", "Authorization"},
            {"auth_value", "APPCODE 0123456789"},
            {"success_text", R"("Code": "OK")"},
            {"max_parts", 2},
            {"webhook_secret", kGatewaySecret}});
    ASSERT_EQ(saved.status, 200) << saved.body;
  }

  test::HttpReply Call(const std::string& method, const std::string& path,
                       const json& body = nullptr) {
    return test::HttpCall(server_->port(), method, path, body.is_null() ? "" : body.dump(),
                          session_.Headers(method != "GET"));
  }

  json Text(const std::string& id, const std::string& from, const std::string& text) {
    const std::string body = json{{"id", id}, {"from", from}, {"text", text}}.dump();
    const std::int64_t at = std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
    const auto reply =
        test::HttpCall(server_->port(), "POST", "/api/v1/webhooks/sms", body,
                       {{"Content-Type", "application/json"},
                        {"X-Lingting-Timestamp", std::to_string(at)},
                        {"X-Lingting-Signature", domain::SignWebhook(kGatewaySecret, at, body)}});
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body, nullptr, false);
  }

  // The case's outbox once no message is queued any more.
  json SettledOutbox(std::int64_t case_id) {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    for (;;) {
      const auto reply = Call("GET", "/api/v1/cases/" + std::to_string(case_id) + "/outbox");
      json items = json::parse(reply.body)["items"];
      bool settled = true;
      for (const auto& item : items) settled = settled && item["state"] != "queued";
      if (settled || std::chrono::steady_clock::now() > deadline) return items;
      std::this_thread::sleep_for(100ms);
    }
  }

  test::TempDir directory_;
  test::GatewayRecorder gateway_;
  std::unique_ptr<test::ServerProcess> server_;
  test::WebSession session_;
};

TEST_F(SmsGatewayTest, ATextIsAcknowledgedAndAnsweredThroughTheGateway) {
  const json landed = Text("gw-1", "138 0013 8000", "燃气灶打不着火，麻烦派人看看。");
  const std::string number = landed["case_number"];
  const std::int64_t case_id = landed["case_id"];

  auto requests = gateway_.WaitForRequests(1);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["path"], "/sms/send");
  EXPECT_EQ(requests[0]["headers"]["Authorization"], "APPCODE 0123456789");
  EXPECT_EQ(requests[0]["headers"]["Content-Type"], "application/json; charset=utf-8");
  const json ack = json::parse(requests[0]["body"].get<std::string>());
  EXPECT_EQ(ack["PhoneNumbers"], "13800138000");
  EXPECT_EQ(ack["SignName"], "聆听");
  EXPECT_NE(ack["Text"].get<std::string>().find("编号" + number), std::string::npos) << ack;
  EXPECT_EQ(ack["OutId"].get<std::string>().rfind("lt-" + number + "-", 0), 0u);

  const auto reply = Call("POST", "/api/v1/cases/" + std::to_string(case_id) + "/messages",
                          json{{"channel", "sms"}, {"body", "您好，师傅今天下午三点上门。"}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  requests = gateway_.WaitForRequests(2);
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(json::parse(requests[1]["body"].get<std::string>())["Text"],
            "您好，师傅今天下午三点上门。");

  const json outbox = SettledOutbox(case_id);
  ASSERT_EQ(outbox.size(), 2u);
  for (const auto& message : outbox) {
    EXPECT_EQ(message["state"], "sent") << message;
    EXPECT_EQ(message["attempts"], 1) << message;
    EXPECT_EQ(message["last_answer"].get<std::string>().rfind("HTTP 200: ", 0), 0u) << message;
  }
  const auto timeline =
      json::parse(Call("GET", "/api/v1/cases/" + std::to_string(case_id) + "/interactions").body);
  ASSERT_EQ(timeline["items"].size(), 3u);
  EXPECT_EQ(timeline["items"][2]["delivery"], "sent");
  EXPECT_EQ(gateway_.Requests().size(), 2u);  // nothing sent twice
}

TEST_F(SmsGatewayTest, TheGatewaysAnswersDecideBetweenSentRetriedAndFailed) {
  const json refused = Text("gw-2", "13900400400", "投诉");
  const json busy = Text("gw-3", "13900503503", "投诉");
  const json limited = Text("gw-4", "13900200200", "投诉");

  const json refused_ack = SettledOutbox(refused["case_id"])[0];
  EXPECT_EQ(refused_ack["state"], "failed");
  EXPECT_EQ(refused_ack["attempts"], 1);
  EXPECT_EQ(refused_ack["last_answer"], R"(HTTP 400: {"Code": "isv.MOBILE_NUMBER_ILLEGAL"})");

  // 503 once: tried again after the back-off, and sent.
  const json busy_ack = SettledOutbox(busy["case_id"])[0];
  EXPECT_EQ(busy_ack["state"], "sent");
  EXPECT_EQ(busy_ack["attempts"], 2);

  // A 200 without the success text is the gateway saying no.
  const json limited_ack = SettledOutbox(limited["case_id"])[0];
  EXPECT_EQ(limited_ack["state"], "failed");
  EXPECT_NE(limited_ack["last_answer"].get<std::string>().find("BUSINESS_LIMIT_CONTROL"),
            std::string::npos);
  EXPECT_EQ(gateway_.Requests().size(), 4u);
}

TEST_F(SmsGatewayTest, ALongReplyGoesOutAsTextsThatEachFitTheGatewaysLimit) {
  const json landed = Text("gw-5", "13800138001", "热水器漏水");
  gateway_.WaitForRequests(1);
  std::string long_reply;
  for (int i = 0; i < 12; ++i)
    long_reply += "我们已安排维修师傅明天上午带配件上门更换进水阀，请您保持电话畅通。";
  const auto sent = Call("POST", "/api/v1/cases/" + landed["case_id"].dump() + "/messages",
                         json{{"channel", "sms"}, {"body", long_reply}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  const auto outbox = SettledOutbox(landed["case_id"]);
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[1]["state"], "sent");
  const auto requests = gateway_.Requests();
  ASSERT_GE(requests.size(), 4u);  // the acknowledgement and at least three texts
  std::string joined;
  for (std::size_t i = 1; i < requests.size(); ++i) {
    const json body = json::parse(requests[i]["body"].get<std::string>());
    const std::string text = body["Text"];
    EXPECT_LE(domain::MeasureSms(text).parts, 2u) << text;
    EXPECT_EQ(body["OutId"], outbox[1]["message_id"].get<std::string>() + "-" + std::to_string(i));
    joined += text;
  }
  EXPECT_EQ(joined, long_reply);
  EXPECT_NE(outbox[1]["last_answer"].get<std::string>().find("texts)"), std::string::npos);
}

}  // namespace
}  // namespace lt
