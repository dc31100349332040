// Regulator referrals through the API: a complaint the market regulator
// (12315) referred is filed with its referral number, comes by the
// regulator channel, and carries the regulator's deadline (10 working days)
// as an SLA clock besides the procedure's; the same referral is refused a
// second time, naming the case it already is; wrong referrals are refused
// by field and file nothing.

#include <gtest/gtest.h>

#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

class ReferralsApiTest : public ::testing::Test {
 protected:
  json Referred(const json& referral) {
    return {{"subject", "电热水器漏电，消费者向12315投诉"},
            {"description", "消费者称使用时被电击，要求退货并赔偿。"},
            {"customer", {{"name", "孙丽"}, {"phone", "13700001234"}}},
            {"referral", referral}};
  }
  std::size_t CaseCount() {
    return harness_.Call("GET", "/api/v1/cases?limit=200", harness_.AdminToken())
        .body["items"]
        .size();
  }

  test::ApiHarness harness_;
};

TEST_F(ReferralsApiTest, AReferralIsFiledWithItsNumberAndTheRegulatorsDeadline) {
  const std::string admin = harness_.AdminToken();
  auto created = harness_.CallJson("POST", "/api/v1/cases", admin,
                                   Referred({{"regulator", "12315"},
                                             {"referral_number", " 3101150020260302001 "},
                                             {"referred_at", "2026-03-01T10:00:00+08:00"},
                                             {"regulator_due_at", "2026-03-13T17:00:00+08:00"}}));
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["channel"], "regulator");
  const std::string path = created.Header("Location");
  const auto fetched = harness_.Call("GET", path, admin);
  EXPECT_EQ(fetched.body["referral"]["regulator"], "12315");
  EXPECT_EQ(fetched.body["referral"]["referral_number"], "3101150020260302001");
  EXPECT_EQ(fetched.body["referral"]["referred_at"], "2026-03-01T02:00:00.000Z");
  EXPECT_EQ(fetched.body["referral"]["regulator_due_at"], "2026-03-13T09:00:00.000Z");
  // The regulator's deadline, 10 working days from receipt (Monday 2 March
  // 09:30 in Beijing), besides the procedure's first contact.
  const json clock = harness_.ClockOf(path, "regulator");
  ASSERT_FALSE(clock.is_null()) << fetched.raw;
  EXPECT_EQ(clock["due_at"], "2026-03-16T01:30:00.000Z");
  EXPECT_FALSE(harness_.ClockOf(path, "first_contact").is_null());
  // The customer cannot agree it away.
  const auto moved = harness_.CallJson(
      "POST", path + "/sla/regulator/deadline", admin,
      {{"due_at", "2026-03-30T09:00:00+08:00"}, {"reason", "客户同意"}, {"customer_agreed", true}});
  EXPECT_EQ(moved.status, 409) << moved.raw;
  EXPECT_EQ(harness_.ClockOf(path, "regulator")["due_at"], "2026-03-16T01:30:00.000Z");
  // A case by another channel has no such clock.
  auto by_phone = harness_.CallJson("POST", "/api/v1/cases", admin,
                                    {{"subject", "热水器漏电"},
                                     {"channel", "phone"},
                                     {"customer", {{"name", "孙丽"}, {"phone", "13700001234"}}}});
  ASSERT_EQ(by_phone.status, 201);
  EXPECT_TRUE(harness_.ClockOf(by_phone.Header("Location"), "regulator").is_null());
  EXPECT_EQ(harness_.Call("GET", by_phone.Header("Location"), admin).body["referral"], nullptr);
  // The queue finds referrals by their channel.
  const auto referrals = harness_.Call("GET", "/api/v1/cases?channel=regulator", admin);
  ASSERT_EQ(referrals.body["items"].size(), 1u);
  EXPECT_EQ(referrals.body["items"][0]["id"], created.body["id"]);

  // The same referral again: refused, naming the case it already is.
  const auto again = harness_.CallJson(
      "POST", "/api/v1/cases", admin,
      Referred({{"regulator", "12315"}, {"referral_number", "3101150020260302001"}}));
  EXPECT_EQ(again.status, 409) << again.raw;
  EXPECT_NE(again.body["detail"].get<std::string>().find(created.body["number"].get<std::string>()),
            std::string::npos)
      << again.raw;
  // Another regulator's number may be the same digits.
  const auto other = harness_.CallJson("POST", "/api/v1/cases", admin,
                                       Referred({{"regulator", "上海市浦东新区市场监督管理局"},
                                                 {"referral_number", "3101150020260302001"}}));
  EXPECT_EQ(other.status, 201) << other.raw;
  EXPECT_EQ(CaseCount(), 3u);
}

TEST_F(ReferralsApiTest, WrongReferralsAreRefusedByFieldAndFileNothing) {
  const std::string admin = harness_.AdminToken();
  struct Bad {
    json body;
    std::string field;
  };
  json by_phone = Referred({{"regulator", "12315"}, {"referral_number", "1"}});
  by_phone["channel"] = "phone";
  json no_referral = Referred(nullptr);
  no_referral.erase("referral");
  no_referral["channel"] = "regulator";
  for (const Bad& bad : {
           Bad{Referred({{"referral_number", "1"}}), "referral.regulator"},
           Bad{Referred({{"regulator", "12315"}, {"referral_number", "  "}}),
               "referral.referral_number"},
           Bad{Referred({{"regulator", std::string(101, 'x')}, {"referral_number", "1"}}),
               "referral.regulator"},
           Bad{Referred(
                   {{"regulator", "12315"}, {"referral_number", "1"}, {"referred_at", "昨天"}}),
               "referral.referred_at"},
           Bad{Referred({{"regulator", "12315"},
                         {"referral_number", "1"},
                         {"referred_at", "2027-01-01T00:00:00Z"}}),
               "referral.referred_at"},
           Bad{Referred({{"regulator", "12315"},
                         {"referral_number", "1"},
                         {"referred_at", "2026-03-01T10:00:00+08:00"},
                         {"regulator_due_at", "2026-02-01T10:00:00+08:00"}}),
               "referral.regulator_due_at"},
           Bad{Referred({{"regulator", "12315"}, {"referral_number", "1"}, {"bureau", "x"}}),
               "referral.bureau"},
           Bad{by_phone, "channel"},
           Bad{no_referral, "referral"},
       }) {
    const auto refused = harness_.CallJson("POST", "/api/v1/cases", admin, bad.body);
    EXPECT_EQ(refused.status, 422) << bad.body.dump() << refused.raw;
    bool named = false;
    for (const auto& error : refused.body["errors"]) named = named || error["field"] == bad.field;
    EXPECT_TRUE(named) << bad.field << " " << refused.raw;
  }
  EXPECT_EQ(CaseCount(), 0u);
}

}  // namespace
}  // namespace lt
