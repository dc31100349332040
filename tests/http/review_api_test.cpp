// What follows a case's decision: the review of rejected decisions (ISO
// 10002), recurrence-prevention reports with their own actions, and
// improvement proposals with their savings.

#include <gtest/gtest.h>

#include <set>

#include "base/time_format.hpp"
#include "storage/audit_store.hpp"
#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

class FollowUpApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    harness_.store.clock.Set(ParseTimestamp("2026-06-15T10:00:00+08:00").value());
    sales_department_ = harness_.store.AddDepartment("SALES", "营业部");
    const auto sales =
        harness_.store.AddUser("sales@example.com", domain::Role::kSales, {sales_department_.id});
    qa_user_ = harness_.store.AddUser("qa@example.com", domain::Role::kQa, {});
    const auto manager = harness_.store.AddUser("boss@example.com", domain::Role::kManager, {});
    const auto other_sales = harness_.store.AddUser("other@example.com", domain::Role::kSales, {});
    sales_ = harness_.TokenFor(sales);
    qa_ = harness_.TokenFor(qa_user_);
    qa_head_ =
        harness_.TokenFor(harness_.store.AddUser("qa-head@example.com", domain::Role::kQaHead, {}));
    manager_ = harness_.TokenFor(manager);
    other_sales_ = harness_.TokenFor(other_sales);
    json body = {{"subject", "洗衣机脱水时剧烈震动"},
                 {"description", "安装后脱水震动，客户要求退货"},
                 {"type", "complaint"},
                 {"origin_class", "usage"},
                 {"department_id", sales_department_.id},
                 {"customer", {{"name", "郑洁"}, {"phone", "13712345678"}}}};
    auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(), body);
    EXPECT_EQ(created.status, 201) << created.raw;
    path_ = created.Header("Location");
  }

  void Step(const json& body) {
    auto taken = harness_.CallJson("POST", path_ + "/transitions", sales_, body);
    ASSERT_EQ(taken.status, 200) << body.dump() << " " << taken.raw;
  }

  json Reviews(const std::string& token, const std::string& query = "") {
    auto listed = harness_.Call("GET", "/api/v1/reviews" + query, token);
    EXPECT_EQ(listed.status, 200) << listed.raw;
    return listed.body["items"];
  }

  test::ApiHarness harness_;
  domain::Department sales_department_;
  domain::User qa_user_;
  std::string sales_, qa_, qa_head_, manager_, other_sales_, path_;
};

TEST_F(FollowUpApiTest, ARejectedDecisionStaysInTheReviewUntilSettled) {
  Step({{"to", "understanding"}, {"note", "已联系"}});
  Step({{"to", "resolved"}, {"resolution", "上门调整底脚并拆除运输螺栓"}});
  Step({{"to", "closed"},
        {"customer_decision", "rejected"},
        {"alternatives", {"re_examination", "consumer_association"}}});

  const json open = Reviews(qa_);
  ASSERT_EQ(open.size(), 1u) << open.dump();
  EXPECT_EQ(open[0]["case"]["status"], "closed");
  EXPECT_EQ(open[0]["alternatives"], (json{"re_examination", "consumer_association"}));
  EXPECT_TRUE(open[0]["settled_at"].is_null());
  EXPECT_TRUE(Reviews(other_sales_).empty());  // not their department's case
  const std::string settle = "/api/v1/reviews/" + open[0]["id"].dump() + "/settlement";

  EXPECT_EQ(harness_.CallJson("POST", settle, qa_, json::object()).status, 422);
  EXPECT_EQ(
      harness_.CallJson("POST", settle, qa_, {{"outcome", "x"}, {"alternative_taken", "duel"}})
          .status,
      422);
  EXPECT_EQ(harness_.CallJson("POST", settle, other_sales_, {{"outcome", "x"}}).status, 404);
  auto settled = harness_.CallJson(
      "POST", settle, qa_,
      {{"outcome", "经 12315 调解，同意换新机"}, {"alternative_taken", "consumer_association"}});
  ASSERT_EQ(settled.status, 200) << settled.raw;
  EXPECT_EQ(settled.body["alternative_taken"], "consumer_association");
  EXPECT_FALSE(settled.body["settled_at"].is_null());
  EXPECT_EQ(harness_.CallJson("POST", settle, qa_, {{"outcome", "again"}}).status, 409);
  EXPECT_TRUE(Reviews(qa_).empty());
  EXPECT_EQ(Reviews(qa_, "?settled=true").size(), 1u);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/reviews?settled=maybe", qa_).status, 422);
}

TEST_F(FollowUpApiTest, APreventionReportIsApprovedWithActionsAndVerifiedOnceTheyAreSettled) {
  const std::string report = path_ + "/prevention-report";
  EXPECT_EQ(harness_.Call("GET", report, qa_).status, 404);
  EXPECT_EQ(harness_.Call("GET", path_, qa_).body["has_prevention_report"], false);
  EXPECT_EQ(harness_.CallJson("POST", report, sales_, {{"problem", "x"}}).status, 403);
  // The QA head decides that a problem is serious enough; a QA engineer does not.
  EXPECT_EQ(harness_.CallJson("POST", report, qa_, {{"problem", "x"}}).status, 403);
  EXPECT_EQ(harness_.CallJson("POST", report, qa_head_, json::object()).status, 422);
  auto opened = harness_.CallJson(
      "POST", report, qa_head_,
      {{"problem", "同批次减震器阻尼不足，已有三起投诉"}, {"analysis", "供应商更换了油料配方"}});
  ASSERT_EQ(opened.status, 201) << opened.raw;
  EXPECT_EQ(harness_.Call("GET", path_, qa_).body["has_prevention_report"], true);
  EXPECT_EQ(harness_.CallJson("POST", report, qa_head_, {{"problem", "again"}}).status, 409);

  // No approval without actions.
  auto early = harness_.CallJson("POST", report + "/approval", manager_, json::object());
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.body["code"], "error.prevention_report_no_actions");
  auto action = harness_.CallJson("POST", report + "/actions", qa_,
                                  {{"description", "减震器来料增加阻尼测试"},
                                   {"owner_id", qa_user_.id},
                                   {"due_at", "2026-06-30T17:00:00+08:00"}});
  ASSERT_EQ(action.status, 201) << action.raw;
  EXPECT_EQ(action.body["kind"], "preventive");
  EXPECT_EQ(harness_.CallJson("POST", report + "/approval", qa_, json::object()).status, 403);
  // The QA head approves the report's countermeasures (a manager may too).
  auto approved = harness_.CallJson("POST", report + "/approval", qa_head_, json::object());
  ASSERT_EQ(approved.status, 200) << approved.raw;
  EXPECT_FALSE(approved.body["approved_at"].is_null());
  ASSERT_EQ(approved.body["actions"].size(), 1u);
  // The case's action list holds the report's actions too.
  EXPECT_EQ(harness_.Call("GET", path_ + "/actions", qa_).body["items"].size(), 1u);

  auto unsettled =
      harness_.CallJson("POST", report + "/verification", qa_, {{"verification", "x"}});
  EXPECT_EQ(unsettled.status, 409);
  EXPECT_EQ(unsettled.body["code"], "error.actions_unsettled");
  const std::string action_path = "/api/v1/actions/" + action.body["id"].dump();
  ASSERT_EQ(
      harness_.CallJson("POST", action_path + "/done", qa_, {{"evidence", "检验规程 QP-12 已更新"}})
          .status,
      200);
  ASSERT_EQ(harness_
                .CallJson("POST", action_path + "/verification", qa_,
                          {{"effective", true}, {"verification", "两个月无复发"}})
                .status,
            200);
  auto verified = harness_.CallJson("POST", report + "/verification", qa_,
                                    {{"verification", "措施有效，结案"}});
  ASSERT_EQ(verified.status, 200) << verified.raw;
  EXPECT_EQ(verified.body["verification"], "措施有效，结案");
  EXPECT_EQ(
      harness_
          .CallJson("POST", report + "/actions", qa_,
                    {{"description", "x"}, {"owner_id", qa_user_.id}, {"due_at", "2026-07-01"}})
          .status,
      409);
  EXPECT_TRUE(harness_.Call("GET", "/api/v1/prevention-reports", qa_).body["items"].empty());
  EXPECT_EQ(
      harness_.Call("GET", "/api/v1/prevention-reports?verified=true", qa_).body["items"].size(),
      1u);
}

TEST_F(FollowUpApiTest, ProposalsMoveFromIdeaToImplementedAndAreCountedWithTheirSavings) {
  const std::string proposals = path_ + "/proposals";
  auto bad = harness_.CallJson("POST", proposals, sales_,
                               {{"title", ""}, {"estimated_savings", "12.345"}});
  ASSERT_EQ(bad.status, 422);
  std::set<std::string> fields;
  for (const auto& error : bad.body["errors"]) fields.insert(error["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"idea", "estimated_savings", "owner_id"}));
  auto blank = harness_.CallJson("POST", proposals, sales_,
                                 {{"title", " "}, {"idea", "x"}, {"owner_id", qa_user_.id}});
  ASSERT_EQ(blank.status, 422);
  EXPECT_EQ(blank.body["errors"][0]["field"], "title");

  auto proposed = harness_.CallJson("POST", proposals, sales_,
                                    {{"title", "包装内附运输螺栓拆除图示"},
                                     {"idea", "安装震动投诉多因运输螺栓未拆，在门封处加醒目挂牌"},
                                     {"owner_id", qa_user_.id},
                                     {"estimated_savings", "120000"}});
  ASSERT_EQ(proposed.status, 201) << proposed.raw;
  EXPECT_EQ(proposed.body["status"], "proposed");
  const std::string path = proposed.Header("Location");

  EXPECT_EQ(harness_.CallJson("PATCH", path, other_sales_, {{"status", "accepted"}}).status, 404);
  auto skipped = harness_.CallJson("PATCH", path, qa_, {{"status", "implemented"}});
  EXPECT_EQ(skipped.status, 409);
  EXPECT_EQ(skipped.body["code"], "error.proposal_status");
  EXPECT_EQ(harness_.CallJson("PATCH", path, qa_, {{"realised_savings", "10"}}).status, 422);
  ASSERT_EQ(harness_.CallJson("PATCH", path, manager_, {{"status", "accepted"}}).status, 200);
  auto implemented = harness_.CallJson("PATCH", path, qa_,
                                       {{"status", "implemented"}, {"realised_savings", 98000.5}});
  ASSERT_EQ(implemented.status, 200) << implemented.raw;
  EXPECT_EQ(implemented.body["realised_savings"], "98000.50");
  EXPECT_FALSE(implemented.body["implemented_at"].is_null());

  harness_.CallJson("POST", proposals, sales_,
                    {{"title", "第二个想法"}, {"idea", "x"}, {"owner_id", qa_user_.id}});
  auto listed = harness_.Call("GET", "/api/v1/proposals?status=implemented", manager_);
  ASSERT_EQ(listed.body["items"].size(), 1u);
  auto summary = harness_.Call("GET", "/api/v1/reports/proposals?period=2026", manager_);
  ASSERT_EQ(summary.status, 200) << summary.raw;
  ASSERT_EQ(summary.body["items"].size(), 2u);
  const json& done = summary.body["items"][0];
  EXPECT_EQ(done["status"], "implemented");
  EXPECT_EQ(done["cases"], 1);
  EXPECT_EQ(done["realised_savings"], "98000.50");
  EXPECT_EQ(done["estimated_savings"], "120000.00");
  EXPECT_EQ(summary.body["items"][1]["status"], "proposed");
  EXPECT_TRUE(harness_.Call("GET", "/api/v1/reports/proposals?period=2026-07", manager_)
                  .body["items"]
                  .empty());
  EXPECT_EQ(harness_.Call("GET", "/api/v1/reports/proposals?period=26", manager_).status, 422);
}

}  // namespace
}  // namespace lt
