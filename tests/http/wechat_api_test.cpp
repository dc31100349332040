// The WeChat Official Account through the API: WeChat's check of the server
// URL and its signed pushes (text, image, voice, following) land on the
// follower's case or open one, acknowledged on WeChat; a push WeChat retries
// is stored once; unsigned, stale and malformed pushes write nothing. Answers
// go as customer-service messages inside the 48-hour window, and outside it
// as the template message or, without one, as a text, the outbox recording
// which. The files of images and voice messages are fetched from WeChat
// and attached, once, retried while WeChat cannot be reached. WeChat's API
// is the stand-in on loopback (tests/support/
// gateway-recorder.py).

#include <gtest/gtest.h>

#include "app/outbox.hpp"
#include "domain/wechat.hpp"
#include "support/api_harness.hpp"
#include "support/gateway_recorder.hpp"

namespace lt {
namespace {

using nlohmann::json;

constexpr const char* kToken = "lingtingToken2026";

std::string Xml(const std::string& openid, const std::string& type, const std::string& fields,
                const std::string& msg_id) {
  return "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>"
         "<FromUserName><![CDATA[" +
         openid +
         "]]></FromUserName><CreateTime>1772415000</CreateTime>"
         "<MsgType><![CDATA[" +
         type + "]]></MsgType>" + fields + (msg_id.empty() ? "" : "<MsgId>" + msg_id + "</MsgId>") +
         "</xml>";
}

class WechatApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    department_ = harness_.store.AddDepartment("SERVICE", "客服部");
    agent_ = harness_.TokenFor(
        harness_.store.AddUser("li@example.com", domain::Role::kAgent, {department_.id}));
    const auto saved = harness_.CallJson("PUT", "/api/v1/admin/wechat", harness_.AdminToken(),
                                         {{"app_id", "wx0123456789abcdef"},
                                          {"app_secret", "0123456789abcdef0123456789abcdef"},
                                          {"token", kToken},
                                          {"api_base", recorder_.Url("/wechat")},
                                          {"department_id", department_.id}});
    ASSERT_EQ(saved.status, 200) << saved.raw;
  }

  std::string SignedQuery(const std::string& token = kToken, std::int64_t skew_seconds = 0) {
    const std::string timestamp =
        std::to_string(harness_.store.clock.NowMs() / 1000 + skew_seconds);
    const std::string nonce = std::to_string(++nonce_);
    return "?signature=" + domain::WechatSignature(token, timestamp, nonce) +
           "&timestamp=" + timestamp + "&nonce=" + nonce;
  }

  test::ApiResult Push(const std::string& xml, const std::string& query = "") {
    return harness_.Call("POST",
                         "/api/v1/webhooks/wechat" + (query.empty() ? SignedQuery() : query), "",
                         xml, {{"Content-Type", "text/xml"}});
  }

  json Cases() {
    return harness_.Call("GET", "/api/v1/cases?limit=50", harness_.AdminToken()).body["items"];
  }

  test::GatewayRecorder recorder_;
  test::ApiHarness harness_;
  domain::Department department_;
  std::string agent_;
  int nonce_ = 1000;
};

TEST_F(WechatApiTest, WeChatChecksTheServerUrlWithTheToken) {
  const auto echoed =
      harness_.Call("GET", "/api/v1/webhooks/wechat" + SignedQuery() + "&echostr=5837397749");
  ASSERT_EQ(echoed.status, 200) << echoed.raw;
  EXPECT_EQ(echoed.raw, "5837397749");
  EXPECT_EQ(echoed.Header("Content-Type").rfind("text/plain", 0), 0u);
  EXPECT_EQ(harness_
                .Call("GET", "/api/v1/webhooks/wechat" + SignedQuery("anotherToken") +
                                 "&echostr=5837397749")
                .status,
            401);
  EXPECT_EQ(harness_
                .Call("GET", "/api/v1/webhooks/wechat" + SignedQuery(kToken, -3600) +
                                 "&echostr=5837397749")
                .status,
            401);

  // The secrets are never read back; a Token WeChat would refuse is refused.
  const auto view = harness_.Call("GET", "/api/v1/admin/wechat", harness_.AdminToken());
  EXPECT_EQ(view.body["token_set"], true);
  EXPECT_EQ(view.body["app_secret_set"], true);
  EXPECT_EQ(view.raw.find(kToken), std::string::npos);
  const auto refused = harness_.CallJson("PUT", "/api/v1/admin/wechat", harness_.AdminToken(),
                                         {{"app_id", "wx0123456789abcdef"},
                                          {"token", "ab"},
                                          {"template_id", "tpl"},
                                          {"template_data", "{\"thing1\":\"${nope}\"}"}});
  ASSERT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.body["errors"][0]["field"], "token");
  EXPECT_EQ(refused.body["errors"][1]["field"], "template_data");
  EXPECT_EQ(harness_.Call("GET", "/api/v1/admin/wechat", agent_).status, 403);
  const auto tested = harness_.Call("POST", "/api/v1/admin/wechat/test", harness_.AdminToken());
  EXPECT_EQ(tested.body["ok"], true) << tested.raw;
}

TEST_F(WechatApiTest, AFollowersMessagesLandOnTheirCaseOnceAndAreAnsweredOnWechat) {
  const std::string openid = "oK3a1t2FollowerOne";
  const auto first = Push(Xml(
      openid, "text", "<Content><![CDATA[热水器打不着火，已经两天没热水了]]></Content>", "24001"));
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.raw, "success");
  json cases = Cases();
  ASSERT_EQ(cases.size(), 1u);
  const std::string path = "/api/v1/cases/" + cases[0]["id"].dump();
  const auto a_case = harness_.Call("GET", path, agent_);
  ASSERT_EQ(a_case.status, 200) << a_case.raw;
  EXPECT_EQ(a_case.body["channel"], "wechat");
  EXPECT_EQ(a_case.body["department_id"], department_.id);
  const auto customer = harness_.Call(
      "GET", "/api/v1/customers/" + a_case.body["customer_id"].dump(), harness_.AdminToken());
  EXPECT_EQ(customer.body["name"], "微信用户");
  EXPECT_EQ(customer.body["wechat_openids"], json::array({openid}));

  // WeChat retries the same message: stored once. The next ones join the case.
  ASSERT_EQ(Push(Xml(openid, "text", "<Content>热水器打不着火</Content>", "24001")).status, 200);
  ASSERT_EQ(Push(Xml(openid, "image",
                     "<PicUrl><![CDATA[http://mmbiz.qpic.cn/abc.jpg]]></PicUrl>"
                     "<MediaId><![CDATA[media-1]]></MediaId>",
                     "24002"))
                .status,
            200);
  ASSERT_EQ(Push(Xml(openid, "voice",
                     "<MediaId><![CDATA[media-2]]></MediaId><Format><![CDATA[amr]]></Format>"
                     "<Recognition><![CDATA[下午三点以后在家]]></Recognition>",
                     "24003"))
                .status,
            200);
  ASSERT_EQ(Push(Xml(openid, "event", "<Event><![CDATA[subscribe]]></Event>", "")).status, 200);
  EXPECT_EQ(Cases().size(), 1u);
  const auto timeline = harness_.Call("GET", path + "/interactions", agent_).body["items"];
  ASSERT_EQ(timeline.size(), 4u) << timeline;  // message, acknowledgement, image, voice
  EXPECT_EQ(timeline[1]["direction"], "outbound");
  EXPECT_EQ(timeline[2]["body"], "[微信图片] http://mmbiz.qpic.cn/abc.jpg");
  EXPECT_EQ(timeline[3]["body"], "[微信语音] 下午三点以后在家");

  // The acknowledgement goes out as a customer-service message, after one
  // stale access token.
  harness_.SendOutbox();
  auto outbox = harness_.Call("GET", path + "/outbox", agent_).body["items"];
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0]["channel"], "wechat");
  EXPECT_EQ(outbox[0]["route"], "customer_service");
  EXPECT_EQ(outbox[0]["state"], "sent") << outbox[0];
  std::vector<json> sent;
  for (const auto& request : recorder_.Requests()) {
    if (request["path"].get<std::string>().find("/custom/send?access_token=token-") !=
        std::string::npos) {
      sent.push_back(json::parse(request["body"].get<std::string>()));
    }
  }
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["touser"], openid);
  EXPECT_NE(
      sent[0]["text"]["content"].get<std::string>().find(cases[0]["number"].get<std::string>()),
      std::string::npos);

  // An agent answers on WeChat.
  const auto reply = harness_.CallJson("POST", path + "/messages", agent_,
                                       {{"channel", "wechat"}, {"body", "师傅今天下午上门。"}});
  ASSERT_EQ(reply.status, 201) << reply.raw;
  harness_.SendOutbox();
  outbox = harness_.Call("GET", path + "/outbox", agent_).body["items"];
  EXPECT_EQ(outbox[1]["state"], "sent");
  EXPECT_EQ(outbox[1]["route"], "customer_service");
}

TEST_F(WechatApiTest, AFollowersImagesAndVoiceAreFetchedOnceAndAttachedToTheirMessages) {
  const std::string photo = std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11) + "热水器铭牌照片";
  const std::string voice = "#!AMR\n" + std::string(320, '\x3C');
  recorder_.AddWechatMedia("media-photo", "image/jpeg", photo);
  recorder_.AddWechatMedia("media-voice", "audio/amr", voice);
  // WeChat cannot be reached when the first image arrives.
  const auto unreachable = harness_.CallJson("PUT", "/api/v1/admin/wechat", harness_.AdminToken(),
                                             {{"app_id", "wx0123456789abcdef"},
                                              {"api_base", "http://127.0.0.1:9/wechat"},
                                              {"department_id", department_.id}});
  ASSERT_EQ(unreachable.status, 200) << unreachable.raw;
  const std::string openid = "oK3a1t2FollowerMedia";
  ASSERT_EQ(Push(Xml(openid, "image",
                     "<PicUrl><![CDATA[http://mmbiz.qpic.cn/photo.jpg]]></PicUrl>"
                     "<MediaId><![CDATA[media-photo]]></MediaId>",
                     "25001"))
                .status,
            200);
  harness_.FetchWechatMedia();
  json cases = Cases();
  ASSERT_EQ(cases.size(), 1u);
  const std::string path = "/api/v1/cases/" + cases[0]["id"].dump();
  auto timeline = harness_.Call("GET", path + "/interactions", agent_).body["items"];
  ASSERT_EQ(timeline.size(), 2u) << timeline;  // the image, the acknowledgement
  EXPECT_TRUE(timeline[0]["attachments"].empty()) << timeline[0];

  // Reached again: the image is fetched on the next try, after a stale
  // access token; a voice message and an image WeChat no longer has follow.
  const auto reachable = harness_.CallJson("PUT", "/api/v1/admin/wechat", harness_.AdminToken(),
                                           {{"app_id", "wx0123456789abcdef"},
                                            {"api_base", recorder_.Url("/wechat")},
                                            {"department_id", department_.id}});
  ASSERT_EQ(reachable.status, 200) << reachable.raw;
  ASSERT_EQ(Push(Xml(openid, "voice",
                     "<MediaId><![CDATA[media-voice]]></MediaId><Format><![CDATA[amr]]></Format>",
                     "25002"))
                .status,
            200);
  ASSERT_EQ(Push(Xml(openid, "image",
                     "<PicUrl><![CDATA[http://mmbiz.qpic.cn/old.jpg]]></PicUrl>"
                     "<MediaId><![CDATA[media-expired]]></MediaId>",
                     "25003"))
                .status,
            200);
  harness_.store.clock.Advance(60 * 1000);
  harness_.FetchWechatMedia();
  timeline = harness_.Call("GET", path + "/interactions", agent_).body["items"];
  ASSERT_EQ(timeline.size(), 4u) << timeline;
  const json& image = timeline[0]["attachments"];
  ASSERT_EQ(image.size(), 1u) << timeline[0];
  EXPECT_EQ(image[0]["filename"], "wechat-image-25001.jpg");
  EXPECT_EQ(image[0]["content_type"], "image/jpeg");
  const json& recording = timeline[2]["attachments"];
  ASSERT_EQ(recording.size(), 1u) << timeline[2];
  EXPECT_EQ(recording[0]["filename"], "wechat-voice-25002.amr");
  EXPECT_EQ(recording[0]["content_type"], "audio/amr");
  EXPECT_TRUE(timeline[3]["attachments"].empty()) << timeline[3];
  EXPECT_EQ(timeline[3]["body"], "[微信图片] http://mmbiz.qpic.cn/old.jpg");
  const auto downloaded = harness_.Call("GET", image[0]["url"].get<std::string>(), agent_);
  ASSERT_EQ(downloaded.status, 200);
  EXPECT_EQ(downloaded.raw, photo);
  EXPECT_EQ(harness_.Call("GET", recording[0]["url"].get<std::string>(), agent_).raw, voice);

  // Each file is fetched once: a later pass fetches nothing again.
  auto fetches = [&]() {
    std::size_t count = 0;
    for (const auto& request : recorder_.Requests()) {
      if (request["method"] == "GET" &&
          request["path"].get<std::string>().find("/cgi-bin/media/get?") != std::string::npos)
        ++count;
    }
    return count;
  };
  const std::size_t fetched = fetches();
  EXPECT_EQ(fetched, 4u);  // the stale token's, then one for each of the three
  harness_.store.clock.Advance(3600 * 1000);
  harness_.FetchWechatMedia();
  EXPECT_EQ(fetches(), fetched);
  timeline = harness_.Call("GET", path + "/interactions", agent_).body["items"];
  EXPECT_EQ(timeline[0]["attachments"].size(), 1u);
}

TEST_F(WechatApiTest, OutsideTheWindowAnswersGoAsTheTemplateMessageOrAsAText) {
  const std::string openid = "oK3a1t2FollowerTwo";
  ASSERT_EQ(Push(Xml(openid, "text", "<Content>空调漏水</Content>", "25001")).status, 200);
  const json a_case = Cases()[0];
  const std::string path = "/api/v1/cases/" + a_case["id"].dump();
  harness_.SendOutbox();
  // Two days later the window is closed: with a template set up, the answer
  // goes as the template message.
  harness_.store.clock.Advance(49LL * 3600 * 1000);
  ASSERT_EQ(
      harness_
          .CallJson("PUT", "/api/v1/admin/wechat", harness_.AdminToken(),
                    {{"app_id", "wx0123456789abcdef"},
                     {"api_base", recorder_.Url("/wechat")},
                     {"template_id", "TPL-progress"},
                     {"template_data",
                      "{\"character_string1\":{\"value\":\"${number}\"},"
                      "\"thing2\":{\"value\":\"${summary}\"},\"time3\":{\"value\":\"${time}\"}}"}})
          .status,
      200);
  ASSERT_EQ(
      harness_
          .CallJson("POST", path + "/messages", agent_,
                    {{"channel", "wechat"},
                     {"body", "维修已完成，如仍漏水请随时联系我们，我们会再次安排师傅上门检查。"}})
          .status,
      201);
  harness_.SendOutbox();
  auto outbox = harness_.Call("GET", path + "/outbox", agent_).body["items"];
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[1]["route"], "template");
  EXPECT_EQ(outbox[1]["state"], "sent") << outbox[1];
  const json posted = json::parse(recorder_.Requests().back()["body"].get<std::string>());
  EXPECT_EQ(posted["template_id"], "TPL-progress");
  EXPECT_EQ(posted["data"]["character_string1"]["value"], a_case["number"]);
  EXPECT_EQ(posted["data"]["thing2"]["value"],
            "维修已完成，如仍漏水请随时联系我们，我…");  // 20 characters, as "thing" fields take

  // Without a template, and with an SMS gateway and the customer's mobile,
  // the answer becomes a text.
  ASSERT_EQ(
      harness_
          .CallJson("PUT", "/api/v1/admin/wechat", harness_.AdminToken(),
                    {{"app_id", "wx0123456789abcdef"}, {"api_base", recorder_.Url("/wechat")}})
          .status,
      200);
  ASSERT_EQ(
      harness_
          .CallJson("PUT", "/api/v1/admin/sms", harness_.AdminToken(),
                    {{"url", recorder_.Url("/sms/send")}, {"webhook_secret", "0123456789abcdef0"}})
          .status,
      200);
  ASSERT_EQ(harness_
                .CallJson("PATCH", "/api/v1/customers/" + a_case["customer_id"].dump(),
                          harness_.AdminToken(), {{"phones", {"13800138000"}}})
                .status,
            200);
  ASSERT_EQ(harness_
                .CallJson("POST", path + "/messages", agent_,
                          {{"channel", "wechat"}, {"body", "请问还漏水吗？"}})
                .status,
            201);
  harness_.SendOutbox();
  outbox = harness_.Call("GET", path + "/outbox", agent_).body["items"];
  ASSERT_EQ(outbox.size(), 3u);
  EXPECT_EQ(outbox[2]["route"], "sms");
  EXPECT_EQ(outbox[2]["channel"], "sms");
  EXPECT_EQ(outbox[2]["recipient"], "+8613800138000");
  EXPECT_EQ(outbox[2]["state"], "sent") << outbox[2];
}

TEST_F(WechatApiTest, UnsignedStaleAndMalformedPushesWriteNothing) {
  const std::string xml = Xml("oK3a1t2Stranger", "text", "<Content>你好</Content>", "26001");
  EXPECT_EQ(
      Push(xml, "?signature=0000000000000000000000000000000000000000&timestamp=1&nonce=1").status,
      401);
  EXPECT_EQ(Push(xml, SignedQuery("anotherToken")).status, 401);
  EXPECT_EQ(Push(xml, SignedQuery(kToken, 600)).status, 401);
  for (const std::string& bad :
       {std::string("<xml><MsgType>text</MsgType>"), std::string("<html></html>"),
        std::string("<xml><MsgType>text</MsgType><Content>无发件人</Content></xml>"),
        std::string("<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                    "<xml><FromUserName>o1</FromUserName><MsgType>text</MsgType>"
                    "<Content>&e;</Content><MsgId>1</MsgId></xml>")}) {
    const auto refused = Push(bad);
    EXPECT_EQ(refused.status, 422) << bad << refused.raw;
  }
  const auto json_typed = harness_.Call("POST", "/api/v1/webhooks/wechat" + SignedQuery(), "", xml,
                                        {{"Content-Type", "application/json"}});
  EXPECT_EQ(json_typed.status, 415);
  EXPECT_EQ(json_typed.body["code"], "error.unsupported_media_xml") << json_typed.raw;
  EXPECT_TRUE(Cases().empty());
  // Replying on WeChat to a customer who does not follow the account is refused.
  const auto created =
      harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                        {{"subject", "电话投诉"},
                         {"description", "无微信"},
                         {"customer", {{"name", "张三"}, {"phone", "13900000001"}}}});
  const auto refused =
      harness_.CallJson("POST", created.Header("Location") + "/messages", harness_.AdminToken(),
                        {{"channel", "wechat"}, {"body", "您好"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body["errors"][0]["field"], "channel");
}

}  // namespace
}  // namespace lt
