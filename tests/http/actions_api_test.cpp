// Actions after they are set: added by QA, reported done by their owner
// with evidence, verified effective or sent back, rescheduled, cancelled,
// and listed across cases.

#include <gtest/gtest.h>

#include <set>

#include "base/time_format.hpp"
#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

class ActionsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto sales_department = harness_.store.AddDepartment("SALES", "营业部");
    production_ = harness_.store.AddDepartment("PROD", "制造部");
    const auto qa = harness_.store.AddUser("qa@example.com", domain::Role::kQa, {});
    owner_ = harness_.store.AddUser("zhao@example.com", domain::Role::kDepartmentMember,
                                    {production_.id});
    const auto colleague = harness_.store.AddUser(
        "qian@example.com", domain::Role::kDepartmentMember, {production_.id});
    const auto sales =
        harness_.store.AddUser("sun@example.com", domain::Role::kSales, {sales_department.id});
    qa_ = harness_.TokenFor(qa);
    owner_token_ = harness_.TokenFor(owner_);
    colleague_ = harness_.TokenFor(colleague);
    sales_ = harness_.TokenFor(sales);
    json body = {{"subject", "空调外机异响"},
                 {"description", "安装后外机风扇异响，噪音明显"},
                 {"department_id", sales_department.id},
                 {"customer", {{"name", "吴刚"}, {"phone", "13612345678"}}}};
    auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(), body);
    EXPECT_EQ(created.status, 201) << created.raw;
    case_path_ = created.Header("Location");
  }

  json AddAction(const json& body, int expected = 201) {
    auto added = harness_.CallJson("POST", case_path_ + "/actions", qa_, body);
    EXPECT_EQ(added.status, expected) << added.raw;
    return added.body;
  }

  std::string ActionPath(const json& action) {
    return "/api/v1/actions/" + std::to_string(action["id"].get<int>());
  }

  test::ApiHarness harness_;
  domain::Department production_;
  domain::User owner_;
  std::string qa_, owner_token_, colleague_, sales_, case_path_;
};

TEST_F(ActionsApiTest, AnActionIsDoneWithEvidenceThenVerifiedOrSentBack) {
  const json action = AddAction({{"kind", "corrective"},
                                 {"description", "更换风扇叶片供应商并加严来料检验"},
                                 {"owner_id", owner_.id},
                                 {"department_id", production_.id},
                                 {"due_at", "2026-03-20T09:00:00+08:00"}});
  EXPECT_EQ(action["status"], "open");
  const std::string path = ActionPath(action);

  // Verification before it is done is out of order; sales may not verify.
  EXPECT_EQ(harness_
                .CallJson("POST", path + "/verification", qa_,
                          {{"effective", true}, {"verification", "x"}})
                .status,
            409);
  EXPECT_EQ(harness_.CallJson("POST", path + "/done", owner_token_, json::object()).status, 422);
  EXPECT_EQ(harness_.CallJson("POST", path + "/done", sales_, {{"evidence", "x"}}).status, 403);

  // A colleague in the action's department reports it done: they see no case
  // of the sales department, but the action is theirs to carry out.
  harness_.store.clock.Advance(3600 * 1000);
  auto done = harness_.CallJson("POST", path + "/done", colleague_,
                                {{"evidence", "新供应商首批来料检验报告 QC-2026-031"}});
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.body["status"], "done");
  EXPECT_EQ(done.body["done_at"], FormatTimestamp(harness_.store.clock.NowMs()));

  auto sent_back = harness_.CallJson(
      "POST", path + "/verification", qa_,
      {{"effective", false}, {"verification", "抽检仍有 2% 异响，需追加动平衡检测"}});
  ASSERT_EQ(sent_back.status, 200) << sent_back.raw;
  EXPECT_EQ(sent_back.body["status"], "open");
  EXPECT_TRUE(sent_back.body["done_at"].is_null());

  ASSERT_EQ(
      harness_.CallJson("POST", path + "/done", owner_token_, {{"evidence", "增加动平衡检测工序"}})
          .status,
      200);
  auto verified = harness_.CallJson("POST", path + "/verification", qa_,
                                    {{"effective", true}, {"verification", "连续三批无异响"}});
  ASSERT_EQ(verified.status, 200) << verified.raw;
  EXPECT_EQ(verified.body["status"], "verified");
  EXPECT_EQ(verified.body["verification"], "连续三批无异响");
  EXPECT_FALSE(verified.body["verified_at"].is_null());
  EXPECT_EQ(harness_.CallJson("POST", path + "/cancel", qa_, {{"reason", "x"}}).status, 409);

  auto trail = harness_.Call("GET", case_path_ + "/actions", qa_);
  ASSERT_EQ(trail.status, 200);
  EXPECT_EQ(trail.body["items"][0]["evidence"], "增加动平衡检测工序");
}

TEST_F(ActionsApiTest, OpenActionsAreRescheduledOrCancelledByQa) {
  const json action = AddAction({{"description", "临时措施：库存产品全检"},
                                 {"kind", "containment"},
                                 {"owner_id", owner_.id},
                                 {"due_at", "2026-03-05T17:00:00+08:00"}});
  const std::string path = ActionPath(action);
  auto moved = harness_.CallJson(
      "PATCH", path, qa_,
      {{"due_at", "2026-03-09T17:00:00+08:00"}, {"department_id", production_.id}});
  ASSERT_EQ(moved.status, 200) << moved.raw;
  EXPECT_EQ(moved.body["due_at"], "2026-03-09T09:00:00.000Z");
  EXPECT_EQ(moved.body["department_id"], production_.id);
  EXPECT_EQ(harness_.CallJson("PATCH", path, owner_token_, {{"due_at", "2026-04-01"}}).status, 403);
  EXPECT_EQ(harness_.CallJson("PATCH", path, qa_, {{"owner_id", 99999}}).status, 422);
  EXPECT_EQ(harness_.CallJson("PATCH", path, qa_, {{"status", "done"}}).status, 422);
  EXPECT_EQ(harness_.CallJson("POST", path + "/cancel", qa_, json::object()).status, 422);
  auto cancelled = harness_.CallJson("POST", path + "/cancel", qa_, {{"reason", "客户已退货"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.raw;
  EXPECT_EQ(cancelled.body["status"], "cancelled");
  EXPECT_EQ(harness_.CallJson("PATCH", path, qa_, {{"description", "x"}}).status, 409);
}

TEST_F(ActionsApiTest, BadActionsAreRefusedAndListsFollowOwnerAndStatus) {
  const json missing = AddAction(json::object(), 422);
  std::set<std::string> fields;
  for (const auto& error : missing["errors"]) fields.insert(error["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"description", "owner_id", "due_at"}));
  AddAction({{"description", "x"}, {"owner_id", 99999}, {"due_at", "2026-03-05"}}, 422);
  AddAction(
      {{"description", "x"}, {"owner_id", owner_.id}, {"due_at", "2026-03-05"}, {"kind", "magic"}},
      422);
  EXPECT_EQ(harness_
                .CallJson("POST", case_path_ + "/actions", sales_,
                          {{"description", "x"}, {"owner_id", owner_.id}, {"due_at", "2026-03-05"}})
                .status,
            403);

  AddAction({{"description", "后做"}, {"owner_id", owner_.id}, {"due_at", "2026-03-20"}});
  const json first =
      AddAction({{"description", "先做"}, {"owner_id", owner_.id}, {"due_at", "2026-03-10"}});
  ASSERT_EQ(
      harness_.CallJson("POST", ActionPath(first) + "/done", owner_token_, {{"evidence", "完成"}})
          .status,
      200);
  auto mine = harness_.Call("GET", "/api/v1/actions?owner=me&status=open,done", owner_token_);
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_EQ(mine.body["items"].size(), 2u);
  EXPECT_EQ(mine.body["items"][0]["description"], "先做");
  auto open = harness_.Call("GET", "/api/v1/actions?status=open", qa_);
  ASSERT_EQ(open.body["items"].size(), 1u);
  EXPECT_EQ(open.body["items"][0]["description"], "后做");
  EXPECT_EQ(harness_.Call("GET", "/api/v1/actions", owner_token_).status, 403);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/actions?status=late", qa_).status, 422);

  // A department's actions: its members list them, others may not.
  AddAction({{"description", "全检在库品"},
             {"owner_id", owner_.id},
             {"department_id", production_.id},
             {"due_at", "2026-03-12"}});
  const std::string department = "/api/v1/actions?department=" + std::to_string(production_.id);
  auto ours = harness_.Call("GET", department, colleague_);
  ASSERT_EQ(ours.status, 200) << ours.raw;
  ASSERT_EQ(ours.body["items"].size(), 1u);
  EXPECT_EQ(ours.body["items"][0]["description"], "全检在库品");
  EXPECT_EQ(harness_.Call("GET", department, sales_).status, 403);
  EXPECT_EQ(harness_.Call("GET", department + "&status=open", qa_).body["items"].size(), 1u);
}

}  // namespace
}  // namespace lt
