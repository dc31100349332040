// WeChat: the server signature as WeChat computes it (checked against
// Python's hashlib), the 48-hour window, and the template message's data.

#include "domain/wechat.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/crypto.hpp"

namespace lt::domain {
namespace {

constexpr TimestampMs kWechatNow = 1'772'415'000'000;

TEST(Wechat, TheSignatureIsSha1OfTheSortedTokenTimestampAndNonce) {
  ASSERT_TRUE(InitCrypto().ok());
  // python: sha1("".join(sorted([token, timestamp, nonce])))
  EXPECT_EQ(WechatSignature("lingtingToken2026", "1772415000", "123456"),
            "6a3cde348d4369565623d9a36054d734c06bf6fb");
  const std::string right = WechatSignature("lingtingToken2026", "1772415000", "123456");
  EXPECT_TRUE(CheckWechatSignature("lingtingToken2026", "1772415000", "123456", right, kWechatNow,
                                   300'000));
  EXPECT_FALSE(
      CheckWechatSignature("otherToken", "1772415000", "123456", right, kWechatNow, 300'000));
  EXPECT_FALSE(CheckWechatSignature("lingtingToken2026", "1772415000", "123457", right, kWechatNow,
                                    300'000));
  // Stale, or not a number.
  EXPECT_FALSE(CheckWechatSignature("lingtingToken2026", "1772415000", "123456", right,
                                    kWechatNow + 301'000, 300'000));
  EXPECT_FALSE(CheckWechatSignature("lingtingToken2026", "17724x5000", "123456", right, kWechatNow,
                                    300'000));
  EXPECT_FALSE(CheckWechatSignature("", "1772415000", "123456", right, kWechatNow, 300'000));
}

TEST(Wechat, TheWindowIsFortyEightHoursAndAFewMessages) {
  WechatAccount account;
  account.window_messages = 2;
  WechatFollower follower;
  follower.openid = "o1";
  EXPECT_FALSE(InWechatWindow(follower, account, kWechatNow));  // never wrote
  follower.last_inbound_at = kWechatNow;
  EXPECT_TRUE(InWechatWindow(follower, account, kWechatNow + kWechatWindowMs - 1));
  EXPECT_FALSE(InWechatWindow(follower, account, kWechatNow + kWechatWindowMs));
  follower.sent_in_window = 2;
  EXPECT_FALSE(InWechatWindow(follower, account, kWechatNow));
  follower.sent_in_window = 0;
  follower.subscribed = false;
  EXPECT_FALSE(InWechatWindow(follower, account, kWechatNow));
}

TEST(Wechat, TheTemplateDataIsFilledAsJsonAndCheckedForPlaceholders) {
  const std::string data =
      R"({"character_string1":{"value":"${number}"},"thing2":{"value":"${summary}"},)"
      R"("thing3":{"value":"${text}"},"time4":{"value":"${time}"}})";
  EXPECT_TRUE(CheckWechatTemplate(data).ok());
  const auto filled = nlohmann::json::parse(FillWechatTemplate(
      data, {"TS-2026-000123", "他说：\"漏水\"\n已经三天了，请尽快派人上门维修谢谢",
             "2026-03-02 09:30"}));
  EXPECT_EQ(filled["character_string1"]["value"], "TS-2026-000123");
  EXPECT_EQ(filled["thing2"]["value"], "他说：\"漏水\"\n已经三天了，请尽快派人…");  // 20 characters
  EXPECT_EQ(filled["thing3"]["value"], "他说：\"漏水\"\n已经三天了，请尽快派人上门维修谢谢");
  EXPECT_EQ(filled["time4"]["value"], "2026-03-02 09:30");
  EXPECT_EQ(CheckWechatTemplate(R"({"a":{"value":"${to}"}})").error().fields[0].field,
            "template_data");
  EXPECT_FALSE(CheckWechatTemplate(R"({"a":{"value":"${number}"})").ok());  // not JSON
  EXPECT_FALSE(CheckWechatTemplate(R"(["${number}"])").ok());               // not an object
  EXPECT_FALSE(CheckWechatTemplate(R"({"a":"${number")").ok());             // unclosed
}

}  // namespace
}  // namespace lt::domain
