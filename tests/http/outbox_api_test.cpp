// Messages to customers and the SMTP settings through the API: a message is
// queued with the case, threaded and addressed as the customer wrote; every
// wrong input is refused by field and leaves nothing behind; only admins see
// or change the SMTP settings, and the password is never read back. (The
// sending itself, on a real Postfix: tests/functional/outbox_test.cpp.)

#include <gtest/gtest.h>

#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

class OutboxApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    department_ = harness_.store.AddDepartment("SALES", "营业部");
    sales_ = harness_.TokenFor(
        harness_.store.AddUser("li@example.com", domain::Role::kSales, {department_.id}));
  }

  std::string File(const json& customer) {
    auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                                     {{"subject", "空调漏水"},
                                      {"channel", "email"},
                                      {"department_id", department_.id},
                                      {"customer", customer}});
    EXPECT_EQ(created.status, 201) << created.raw;
    return created.Header("Location");
  }

  test::ApiHarness harness_;
  domain::Department department_;
  std::string sales_;
};

TEST_F(OutboxApiTest, AMessageIsQueuedWithTheCaseToTheCustomersAddress) {
  const std::string path =
      File({{"name", "王小明"}, {"phone", "13800001111"}, {"email", "Wang.XM@Example.com"}});
  auto sent = harness_.CallJson("POST", path + "/messages", sales_,
                                {{"body", "王先生您好：师傅明天上门。"}});
  ASSERT_EQ(sent.status, 201) << sent.raw;
  EXPECT_EQ(sent.body["interaction"]["direction"], "outbound");
  EXPECT_EQ(sent.body["interaction"]["visibility"], "public");
  EXPECT_EQ(sent.body["interaction"]["delivery"], "queued");
  const json outbox = sent.body["outbox"];
  EXPECT_EQ(outbox["recipient"], "wang.xm@example.com");
  EXPECT_EQ(outbox["recipient_name"], "王小明");
  EXPECT_EQ(outbox["purpose"], "reply");
  EXPECT_EQ(outbox["state"], "queued");
  EXPECT_EQ(outbox["attempts"], 0);
  const std::string number = harness_.Call("GET", path, sales_).body["number"];
  EXPECT_EQ(outbox["subject"], "Re: 空调漏水 [" + number + "]");
  EXPECT_EQ(outbox["message_id"].get<std::string>().rfind("lt." + number + ".", 0), 0u);

  // Another address, a subject of the agent's own; the number is kept.
  sent = harness_.CallJson("POST", path + "/messages", sales_,
                           {{"to", "wife@example.com"}, {"subject", "上门时间"}, {"body", "您好"}});
  ASSERT_EQ(sent.status, 201) << sent.raw;
  EXPECT_EQ(sent.body["outbox"]["recipient"], "wife@example.com");
  EXPECT_EQ(sent.body["outbox"]["recipient_name"], "");
  EXPECT_EQ(sent.body["outbox"]["subject"], "上门时间 [" + number + "]");
  // Each later message names the earlier ones it follows.
  EXPECT_EQ(sent.body["outbox"]["in_reply_to"], nullptr);

  const auto listed = harness_.Call("GET", path + "/outbox", sales_);
  ASSERT_EQ(listed.status, 200) << listed.raw;
  EXPECT_EQ(listed.body["items"].size(), 2u);
}

TEST_F(OutboxApiTest, WrongMessagesAreRefusedByFieldAndLeaveNothingBehind) {
  const std::string by_phone = File({{"name", "赵敏"}, {"phone", "13800002222"}});
  struct Bad {
    json body;
    std::string field;
    std::string key;
  };
  for (const Bad& bad : {
           Bad{{{"body", "您好"}}, "to", "validation.no_address"},
           Bad{{{"body", "您好"}, {"to", "not an address"}}, "to", "validation.email"},
           Bad{{{"body", ""}, {"to", "a@example.com"}}, "body", "validation.required"},
           Bad{{{"body", "您好"}, {"channel", "sms"}, {"to", "a@example.com"}},
               "to",
               "validation.phone"},
           Bad{{{"body", "您好"}, {"channel", "fax"}, {"to", "a@example.com"}},
               "channel",
               "validation.channel_cannot_send"},
           Bad{{{"body", "您好"}, {"channel", "pigeon"}}, "channel", "validation.enum"},
           Bad{{{"body", "您好"}, {"to", "a@example.com"}, {"subject", std::string(201, 'x')}},
               "subject",
               "validation.too_long"},
           Bad{{{"body", "您好"}, {"to", "a@example.com"}, {"cc", "b@example.com"}},
               "cc",
               "validation.unknown_field"},
           Bad{{{"body", "您好"},
                {"to", "a@example.com"},
                {"attachments",
                 {{{"filename", "../x.exe"},
                   {"content_type", "application/x-msdownload"},
                   {"content_base64", "TVo="}}}}},
               "attachments[0].filename",
               "validation.filename"},
       }) {
    const auto refused = harness_.CallJson("POST", by_phone + "/messages", sales_, bad.body);
    ASSERT_EQ(refused.status, 422) << bad.body.dump() << refused.raw;
    bool named = false;
    for (const auto& error : refused.body["errors"]) {
      named = named || (error["field"] == bad.field && error["code"] == bad.key);
    }
    EXPECT_TRUE(named) << bad.body.dump() << " " << refused.raw;
  }
  EXPECT_TRUE(harness_.Call("GET", by_phone + "/outbox", sales_).body["items"].empty());
  const auto timeline = harness_.Call("GET", by_phone + "/interactions", sales_);
  EXPECT_TRUE(timeline.body["items"].empty()) << timeline.raw;
  EXPECT_EQ(harness_
                .CallJson("POST", "/api/v1/cases/999999/messages", sales_,
                          {{"body", "您好"}, {"to", "a@example.com"}})
                .status,
            404);
}

TEST_F(OutboxApiTest, ACaseFiledByEmailOrWithoutAMobileIsAcknowledgedByEmail) {
  ASSERT_EQ(
      harness_
          .CallJson(
              "PUT", "/api/v1/admin/smtp", harness_.AdminToken(),
              {{"host", "127.0.0.1"}, {"port", 2525}, {"from_address", "service@example.com"}})
          .status,
      200);
  // Filed by e-mail (the helper): answered where the customer wrote, even with a mobile.
  const std::string by_mail =
      File({{"name", "王小明"}, {"phone", "13800001111"}, {"email", "wang@example.com"}});
  auto outbox = harness_.Call("GET", by_mail + "/outbox", sales_).body["items"];
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0]["purpose"], "acknowledgement");
  EXPECT_EQ(outbox[0]["channel"], "email");
  EXPECT_EQ(outbox[0]["recipient"], "wang@example.com");
  const std::string number = harness_.Call("GET", by_mail, sales_).body["number"];
  EXPECT_NE(outbox[0]["subject"].get<std::string>().find(number), std::string::npos);
  // A portal or phone case of a customer with no mobile: by e-mail too (no SMS gateway here).
  auto created =
      harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                        {{"subject", "空调不制冷"},
                         {"channel", "phone"},
                         {"department_id", department_.id},
                         {"customer", {{"name", "陈静"}, {"email", "chen@example.com"}}}});
  ASSERT_EQ(created.status, 201) << created.raw;
  outbox = harness_.Call("GET", created.Header("Location") + "/outbox", sales_).body["items"];
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0]["channel"], "email");
}

TEST_F(OutboxApiTest, OnlyAdminsKeepTheSmtpSettingsAndThePasswordIsNeverReadBack) {
  EXPECT_EQ(harness_.Call("GET", "/api/v1/admin/smtp", sales_).status, 403);
  const std::string admin = harness_.AdminToken();
  auto read = harness_.Call("GET", "/api/v1/admin/smtp", admin);
  ASSERT_EQ(read.status, 200) << read.raw;
  EXPECT_EQ(read.body["configured"], false);
  // Nothing saved, nothing to test.
  EXPECT_EQ(harness_.Call("POST", "/api/v1/admin/smtp/test", admin).status, 404);

  const json settings = {{"host", "smtp.example.com"},
                         {"port", 587},
                         {"security", "starttls"},
                         {"username", "service"},
                         {"password", "s3cret 密码"},
                         {"from_address", "Service@Example.com"},
                         {"from_name", "某某公司客户服务中心"}};
  EXPECT_EQ(harness_.CallJson("PUT", "/api/v1/admin/smtp", sales_, settings).status, 403);
  auto saved = harness_.CallJson("PUT", "/api/v1/admin/smtp", admin, settings);
  ASSERT_EQ(saved.status, 200) << saved.raw;
  EXPECT_EQ(saved.body["configured"], true);
  EXPECT_EQ(saved.body["from_address"], "service@example.com");
  EXPECT_EQ(saved.body["password_set"], true);
  EXPECT_FALSE(saved.body.contains("password"));
  EXPECT_EQ(saved.raw.find("s3cret"), std::string::npos);

  // Saved again without a password: the stored one is kept.
  json without = settings;
  without.erase("password");
  without["port"] = 465;
  without["security"] = "tls";
  saved = harness_.CallJson("PUT", "/api/v1/admin/smtp", admin, without);
  ASSERT_EQ(saved.status, 200) << saved.raw;
  EXPECT_EQ(saved.body["password_set"], true);
  EXPECT_EQ(saved.body["security"], "tls");

  struct Bad {
    json change;
    std::string field;
  };
  for (const Bad& bad :
       {Bad{{{"host", "smtp example com"}}, "host"}, Bad{{{"host", ""}}, "host"},
        Bad{{{"port", 0}}, "port"}, Bad{{{"port", 70000}}, "port"},
        Bad{{{"security", "ssl3"}}, "security"}, Bad{{{"from_address", "客服"}}, "from_address"},
        Bad{{{"ca_file", "/no/such/ca.pem"}}, "ca_file"},
        Bad{{{"ca_file", "relative.pem"}}, "ca_file"},
        Bad{{{"timeout_seconds", 0}}, "timeout_seconds"},
        Bad{{{"from_name", std::string(101, 'x')}}, "from_name"},
        Bad{{{"relay", true}}, "relay"}}) {
    json body = settings;
    for (const auto& [key, value] : bad.change.items()) body[key] = value;
    const auto refused = harness_.CallJson("PUT", "/api/v1/admin/smtp", admin, body);
    ASSERT_EQ(refused.status, 422) << body.dump() << refused.raw;
    EXPECT_EQ(refused.body["errors"][0]["field"], bad.field) << refused.raw;
    // Tested settings are checked the same way.
    EXPECT_EQ(harness_.CallJson("POST", "/api/v1/admin/smtp/test", admin, body).status, 422);
  }
  read = harness_.Call("GET", "/api/v1/admin/smtp", admin);
  EXPECT_EQ(read.body["port"], 465);  // the refused changes left the saved settings alone
}

}  // namespace
}  // namespace lt
