// SMS through the API: the gateway's signed webhook lands each text on the
// right case of the right customer (or opens one, acknowledged by SMS),
// stores a text the gateway delivers twice once, and refuses unsigned,
// stale, forged and replayed requests without writing anything; agents
// answer by SMS; only admins see or change the gateway, whose secrets are
// never read back. (The sending itself, to a gateway on loopback:
// tests/functional/sms_gateway_test.cpp.)

#include <gtest/gtest.h>

#include "domain/webhook_signature.hpp"
#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

constexpr const char* kGatewaySecret = "gateway-webhook-secret-0001";

class SmsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    department_ = harness_.store.AddDepartment("SALES", "营业部");
    sales_ = harness_.TokenFor(
        harness_.store.AddUser("li@example.com", domain::Role::kSales, {department_.id}));
    const auto saved = harness_.CallJson("PUT", "/api/v1/admin/sms", harness_.AdminToken(),
                                         {{"url", "http://127.0.0.1:9/send"},
                                          {"auth_header", "Authorization"},
                                          {"auth_value", "Bearer sk-123"},
                                          {"webhook_secret", kGatewaySecret},
                                          {"department_id", department_.id}});
    ASSERT_EQ(saved.status, 200) << saved.raw;
  }

  std::map<std::string, std::string> Signed(const std::string& body,
                                            const std::string& secret = kGatewaySecret,
                                            std::int64_t skew_seconds = 0) {
    const std::int64_t at = harness_.store.clock.NowMs() / 1000 + skew_seconds;
    return {{"X-Lingting-Timestamp", std::to_string(at)},
            {"X-Lingting-Signature", domain::SignWebhook(secret, at, body)},
            {"Content-Type", "application/json"}};
  }

  test::ApiResult Text(const json& sms) {
    const std::string body = sms.dump();
    return harness_.Call("POST", "/api/v1/webhooks/sms", "", body, Signed(body));
  }

  std::size_t CaseCount() {
    return harness_.Call("GET", "/api/v1/cases?limit=200", harness_.AdminToken())
        .body["items"]
        .size();
  }

  std::string CasePath(const json& ingested) {
    return "/api/v1/cases/" + ingested["case_id"].dump();
  }

  test::ApiHarness harness_;
  domain::Department department_;
  std::string sales_;
};

TEST_F(SmsApiTest, ATextOpensACaseForItsNumberAndIsAcknowledgedBySms) {
  const auto first = Text({{"id", "gw-1"},
                           {"from", "138 0013 8000"},
                           {"to", "1069000"},
                           {"text", "空调外机漏水，已经三天了，请尽快派人来修。"}});
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body["new_case"], true);
  EXPECT_EQ(first.body["duplicate"], false);
  const std::string path = CasePath(first.body);
  const std::string admin = harness_.AdminToken();
  // In the gateway's department: its agents see it.
  const auto a_case = harness_.Call("GET", path, sales_);
  EXPECT_EQ(a_case.body["channel"], "sms");
  EXPECT_EQ(a_case.body["department_id"], department_.id);
  EXPECT_EQ(a_case.body["subject"], "空调外机漏水，已经三天了，请尽快派人来修。");
  EXPECT_EQ(a_case.body["number"], first.body["case_number"]);
  const auto customer = harness_.Call(
      "GET", "/api/v1/customers/" + a_case.body["customer_id"].dump(), harness_.AdminToken());
  EXPECT_EQ(customer.body["phones"], json::array({"+8613800138000"}));

  const auto timeline = harness_.Call("GET", path + "/interactions", admin);
  ASSERT_EQ(timeline.body["items"].size(), 2u) << timeline.raw;
  EXPECT_EQ(timeline.body["items"][0]["channel"], "sms");
  EXPECT_EQ(timeline.body["items"][0]["direction"], "inbound");
  EXPECT_EQ(timeline.body["items"][1]["channel"], "sms");
  EXPECT_EQ(timeline.body["items"][1]["direction"], "outbound");
  const auto outbox = harness_.Call("GET", path + "/outbox", admin);
  ASSERT_EQ(outbox.body["items"].size(), 1u);
  const json ack = outbox.body["items"][0];
  EXPECT_EQ(ack["channel"], "sms");
  EXPECT_EQ(ack["purpose"], "acknowledgement");
  EXPECT_EQ(ack["recipient"], "+8613800138000");
  EXPECT_EQ(ack["state"], "queued");
  const std::string ack_text = timeline.body["items"][1]["body"];
  EXPECT_NE(ack_text.find(first.body["case_number"].get<std::string>()), std::string::npos);
  // Known only by the number: greeted as a customer, not as "+8613800138000".
  EXPECT_EQ(ack_text.rfind("客户您好", 0), 0u) << ack_text;

  // The gateway delivers the same text again (signed anew): stored once.
  const auto again = Text({{"id", "gw-1"}, {"from", "13800138000"}, {"text", "空调外机漏水"}});
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body["duplicate"], true);
  EXPECT_EQ(again.body["case_id"], first.body["case_id"]);
  EXPECT_EQ(again.body["interaction_id"], first.body["interaction_id"]);

  // The customer's next text joins the case; no second acknowledgement.
  const auto next = Text({{"id", "gw-2"}, {"from", "+86 138-0013-8000"}, {"text", "下午在家"}});
  ASSERT_EQ(next.status, 200) << next.raw;
  EXPECT_EQ(next.body["new_case"], false);
  EXPECT_EQ(next.body["case_id"], first.body["case_id"]);
  EXPECT_EQ(harness_.Call("GET", path + "/interactions", admin).body["items"].size(), 3u);
  EXPECT_EQ(harness_.Call("GET", path + "/outbox", admin).body["items"].size(), 1u);
  EXPECT_EQ(CaseCount(), 1u);
  // A text that starts with blank lines takes its subject from its first words.
  const auto blank_first =
      Text({{"id", "gw-3"}, {"from", "13900000003"}, {"text", "\n \n燃气泄漏！"}});
  ASSERT_EQ(blank_first.status, 200) << blank_first.raw;
  EXPECT_EQ(harness_.Call("GET", CasePath(blank_first.body), admin).body["subject"], "燃气泄漏！");
}

TEST_F(SmsApiTest, ATextFindsTheCustomerKnownByPhoneAndTheCaseItNames) {
  auto filed = [&](const std::string& subject) {
    auto created =
        harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                          {{"subject", subject},
                           {"channel", "phone"},
                           {"department_id", department_.id},
                           {"customer", {{"name", "王小明"}, {"phone", "13800001111"}}}});
    EXPECT_EQ(created.status, 201) << created.raw;
    return created.body;
  };
  const json older = filed("冰箱不制冷");
  const json newer = filed("洗衣机异响");
  // Without a number: the customer's latest open case.
  auto text = Text({{"id", "gw-10"}, {"from", "13800001111"}, {"text", "师傅几点到？"}});
  ASSERT_EQ(text.status, 200) << text.raw;
  EXPECT_EQ(text.body["case_id"], newer["id"]);
  EXPECT_EQ(text.body["new_case"], false);
  // Naming the older one, in lower case: that one.
  text = Text({{"id", "gw-11"},
               {"from", "13800001111"},
               {"text", "关于" + older["number"].get<std::string>() + "，冰箱又坏了"}});
  ASSERT_EQ(text.status, 200) << text.raw;
  EXPECT_EQ(text.body["case_id"], older["id"]);
  // Someone else naming that number opens a case of their own.
  text = Text({{"id", "gw-12"},
               {"from", "13900001111"},
               {"text", "查询 " + older["number"].get<std::string>()}});
  ASSERT_EQ(text.status, 200) << text.raw;
  EXPECT_EQ(text.body["new_case"], true);
  EXPECT_NE(text.body["case_id"], older["id"]);
}

TEST_F(SmsApiTest, UnsignedStaleForgedAndReplayedRequestsAreRefusedAndWriteNothing) {
  const std::string body = json{{"id", "gw-20"}, {"from", "13800138000"}, {"text", "漏水"}}.dump();
  const auto status_of = [&](const std::map<std::string, std::string>& headers,
                             const std::string& sent = "") {
    return harness_.Call("POST", "/api/v1/webhooks/sms", "", sent.empty() ? body : sent, headers);
  };
  auto refused = status_of({{"Content-Type", "application/json"}});
  EXPECT_EQ(refused.status, 401) << refused.raw;
  EXPECT_EQ(refused.Header("Content-Type"), "application/problem+json");
  EXPECT_EQ(status_of(Signed(body, "not-the-gateways-secret")).status, 401);
  EXPECT_EQ(status_of(Signed(body, kGatewaySecret, -301)).status, 401);
  EXPECT_EQ(status_of(Signed(body, kGatewaySecret, 301)).status, 401);
  auto headers = Signed(body);
  EXPECT_EQ(status_of(headers, body + "\n").status, 401);  // the body changed on the way
  headers["X-Lingting-Signature"] = "sha1=abc";
  EXPECT_EQ(status_of(headers).status, 401);
  EXPECT_EQ(CaseCount(), 0u);

  const auto accepted = Signed(body);
  ASSERT_EQ(status_of(accepted).status, 200);
  const auto replayed = status_of(accepted);
  EXPECT_EQ(replayed.status, 409) << replayed.raw;
  EXPECT_EQ(CaseCount(), 1u);
}

TEST_F(SmsApiTest, WrongTextsAreRefusedByFieldAndWriteNothing) {
  struct Bad {
    std::string body;
    int status;
    std::string field;
  };
  for (const Bad& bad : {
           Bad{"not json", 422, ""},
           Bad{R"(["a"])", 422, ""},
           Bad{json{{"from", "13800138000"}, {"text", "漏水"}}.dump(), 422, "id"},
           Bad{json{{"id", "x"}, {"from", "hello"}, {"text", "漏水"}}.dump(), 422, "from"},
           Bad{json{{"id", "x"}, {"from", "13800138000"}, {"text", "  "}}.dump(), 422, "text"},
           Bad{json{{"id", "x"}, {"from", "13800138000"}, {"text", std::string(2001, 'a')}}.dump(),
               422, "text"},
           Bad{json{{"id", "x"}, {"from", "13800138000"}, {"text", "a"}, {"carrier", "cm"}}.dump(),
               422, "carrier"},
           Bad{json{{"id", "x"}, {"from", "13800138000"}, {"text", "a"}, {"sent_at", "昨天"}}
                   .dump(),
               422, "sent_at"},
       }) {
    const auto refused =
        harness_.Call("POST", "/api/v1/webhooks/sms", "", bad.body, Signed(bad.body));
    EXPECT_EQ(refused.status, bad.status) << bad.body << " " << refused.raw;
    if (!bad.field.empty()) {
      ASSERT_TRUE(refused.body.contains("errors")) << refused.raw;
      EXPECT_EQ(refused.body["errors"][0]["field"], bad.field) << refused.raw;
    }
  }
  EXPECT_EQ(CaseCount(), 0u);
}

TEST_F(SmsApiTest, WithoutASecretTheWebhookIsNotThere) {
  test::ApiHarness fresh;
  const std::string body = json{{"id", "1"}, {"from", "13800138000"}, {"text", "a"}}.dump();
  const std::int64_t at = fresh.store.clock.NowMs() / 1000;
  const auto refused = fresh.Call("POST", "/api/v1/webhooks/sms", "", body,
                                  {{"X-Lingting-Timestamp", std::to_string(at)},
                                   {"X-Lingting-Signature", domain::SignWebhook("", at, body)}});
  EXPECT_EQ(refused.status, 404) << refused.raw;
}

TEST_F(SmsApiTest, AgentsAnswerBySmsToTheNumberTheCustomerTextedFrom) {
  const auto first = Text({{"id", "gw-30"}, {"from", "13800138000"}, {"text", "热水器不点火"}});
  const std::string path = CasePath(first.body);
  auto sent = harness_.CallJson("POST", path + "/messages", sales_,
                                {{"channel", "sms"}, {"body", "您好，师傅明天上午到。"}});
  ASSERT_EQ(sent.status, 201) << sent.raw;
  EXPECT_EQ(sent.body["interaction"]["channel"], "sms");
  EXPECT_EQ(sent.body["outbox"]["channel"], "sms");
  EXPECT_EQ(sent.body["outbox"]["recipient"], "+8613800138000");
  EXPECT_EQ(sent.body["outbox"]["subject"], "");
  EXPECT_EQ(sent.body["outbox"]["state"], "queued");
  sent = harness_.CallJson("POST", path + "/messages", sales_,
                           {{"channel", "sms"}, {"to", "139 0000 1111"}, {"body", "您好"}});
  ASSERT_EQ(sent.status, 201) << sent.raw;
  EXPECT_EQ(sent.body["outbox"]["recipient"], "+8613900001111");

  struct Bad {
    json body;
    std::string field;
    std::string key;
  };
  for (const Bad& bad : {
           Bad{{{"channel", "sms"}, {"to", "not a number"}, {"body", "a"}},
               "to",
               "validation.phone"},
           Bad{{{"channel", "sms"}, {"body", std::string(1001, 'a')}},
               "body",
               "validation.too_long"},
           Bad{{{"channel", "sms"},
                {"body", "a"},
                {"attachments", json::array({{{"filename", "a.txt"},
                                              {"content_type", "text/plain"},
                                              {"content_base64", "YQ=="}}})}},
               "attachments",
               "validation.sms_attachments"},
           Bad{{{"channel", "fax"}, {"body", "a"}}, "channel", "validation.channel_cannot_send"},
       }) {
    const auto refused = harness_.CallJson("POST", path + "/messages", sales_, bad.body);
    EXPECT_EQ(refused.status, 422) << bad.body.dump() << refused.raw;
    EXPECT_EQ(refused.body["errors"][0]["field"], bad.field) << refused.raw;
    EXPECT_EQ(refused.body["errors"][0]["code"], bad.key) << refused.raw;
  }
  EXPECT_EQ(harness_.Call("GET", path + "/outbox", sales_).body["items"].size(), 3u);

  // A case whose customer has only a landline has nobody to text.
  auto landline = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                                    {{"subject", "投诉"},
                                     {"channel", "phone"},
                                     {"department_id", department_.id},
                                     {"customer", {{"name", "赵敏"}, {"phone", "010-8888 6666"}}}});
  ASSERT_EQ(landline.status, 201) << landline.raw;
  const auto nobody = harness_.CallJson("POST", landline.Header("Location") + "/messages", sales_,
                                        {{"channel", "sms"}, {"body", "您好"}});
  EXPECT_EQ(nobody.status, 422) << nobody.raw;
  EXPECT_EQ(nobody.body["errors"][0]["code"], "validation.no_phone");
}

TEST_F(SmsApiTest, ACaseAPersonFilesIsAcknowledgedBySmsUnlessTheyChooseNot) {
  const auto file = [&](json body) {
    body["subject"] = "电饭煲内胆脱漆";
    body["department_id"] = department_.id;
    auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(), body);
    EXPECT_EQ(created.status, 201) << created.raw;
    return harness_.Call("GET", created.Header("Location") + "/outbox", sales_).body["items"];
  };
  // By phone, for a customer with a mobile and an address: a text (no SMTP server is set up).
  json outbox = file(
      {{"channel", "phone"},
       {"customer", {{"name", "韩梅"}, {"phone", "139 0000 2222"}, {"email", "han@example.com"}}}});
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0]["channel"], "sms");
  EXPECT_EQ(outbox[0]["purpose"], "acknowledgement");
  EXPECT_EQ(outbox[0]["recipient"], "+8613900002222");
  // The agent chose not to.
  EXPECT_TRUE(file({{"channel", "phone"},
                    {"acknowledge", false},
                    {"customer", {{"name", "韩梅"}, {"phone", "13900002222"}}}})
                  .empty());
  // Nobody to reach: a landline only.
  EXPECT_TRUE(
      file({{"channel", "visit"}, {"customer", {{"name", "赵敏"}, {"phone", "010-8888 6666"}}}})
          .empty());
}

TEST_F(SmsApiTest, OnlyAdminsKeepTheGatewayAndItsSecretsAreNeverReadBack) {
  EXPECT_EQ(harness_.Call("GET", "/api/v1/admin/sms", sales_).status, 403);
  EXPECT_EQ(harness_.CallJson("PUT", "/api/v1/admin/sms", sales_, {{"url", "http://a/"}}).status,
            403);
  auto read = harness_.Call("GET", "/api/v1/admin/sms", harness_.AdminToken());
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.body["configured"], true);
  EXPECT_EQ(read.body["auth_value_set"], true);
  EXPECT_EQ(read.body["webhook_secret_set"], true);
  EXPECT_EQ(read.raw.find("sk-123"), std::string::npos);
  EXPECT_EQ(read.raw.find(kGatewaySecret), std::string::npos);

  struct Bad {
    json body;
    std::string field;
  };
  for (const Bad& bad : {
           Bad{{{"url", "ftp://gateway/"}}, "url"},
           Bad{{{"url", "http://a/"}, {"body_template", R"({"to":"${to}"})"}}, "body_template"},
           Bad{{{"url", "http://a/"}, {"body_template", R"({"to":${to},"t":"${text}"})"}},
               "body_template"},
           Bad{{{"url", "http://a/"}, {"format", "xml"}}, "format"},
           Bad{{{"url", "http://a/"}, {"auth_header", "X Token"}}, "auth_header"},
           Bad{{{"url", "http://a/"}, {"auth_value", "a\r\nX-Evil: 1"}}, "auth_value"},
           Bad{{{"url", "http://a/"}, {"webhook_secret", "short"}}, "webhook_secret"},
           Bad{{{"url", "http://a/"}, {"max_parts", 0}}, "max_parts"},
           Bad{{{"url", "http://a/"}, {"region", "cn"}}, "region"},
           Bad{{{"url", "http://a/"}, {"department_id", 999999}}, "department_id"},
       }) {
    const auto refused =
        harness_.CallJson("PUT", "/api/v1/admin/sms", harness_.AdminToken(), bad.body);
    EXPECT_EQ(refused.status, 422) << bad.body.dump() << refused.raw;
    EXPECT_EQ(refused.body["errors"][0]["field"], bad.field) << refused.raw;
  }
  // Nothing changed, and the secrets survive a save that does not name them.
  read = harness_.Call("GET", "/api/v1/admin/sms", harness_.AdminToken());
  EXPECT_EQ(read.body["url"], "http://127.0.0.1:9/send");
  const auto saved = harness_.CallJson("PUT", "/api/v1/admin/sms", harness_.AdminToken(),
                                       {{"url", "https://sms.example.com/send"}, {"max_parts", 3}});
  ASSERT_EQ(saved.status, 200) << saved.raw;
  EXPECT_EQ(saved.body["webhook_secret_set"], true);
  EXPECT_EQ(saved.body["auth_value_set"], true);
  EXPECT_EQ(saved.body["max_parts"], 3);
  // A test text needs a number.
  const auto test =
      harness_.CallJson("POST", "/api/v1/admin/sms/test", harness_.AdminToken(), {{"to", "12"}});
  EXPECT_EQ(test.status, 422) << test.raw;
  EXPECT_EQ(test.body["errors"][0]["field"], "to");
}

}  // namespace
}  // namespace lt
