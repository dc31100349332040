// The customer portal through the API: customers sign up and in with a
// one-time code sent by e-mail or SMS through the outbox (limited per
// address and client, single-use, expiring, dead after five wrong tries);
// they file cases with photos, see only their own cases, reply, record a
// sample shipment and rate the outcome once answered; they bind their
// WeChat follower through a code sent to the Official Account. A customer
// reaches nothing of another's by guessing ids.

#include <gtest/gtest.h>

#include <regex>

#include "base/crypto.hpp"
#include "domain/wechat.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

constexpr const char* kWechatToken = "lingtingToken2026";

// A signed-in customer: the cookies and CSRF header the browser sends.
struct Portal {
  Headers headers;
  domain::Id customer_id = 0;
  json user;
};

class PortalApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string admin = harness_.AdminToken();
    ASSERT_EQ(
        harness_
            .CallJson(
                "PUT", "/api/v1/admin/smtp", admin,
                {{"host", "127.0.0.1"}, {"port", 2525}, {"from_address", "service@example.com"}})
            .status,
        200);
    ASSERT_EQ(
        harness_.CallJson("PUT", "/api/v1/admin/sms", admin, {{"url", "http://127.0.0.1:9/send"}})
            .status,
        200);
    agent_ = harness_.TokenFor(harness_.store.AddUser("li@example.com", domain::Role::kAgent, {}));
  }

  // The latest sign-in code sent to `recipient`, read from the outbox.
  std::string CodeSentTo(const std::string& recipient) {
    std::string body;
    EXPECT_TRUE(harness_.store.database
                    ->Read([&](storage::Connection& connection) -> Status {
                      return connection.Query(
                          "SELECT body FROM outbox_messages WHERE purpose = 'sign_in_code' "
                          "AND recipient = $1 ORDER BY id DESC LIMIT 1",
                          {recipient}, [&](const storage::Row& row) { body = row.Text(0); });
                    })
                    .ok());
    std::smatch match;
    EXPECT_TRUE(std::regex_search(body, match, std::regex("[0-9]{6}"))) << body;
    return match.empty() ? "" : match.str(0);
  }

  test::ApiResult AskCode(const std::string& address, Headers headers = {}) {
    return harness_.CallJson("POST", "/api/v1/portal/sign-in-codes", "", {{"address", address}},
                             std::move(headers));
  }

  test::ApiResult Verify(const std::string& address, const std::string& code,
                         const json& extra = json::object()) {
    json body = {{"address", address}, {"code", code}};
    body.update(extra);
    return harness_.CallJson("POST", "/api/v1/portal/session", "", body);
  }

  static std::string Cookie(const test::ApiResult& result, const std::string& name) {
    for (const auto& [header, value] : result.headers) {
      if (header == "Set-Cookie" && value.rfind(name + "=", 0) == 0) {
        return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
      }
    }
    return {};
  }

  // Signs in as the customer with this address (`recipient` as normalised).
  Portal SignIn(const std::string& address, const std::string& recipient,
                const std::string& name = "") {
    const auto asked = AskCode(address);
    EXPECT_EQ(asked.status, 202) << asked.raw;
    const auto signed_in = Verify(address, CodeSentTo(recipient),
                                  name.empty() ? json::object() : json{{"name", name}});
    EXPECT_EQ(signed_in.status, 201) << signed_in.raw;
    Portal portal;
    portal.user = signed_in.body["user"];
    portal.customer_id = portal.user.value("customer_id", domain::Id{0});
    portal.headers = {{"Cookie", "lt_session=" + Cookie(signed_in, "lt_session") +
                                     "; lt_csrf=" + Cookie(signed_in, "lt_csrf")},
                      {"X-CSRF-Token", signed_in.body.value("csrf_token", "")}};
    harness_.store.clock.Advance(61'000);  // past the resend wait
    return portal;
  }

  test::ApiResult As(const Portal& portal, const std::string& method, const std::string& path,
                     const json& body = nullptr) {
    return harness_.Call(method, path, "", body.is_null() ? "" : body.dump(), portal.headers);
  }

  test::ApiHarness harness_;
  std::string agent_;
};

TEST_F(PortalApiTest, CustomersSignUpAndInWithACodeSentByMailOrText) {
  // By e-mail: a new customer, named as they asked.
  const auto asked = AskCode(" Zhou.Min@Example.COM ");
  ASSERT_EQ(asked.status, 202) << asked.raw;
  EXPECT_EQ(asked.body["channel"], "email");
  const std::string code = CodeSentTo("zhou.min@example.com");
  ASSERT_EQ(code.size(), 6u);
  const std::string wrong = code == "000000" ? "000001" : "000000";
  const auto refused = Verify("zhou.min@example.com", wrong);
  EXPECT_EQ(refused.status, 401) << refused.raw;
  EXPECT_EQ(refused.body["code"], "error.sign_in_code");
  const auto signed_in = Verify("zhou.min@example.com", code, {{"name", "周敏"}});
  ASSERT_EQ(signed_in.status, 201) << signed_in.raw;
  EXPECT_EQ(signed_in.body["user"]["role"], "customer");
  EXPECT_NE(Cookie(signed_in, "lt_session"), "");
  EXPECT_EQ(Verify("zhou.min@example.com", code).status, 401) << "a code is used once";
  const domain::Id customer_id = signed_in.body["user"]["customer_id"];
  const auto customer = harness_.Call("GET", "/api/v1/customers/" + std::to_string(customer_id),
                                      harness_.AdminToken());
  EXPECT_EQ(customer.body["name"], "周敏");
  EXPECT_EQ(customer.body["emails"], json::array({"zhou.min@example.com"}));

  // The code went out through the outbox, as an automatic message.
  harness_.SendOutbox();
  // By text: a customer staff know by phone signs in as themself and sees
  // their case.
  const auto filed = harness_.CallJson(
      "POST", "/api/v1/cases", agent_,
      {{"subject", "热水器漏水"}, {"customer", {{"name", "王芳"}, {"phone", "13812345678"}}}});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  const auto by_text = AskCode("138 1234 5678");
  ASSERT_EQ(by_text.status, 202) << by_text.raw;
  EXPECT_EQ(by_text.body["channel"], "sms");
  const auto as_wang = Verify("+86 138-1234-5678", CodeSentTo("+8613812345678"));
  ASSERT_EQ(as_wang.status, 201) << as_wang.raw;
  EXPECT_EQ(as_wang.body["user"]["customer_id"], filed.body["customer_id"]);
  EXPECT_EQ(as_wang.body["user"]["name"], "王芳");
  Portal wang;
  wang.headers = {{"Cookie", "lt_session=" + Cookie(as_wang, "lt_session")}};
  const auto mine = As(wang, "GET", "/api/v1/cases");
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_EQ(mine.body["items"].size(), 1u);
  EXPECT_EQ(mine.body["items"][0]["number"], filed.body["number"]);
  EXPECT_FALSE(mine.body["items"][0].contains("assignee_id")) << "the portal view";

  // What is not an address is refused by field, and no code goes out.
  for (const char* bad : {"010-8888 6666", "zhou@", "hello", ""}) {
    const auto bad_address = AskCode(bad);
    EXPECT_EQ(bad_address.status, 422) << bad;
    EXPECT_EQ(bad_address.body["errors"][0]["field"], "address") << bad_address.raw;
  }
  const auto bad_code = Verify("zhou.min@example.com", "12ab");
  EXPECT_EQ(bad_code.status, 422);
  EXPECT_EQ(bad_code.body["errors"][0]["field"], "code");
  EXPECT_EQ(harness_.CallJson("POST", "/api/v1/portal/session", "", {{"address", "a@b.cn"}}).status,
            422);
}

TEST_F(PortalApiTest, CodesAreLimitedExpireAndDieAfterFiveWrongTries) {
  const std::string address = "chen@example.com";
  ASSERT_EQ(AskCode(address).status, 202);
  const auto too_soon = AskCode(address);
  EXPECT_EQ(too_soon.status, 429) << too_soon.raw;
  EXPECT_EQ(too_soon.Header("Retry-After"), "60");
  // Five an hour per address.
  for (int i = 0; i < 4; ++i) {
    harness_.store.clock.Advance(61'000);
    ASSERT_EQ(AskCode(address).status, 202) << i;
  }
  harness_.store.clock.Advance(61'000);
  EXPECT_EQ(AskCode(address).status, 429);

  // Five wrong tries kill the code: the right one no longer works.
  const std::string code = CodeSentTo(address);
  const std::string wrong = code == "999999" ? "999998" : "999999";
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Verify(address, wrong).status, 401);
  EXPECT_EQ(Verify(address, code).status, 401);

  // A code lives ten minutes.
  harness_.store.clock.Advance(3600'000);
  ASSERT_EQ(AskCode(address).status, 202);
  const std::string late = CodeSentTo(address);
  harness_.store.clock.Advance(10 * 60'000 + 1);
  EXPECT_EQ(Verify(address, late).status, 401);

  // Twenty an hour per client, whatever the addresses.
  harness_.store.clock.Advance(3600'000);
  harness_.remote_address = "203.0.113.9";
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(AskCode("guest" + std::to_string(i) + "@example.com").status, 202) << i;
  }
  EXPECT_EQ(AskCode("guest20@example.com").status, 429);

  // Without an SMS gateway a mobile number cannot get a code.
  harness_.remote_address = "203.0.113.10";
  ASSERT_TRUE(harness_.store.database
                  ->Write([](storage::Connection& connection) -> Status {
                    LT_TRY(
                        connection.Execute("DELETE FROM channel_settings WHERE channel = 'sms'"));
                    return Ok();
                  })
                  .ok());
  const auto unreachable = AskCode("13912345678");
  EXPECT_EQ(unreachable.status, 422) << unreachable.raw;
  EXPECT_EQ(unreachable.body["errors"][0]["code"], "validation.sign_in_unreachable");
}

TEST_F(PortalApiTest, ACustomerFilesRepliesShipsASampleAndRatesTheOutcome) {
  Portal zhou = SignIn("zhou@example.com", "zhou@example.com", "周敏");
  const auto filed = As(zhou, "POST", "/api/v1/cases",
                        {{"subject", "燃气灶点不着火"}, {"description", "左侧灶头打火无反应"}});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  EXPECT_EQ(filed.body["channel"], "portal");
  const std::string path = "/api/v1/cases/" + filed.body["id"].dump();
  const auto read = As(zhou, "GET", path);
  ASSERT_EQ(read.status, 200) << read.raw;
  ASSERT_FALSE(read.body["deadlines"].empty()) << "the promised first contact";
  EXPECT_EQ(read.body["deadlines"][0]["target"], "first_contact");

  // Photos, then a reply: on the timeline, from the customer.
  const std::string photo = "\x89PNG\r\n\x1a\n-photo-";
  const auto photos = As(zhou, "POST", path + "/interactions",
                         {{"body", "现场照片"},
                          {"attachments",
                           {{{"filename", "灶头.png"},
                             {"content_type", "image/png"},
                             {"content_base64", EncodeBase64(photo)}}}}});
  ASSERT_EQ(photos.status, 201) << photos.raw;
  EXPECT_EQ(photos.body["channel"], "portal");
  EXPECT_EQ(photos.body["author_customer_id"], zhou.customer_id);
  const auto download = As(zhou, "GET", photos.body["attachments"][0]["url"].get<std::string>());
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.raw, photo);
  EXPECT_EQ(
      As(zhou, "POST", path + "/interactions", {{"body", "x"}, {"visibility", "internal"}}).status,
      422);

  // The sample: refused by field, then recorded; staff see it.
  const auto bad = As(zhou, "POST", path + "/sample-shipments",
                      {{"carrier", ""}, {"shipped_on", "2026-13-01"}, {"quantity", 0}});
  ASSERT_EQ(bad.status, 422) << bad.raw;
  std::set<std::string> fields;
  for (const auto& error : bad.body["errors"]) fields.insert(error["field"]);
  EXPECT_EQ(fields,
            (std::set<std::string>{"carrier", "tracking_number", "shipped_on", "quantity"}));
  EXPECT_EQ(As(zhou, "POST", path + "/sample-shipments",
               {{"carrier", "顺丰速运"}, {"tracking_number", "SF1"}, {"shipped_on", "2099-01-01"}})
                .status,
            422);
  const auto shipped = As(zhou, "POST", path + "/sample-shipments",
                          {{"carrier", "顺丰速运"},
                           {"tracking_number", "SF1234567890123"},
                           {"shipped_on", "2026-03-02"},
                           {"quantity", 2},
                           {"note", "两个打火针"}});
  ASSERT_EQ(shipped.status, 201) << shipped.raw;
  const auto seen = harness_.Call("GET", path + "/sample-shipments", agent_);
  ASSERT_EQ(seen.body["items"].size(), 1u);
  EXPECT_EQ(seen.body["items"][0]["tracking_number"], "SF1234567890123");
  EXPECT_EQ(seen.body["items"][0]["quantity"], 2);

  // Rating waits for an answer.
  auto rating = As(zhou, "GET", path + "/rating");
  ASSERT_EQ(rating.status, 200) << rating.raw;
  EXPECT_EQ(rating.body["may_rate"], false);
  const json rate = {{"level", "very_good"}, {"solved", true}, {"comment", "师傅很专业"}};
  const auto early = As(zhou, "PUT", path + "/rating", rate);
  EXPECT_EQ(early.status, 409) << early.raw;
  EXPECT_EQ(early.body["code"], "error.rating_too_early");
  ASSERT_EQ(
      harness_
          .CallJson("POST", path + "/interactions", agent_,
                    {{"direction", "outbound"}, {"channel", "phone"}, {"body", "已更换打火针"}})
          .status,
      201);
  EXPECT_EQ(As(zhou, "GET", path + "/rating").body["may_rate"], true);
  const auto bad_rating = As(zhou, "PUT", path + "/rating", {{"level", "great"}});
  ASSERT_EQ(bad_rating.status, 422);
  EXPECT_EQ(bad_rating.body["errors"].size(), 2u) << bad_rating.raw;
  const auto rated = As(zhou, "PUT", path + "/rating", rate);
  ASSERT_EQ(rated.status, 200) << rated.raw;
  EXPECT_EQ(rated.body["score"], 10);
  EXPECT_EQ(harness_.CallJson("PUT", path + "/rating", agent_, rate).status, 403)
      << "the rating is the customer's";
  const auto staff_view = harness_.Call("GET", path + "/rating", agent_);
  EXPECT_EQ(staff_view.body["rating"]["level"], "very_good");
  EXPECT_EQ(staff_view.body["rating"]["comment"], "师傅很专业");
  const auto events = harness_.Call("GET", path + "/events", agent_);
  std::set<std::string> actions;
  for (const auto& event : events.body["items"]) actions.insert(event["action"]);
  EXPECT_TRUE(actions.contains("sample_shipped"));
  EXPECT_TRUE(actions.contains("rated"));
}

TEST_F(PortalApiTest, ACustomerReachesNothingOfAnothersByGuessingIds) {
  Portal zhou = SignIn("zhou@example.com", "zhou@example.com", "周敏");
  Portal chen = SignIn("13700137000", "+8613700137000", "陈");
  const auto filed = As(zhou, "POST", "/api/v1/cases", {{"subject", "冰箱不制冷"}});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  const std::string path = "/api/v1/cases/" + filed.body["id"].dump();
  const auto photo = As(zhou, "POST", path + "/interactions",
                        {{"body", "照片"},
                         {"attachments",
                          {{{"filename", "a.png"},
                            {"content_type", "image/png"},
                            {"content_base64", EncodeBase64("\x89PNG\r\n\x1a\n-photo-")}}}}});
  ASSERT_EQ(photo.status, 201);
  const std::string attachment = photo.body["attachments"][0]["url"];
  ASSERT_EQ(As(zhou, "POST", path + "/sample-shipments",
               {{"carrier", "EMS"}, {"tracking_number", "E1"}, {"shipped_on", "2026-03-01"}})
                .status,
            201);

  // Every route of the case answers as for no case (404); the outbox is
  // staff's alone (403 to every customer).
  struct Tried {
    std::string target;
    int status;
  };
  for (const auto& [target, status] : std::vector<Tried>{{path, 404},
                                                         {path + "/interactions", 404},
                                                         {path + "/sample-shipments", 404},
                                                         {path + "/rating", 404},
                                                         {attachment, 404},
                                                         {path + "/events", 404},
                                                         {path + "/outbox", 403}}) {
    const auto tried = As(chen, "GET", target);
    EXPECT_EQ(tried.status, status) << target << " " << tried.raw;
    EXPECT_EQ(tried.raw.find("冰箱"), std::string::npos) << target;
  }
  EXPECT_EQ(As(chen, "POST", path + "/interactions", {{"body", "hi"}}).status, 404);
  EXPECT_EQ(As(chen, "POST", path + "/sample-shipments",
               {{"carrier", "EMS"}, {"tracking_number", "E2"}, {"shipped_on", "2026-03-01"}})
                .status,
            404);
  EXPECT_EQ(As(chen, "PUT", path + "/rating", {{"level", "poor"}, {"solved", false}}).status, 404);
  EXPECT_EQ(As(chen, "PATCH", path, {{"subject", "x"}}).status, 404);
  EXPECT_EQ(As(zhou, "GET", path).body["subject"], "冰箱不制冷");
  EXPECT_EQ(As(chen, "GET", "/api/v1/customers/" + std::to_string(zhou.customer_id)).status, 404);
  EXPECT_EQ(As(chen, "GET", "/api/v1/customers").status, 403);
  EXPECT_TRUE(As(chen, "GET", "/api/v1/cases").body["items"].empty());
  // Filing for someone else is refused.
  EXPECT_EQ(As(chen, "POST", "/api/v1/cases", {{"subject", "x"}, {"customer_id", zhou.customer_id}})
                .status,
            403);
  // Without the CSRF header a cookie alone changes nothing.
  Portal no_csrf = chen;
  no_csrf.headers.erase("X-CSRF-Token");
  EXPECT_EQ(As(no_csrf, "POST", "/api/v1/cases", {{"subject", "x"}}).status, 403);
  // A code is bound to its address: Chen's code does not sign in as Zhou.
  ASSERT_EQ(AskCode("13700137000").status, 202);
  EXPECT_EQ(Verify("zhou@example.com", CodeSentTo("+8613700137000")).status, 401);
}

TEST_F(PortalApiTest, ACustomerBindsTheirWechatFollowerWithACodeSentToTheAccount) {
  ASSERT_EQ(harness_
                .CallJson("PUT", "/api/v1/admin/wechat", harness_.AdminToken(),
                          {{"app_id", "wx0123456789abcdef"},
                           {"app_secret", "0123456789abcdef0123456789abcdef"},
                           {"token", kWechatToken}})
                .status,
            200);
  int nonce = 0;
  auto push = [&](const std::string& openid, const std::string& text, const std::string& msg_id) {
    const std::string timestamp = std::to_string(harness_.store.clock.NowMs() / 1000);
    const std::string n = std::to_string(++nonce);
    return harness_.Call(
        "POST",
        "/api/v1/webhooks/wechat?signature=" + domain::WechatSignature(kWechatToken, timestamp, n) +
            "&timestamp=" + timestamp + "&nonce=" + n,
        "",
        "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[" +
            openid +
            "]]></FromUserName><CreateTime>1772415000</CreateTime><MsgType><![CDATA[text]]>"
            "</MsgType><Content><![CDATA[" +
            text + "]]></Content><MsgId>" + msg_id + "</MsgId></xml>",
        {{"Content-Type", "text/xml"}});
  };
  const std::string openid = "oK3a1t2PortalFollower";
  ASSERT_EQ(push(openid, "你好，热水器有问题", "31001").status, 200);

  Portal zhou = SignIn("zhou@example.com", "zhou@example.com", "周敏");
  EXPECT_EQ(As(zhou, "GET", "/api/v1/portal/wechat").body["bound"], false);
  const auto code = As(zhou, "POST", "/api/v1/portal/wechat-binding-codes");
  ASSERT_EQ(code.status, 201) << code.raw;
  const std::string digits = code.body["code"];
  ASSERT_EQ(digits.size(), 8u);

  // A wrong code is answered on WeChat and binds nothing.
  const std::string wrong = digits == "00000000" ? "00000001" : "00000000";
  const auto refused = push(openid, "绑定 " + wrong, "31002");
  ASSERT_EQ(refused.status, 200);
  EXPECT_NE(refused.raw.find("绑定码不正确"), std::string::npos) << refused.raw;
  EXPECT_NE(refused.raw.find("<ToUserName><![CDATA[" + openid + "]]>"), std::string::npos);
  EXPECT_EQ(As(zhou, "GET", "/api/v1/portal/wechat").body["bound"], false);

  const auto bound = push(openid, "绑定 " + digits, "31003");
  ASSERT_EQ(bound.status, 200);
  EXPECT_EQ(bound.Header("Content-Type").rfind("text/xml", 0), 0u);
  EXPECT_NE(bound.raw.find("绑定成功"), std::string::npos) << bound.raw;
  EXPECT_EQ(As(zhou, "GET", "/api/v1/portal/wechat").body["bound"], true);
  const auto customer = harness_.Call(
      "GET", "/api/v1/customers/" + std::to_string(zhou.customer_id), harness_.AdminToken());
  EXPECT_EQ(customer.body["wechat_openids"], json::array({openid}));
  // WeChat sends the same message again: still bound, no failure counted.
  EXPECT_NE(push(openid, "绑定 " + digits, "31004").raw.find("绑定成功"), std::string::npos);

  // The case the follower opened before is Zhou's now, and what they write
  // joins it.
  const auto mine = As(zhou, "GET", "/api/v1/cases");
  ASSERT_EQ(mine.body["items"].size(), 1u) << mine.raw;
  EXPECT_EQ(mine.body["items"][0]["channel"], "wechat");
  const std::string path = "/api/v1/cases/" + mine.body["items"][0]["id"].dump();
  ASSERT_EQ(push(openid, "新的问题：燃气灶打不着", "31005").status, 200);
  const auto timeline = As(zhou, "GET", path + "/interactions");
  ASSERT_EQ(timeline.status, 200) << timeline.raw;
  EXPECT_NE(timeline.raw.find("你好，热水器有问题"), std::string::npos);
  EXPECT_NE(timeline.raw.find("新的问题：燃气灶打不着"), std::string::npos);
  // Written by Zhou, the message before the binding too.
  int by_zhou = 0;
  for (const auto& entry : timeline.body["items"]) {
    if (entry["direction"] != "inbound") continue;
    EXPECT_EQ(entry["author_customer_id"], zhou.customer_id) << entry.dump();
    ++by_zhou;
  }
  EXPECT_EQ(by_zhou, 2);

  // Five wrong codes lock the follower out for a day.
  const std::string other = "oK3a1t2Guesser";
  for (int i = 0; i < 4; ++i) {
    EXPECT_NE(push(other, "bind 1234567" + std::to_string(i), "3200" + std::to_string(i))
                  .raw.find("绑定码不正确"),
              std::string::npos);
  }
  EXPECT_NE(push(other, "bind 12345679", "32009").raw.find("次数过多"), std::string::npos);
  const auto another = As(zhou, "POST", "/api/v1/portal/wechat-binding-codes");
  ASSERT_EQ(another.status, 201);
  EXPECT_NE(
      push(other, "绑定 " + another.body["code"].get<std::string>(), "32010").raw.find("次数过多"),
      std::string::npos);

  // Staff have no binding codes.
  EXPECT_EQ(harness_.Call("POST", "/api/v1/portal/wechat-binding-codes", agent_).status, 403);
}

}  // namespace
}  // namespace lt
