// Claims through the API: proposal, approval passing up the authority
// matrix, the refusals, the inbox of claims awaiting a user, the monthly
// summary and the matrix admins edit.

#include <gtest/gtest.h>

#include "base/time_format.hpp"
#include "storage/audit_store.hpp"
#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

class ClaimsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    harness_.store.clock.Set(ParseTimestamp("2026-11-10T09:00:00+08:00").value());
    const auto sales_department = harness_.store.AddDepartment("SALES", "营业部");
    proposer_ =
        harness_.store.AddUser("wang@example.com", domain::Role::kSales, {sales_department.id});
    const auto sales_head =
        harness_.store.AddUser("li@example.com", domain::Role::kSales, {sales_department.id});
    const auto qa = harness_.store.AddUser("qa@example.com", domain::Role::kQa, {});
    const auto manager = harness_.store.AddUser("boss@example.com", domain::Role::kManager, {});
    proposer_token_ = harness_.TokenFor(proposer_);
    sales_ = harness_.TokenFor(sales_head);
    qa_ = harness_.TokenFor(qa);
    manager_ = harness_.TokenFor(manager);
    json body = {{"subject", "热水器漏电跳闸"},
                 {"description", "客户家中热水器使用时漏电保护器跳闸，要求赔偿损失"},
                 {"department_id", sales_department.id},
                 {"customer", {{"name", "周敏"}, {"phone", "13912345678"}}}};
    auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(), body);
    EXPECT_EQ(created.status, 201) << created.raw;
    case_path_ = created.Header("Location");
  }

  test::ApiResult Propose(const json& body, const std::string& token = "") {
    return harness_.CallJson("POST", case_path_ + "/claims",
                             token.empty() ? proposer_token_ : token, body);
  }

  test::ApiResult Decide(const std::string& claim, const std::string& token, const json& body) {
    return harness_.CallJson("POST", "/api/v1/claims/" + claim + "/decisions", token, body);
  }

  std::vector<std::string> Inbox(const std::string& token) {
    auto listed = harness_.Call("GET", "/api/v1/claims", token);
    EXPECT_EQ(listed.status, 200) << listed.raw;
    std::vector<std::string> ids;
    for (const auto& claim : listed.body["items"])
      ids.push_back(std::to_string(claim["id"].get<int>()));
    return ids;
  }

  test::ApiHarness harness_;
  domain::User proposer_;
  std::string proposer_token_, sales_, qa_, manager_, case_path_;
};

TEST_F(ClaimsApiTest, AClaimAboveTwoLimitsPassesUpTwoLevelsAndIsApprovedAtTheThird) {
  auto proposed =
      Propose({{"amount", "20000"}, {"currency", "CNY"}, {"reason", "更换热水器及上门费用"}});
  ASSERT_EQ(proposed.status, 201) << proposed.raw;
  const std::string id = std::to_string(proposed.body["id"].get<int>());
  EXPECT_EQ(proposed.body["amount"], "20000.00");
  EXPECT_EQ(proposed.body["status"], "pending");
  EXPECT_EQ(proposed.body["level"], 1);
  EXPECT_EQ(proposed.body["awaiting"][0]["role"], "sales");
  EXPECT_EQ(proposed.body["awaiting"][0]["max_amount"], "1000.00");

  // The proposer may not approve it, nor anyone but level 1.
  EXPECT_EQ(Decide(id, proposer_token_, {{"verdict", "approve"}}).body["code"], "error.claim_own");
  auto too_early = Decide(id, qa_, {{"verdict", "approve"}});
  EXPECT_EQ(too_early.status, 403);
  EXPECT_EQ(too_early.body["code"], "error.claim_not_approver");
  EXPECT_EQ(Inbox(sales_), std::vector<std::string>{id});
  EXPECT_TRUE(Inbox(proposer_token_).empty());
  EXPECT_TRUE(Inbox(qa_).empty());

  harness_.store.clock.Advance(3600 * 1000);
  auto first = Decide(id, sales_, {{"verdict", "approve"}, {"note", "属实，建议赔付"}});
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.body["status"], "pending");
  EXPECT_EQ(first.body["level"], 2);
  EXPECT_EQ(first.body["awaiting"][0]["role"], "qa");
  EXPECT_EQ(Inbox(qa_), std::vector<std::string>{id});
  EXPECT_TRUE(Inbox(sales_).empty());

  auto second = Decide(id, qa_, {{"verdict", "approve"}});
  ASSERT_EQ(second.status, 200) << second.raw;
  EXPECT_EQ(second.body["level"], 3);
  EXPECT_EQ(second.body["status"], "pending");
  EXPECT_TRUE(second.body["decided_at"].is_null());

  auto third = Decide(id, manager_, {{"verdict", "approve"}, {"note", "同意"}});
  ASSERT_EQ(third.status, 200) << third.raw;
  EXPECT_EQ(third.body["status"], "approved");
  EXPECT_EQ(third.body["level"], 3);
  EXPECT_EQ(third.body["decided_at"], "2026-11-10T02:00:00.000Z");
  ASSERT_EQ(third.body["decisions"].size(), 3u);
  EXPECT_EQ(third.body["decisions"][0]["note"], "属实，建议赔付");
  EXPECT_EQ(third.body["decisions"][2]["level"], 3);
  EXPECT_TRUE(third.body["awaiting"].empty());
  EXPECT_EQ(Decide(id, manager_, {{"verdict", "reject"}, {"note", "x"}}).status, 409);

  // Every decision is in the audit trail.
  std::vector<std::string> actions;
  ASSERT_TRUE(harness_.store.database
                  ->Read([&](storage::Connection& connection) -> Status {
                    LT_TRY_ASSIGN(auto events,
                                  storage::AuditStore(connection).ListFor("claim", std::stoll(id)));
                    for (const auto& event : events) actions.push_back(event.action);
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(actions, (std::vector<std::string>{"propose", "pass_up", "pass_up", "approve"}));

  auto listed = harness_.Call("GET", case_path_ + "/claims", sales_);
  ASSERT_EQ(listed.status, 200) << listed.raw;
  EXPECT_EQ(listed.body["items"][0]["status"], "approved");
}

TEST_F(ClaimsApiTest, ARejectionNeedsANoteAndEndsTheClaim) {
  auto proposed = Propose({{"amount", 300.5}, {"reason", "运费补偿"}});
  ASSERT_EQ(proposed.status, 201) << proposed.raw;
  EXPECT_EQ(proposed.body["amount"], "300.50");
  EXPECT_EQ(proposed.body["currency"], "CNY");
  const std::string id = std::to_string(proposed.body["id"].get<int>());
  auto bare = Decide(id, sales_, {{"verdict", "reject"}});
  ASSERT_EQ(bare.status, 422);
  EXPECT_EQ(bare.body["errors"][0]["field"], "note");
  auto rejected = Decide(id, sales_, {{"verdict", "reject"}, {"note", "非产品质量问题"}});
  ASSERT_EQ(rejected.status, 200) << rejected.raw;
  EXPECT_EQ(rejected.body["status"], "rejected");
  EXPECT_EQ(harness_.Call("POST", "/api/v1/claims/" + id + "/withdraw", proposer_token_).status,
            409);
}

TEST_F(ClaimsApiTest, BadClaimsAreRefusedAndNothingIsStored) {
  auto above = Propose({{"amount", "60000.00"}, {"reason", "整机赔偿"}});
  ASSERT_EQ(above.status, 422);
  EXPECT_EQ(above.body["errors"][0]["code"], "validation.claim_above_authority") << above.raw;
  EXPECT_EQ(Propose({{"amount", "12.345"}, {"reason", "x"}}).body["errors"][0]["field"], "amount");
  EXPECT_EQ(Propose({{"amount", "-5"}, {"reason", "x"}}).status, 422);
  EXPECT_EQ(Propose({{"amount", "0"}, {"reason", "x"}}).status, 422);
  EXPECT_EQ(Propose({{"amount", "5"}, {"currency", "rmb"}, {"reason", "x"}}).status, 422);
  auto no_usd = Propose({{"amount", "5"}, {"currency", "USD"}, {"reason", "x"}});
  EXPECT_EQ(no_usd.body["errors"][0]["code"], "validation.claim_above_authority");
  EXPECT_EQ(Propose({{"amount", "5"}}).body["errors"][0]["field"], "reason");
  EXPECT_EQ(Propose({{"amount", "5"}, {"reason", "x"}, {"extra", 1}}).status, 422);
  EXPECT_EQ(harness_
                .CallJson("POST", "/api/v1/cases/999999/claims", sales_,
                          {{"amount", "5"}, {"reason", "x"}})
                .status,
            404);
  EXPECT_TRUE(harness_.Call("GET", case_path_ + "/claims", sales_).body["items"].empty());
  EXPECT_EQ(harness_.Call("GET", "/api/v1/claims/999999", sales_).status, 404);
  auto bad_verdict = Decide("1", sales_, {{"verdict", "maybe"}});
  EXPECT_EQ(bad_verdict.status, 422);
}

TEST_F(ClaimsApiTest, TheMonthlySummaryCountsClaimsByOutcomeAndCurrency) {
  auto approved = Propose({{"amount", "800"}, {"reason", "退货运费"}});
  ASSERT_EQ(Decide(std::to_string(approved.body["id"].get<int>()), sales_, {{"verdict", "approve"}})
                .status,
            200);
  Propose({{"amount", "4000"}, {"reason", "维修费用"}});
  auto withdrawn = Propose({{"amount", "100"}, {"reason", "补偿"}});
  EXPECT_EQ(
      harness_
          .Call("POST",
                "/api/v1/claims/" + std::to_string(withdrawn.body["id"].get<int>()) + "/withdraw",
                proposer_token_)
          .body["status"],
      "withdrawn");
  // A claim proposed on 1 December (Shanghai) belongs to December.
  harness_.store.clock.Set(ParseTimestamp("2026-12-01T00:30:00+08:00").value());
  Propose({{"amount", "50"}, {"reason", "下月"}});

  auto summary = harness_.Call("GET", "/api/v1/reports/claims?month=2026-11", manager_);
  ASSERT_EQ(summary.status, 200) << summary.raw;
  ASSERT_EQ(summary.body["items"].size(), 1u);
  const json& cny = summary.body["items"][0];
  EXPECT_EQ(cny["currency"], "CNY");
  EXPECT_EQ(cny["proposed"], (json{{"count", 3}, {"amount", "4900.00"}}));
  EXPECT_EQ(cny["approved"], (json{{"count", 1}, {"amount", "800.00"}}));
  EXPECT_EQ(cny["pending"], (json{{"count", 1}, {"amount", "4000.00"}}));
  EXPECT_EQ(cny["withdrawn"], (json{{"count", 1}, {"amount", "100.00"}}));
  EXPECT_EQ(cny["rejected"], (json{{"count", 0}, {"amount", "0.00"}}));
  EXPECT_EQ(harness_.Call("GET", "/api/v1/reports/claims?month=2026-13", manager_).status, 422);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/reports/claims", manager_).status, 422);
}

TEST_F(ClaimsApiTest, AdminsEditTheMatrixAndClaimsFollowIt) {
  auto refused = harness_.CallJson("PUT", "/api/v1/admin/authority-matrix", manager_,
                                   {{"limits", json::array()}});
  EXPECT_EQ(refused.status, 403);
  json matrix = {
      {"limits",
       {{{"level", 1}, {"role", "sales"}, {"currency", "USD"}, {"max_amount", "100"}},
        {{"level", 2}, {"user_id", proposer_.id + 1}, {"currency", "USD"}, {"max_amount", 2000}}}}};
  auto bad = harness_.CallJson(
      "PUT", "/api/v1/admin/authority-matrix", harness_.AdminToken(),
      {{"limits",
        {{{"level", 0}, {"role", "sales"}, {"currency", "USD"}, {"max_amount", "x"}},
         {{"level", 1}, {"user_id", 99999}, {"currency", "USD"}, {"max_amount", "1"}}}}});
  ASSERT_EQ(bad.status, 422) << bad.raw;
  auto stored =
      harness_.CallJson("PUT", "/api/v1/admin/authority-matrix", harness_.AdminToken(), matrix);
  ASSERT_EQ(stored.status, 200) << stored.raw;
  EXPECT_EQ(stored.body["limits"][1]["max_amount"], "2000.00");
  EXPECT_EQ(harness_.Call("GET", "/api/v1/admin/authority-matrix", manager_).body, stored.body);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/admin/authority-matrix", sales_).status, 403);

  // CNY is no longer in the matrix; USD goes sales → the one named user.
  EXPECT_EQ(Propose({{"amount", "5"}, {"reason", "x"}}).status, 422);
  auto usd = Propose({{"amount", "1500"}, {"currency", "USD"}, {"reason", "export customer"}});
  ASSERT_EQ(usd.status, 201) << usd.raw;
  const std::string id = std::to_string(usd.body["id"].get<int>());
  // The named user (li@, a sales user) approved at level 1 and so may not
  // decide again at level 2.
  ASSERT_EQ(Decide(id, sales_, {{"verdict", "approve"}}).body["level"], 2);
  EXPECT_EQ(Decide(id, sales_, {{"verdict", "approve"}}).body["code"], "error.claim_own");
}

}  // namespace
}  // namespace lt
