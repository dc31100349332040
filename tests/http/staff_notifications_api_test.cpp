// Staff notifications through the API: assignments, claims awaiting
// approval and actions falling due reach the right users in the console
// (live), by e-mail and SMS as each chose, and through the group robots of
// their department, each once; users keep their own choice and admins the
// robots, whose secrets are never read back; bad input is refused by field.
// The robots' posts go to a stand-in on loopback that checks the DingTalk
// and Feishu signatures with Python's hmac.

#include <gtest/gtest.h>

#include "app/outbox.hpp"
#include "base/time_format.hpp"
#include "jobs/due_sweeps.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "support/api_harness.hpp"
#include "support/gateway_recorder.hpp"

namespace lt {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class StaffNotificationsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sales_department_ = harness_.store.AddDepartment("SALES", "营业部");
    production_ = harness_.store.AddDepartment("PROD", "制造部");
    agent_user_ =
        harness_.store.AddUser("li@example.com", domain::Role::kSales, {sales_department_.id});
    colleague_user_ =
        harness_.store.AddUser("wang@example.com", domain::Role::kSales, {sales_department_.id});
    owner_user_ = harness_.store.AddUser("zhao@example.com", domain::Role::kDepartmentMember,
                                         {production_.id});
    agent_ = harness_.TokenFor(agent_user_);
    colleague_ = harness_.TokenFor(colleague_user_);
    owner_ = harness_.TokenFor(owner_user_);
    qa_ = harness_.TokenFor(harness_.store.AddUser("qa@example.com", domain::Role::kQa, {}));
    const auto created =
        harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                          {{"subject", "热水器漏电跳闸"},
                           {"description", "客户家中热水器使用时漏电保护器跳闸"},
                           {"department_id", sales_department_.id},
                           {"customer", {{"name", "周敏"}, {"phone", "13912345678"}}}});
    ASSERT_EQ(created.status, 201) << created.raw;
    case_path_ = created.Header("Location");
    case_id_ = created.body["id"];
    case_number_ = created.body["number"];
  }

  json Notifications(const std::string& token) {
    const auto listed = harness_.Call("GET", "/api/v1/notifications", token);
    EXPECT_EQ(listed.status, 200) << listed.raw;
    return listed.body;
  }

  // The staff notices in the outbox: {channel, recipient, subject, body, state, robot_id}.
  std::vector<json> StaffOutbox() {
    std::vector<json> rows;
    EXPECT_TRUE(harness_.store.database
                    ->Read([&](storage::Connection& connection) -> Status {
                      return connection.Query(
                          "SELECT channel, recipient, subject, body, state, robot_id, id "
                          "FROM outbox_messages WHERE purpose = 'staff_notice' ORDER BY id",
                          {}, [&](const storage::Row& row) {
                            rows.push_back({{"channel", row.Text(0)},
                                            {"recipient", row.Text(1)},
                                            {"subject", row.Text(2)},
                                            {"body", row.Text(3)},
                                            {"state", row.Text(4)},
                                            {"robot_id", row.OptionalInt(5).value_or(0)},
                                            {"id", row.Int(6)}});
                          });
                    })
                    .ok());
    return rows;
  }

  test::ApiResult Assign(const std::string& token, domain::Id user_id) {
    return harness_.CallJson("PATCH", case_path_, token, {{"assignee_id", user_id}});
  }

  json AddRobot(const json& body, int expected = 201) {
    const auto added =
        harness_.CallJson("POST", "/api/v1/admin/robots", harness_.AdminToken(), body);
    EXPECT_EQ(added.status, expected) << added.raw;
    return added.body;
  }

  // The apps refuse a signature more than an hour off their own clock: the
  // tests that post to the stand-in run at the real time.
  void RunAtTheRealTime() {
    harness_.store.clock.Set(std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count());
  }

  test::ApiHarness harness_;
  domain::Department sales_department_, production_;
  domain::User agent_user_, colleague_user_, owner_user_;
  std::string agent_, colleague_, owner_, qa_, case_path_, case_number_;
  domain::Id case_id_ = 0;
};

TEST_F(StaffNotificationsApiTest, AnAssignmentReachesTheAssigneeLiveByMailAndByTextAsChosen) {
  auto stream = harness_.OpenEventStream(agent_);
  ASSERT_TRUE(stream);
  const auto chosen = harness_.CallJson("PUT", "/api/v1/account/notification-preferences", agent_,
                                        {{"mobile", "139 1111 2222"},
                                         {"email_kinds", {"assignment", "sla_breach"}},
                                         {"sms_kinds", {"assignment", "assignment"}}});
  ASSERT_EQ(chosen.status, 200) << chosen.raw;
  EXPECT_EQ(chosen.body["mobile"], "+8613911112222");
  EXPECT_EQ(chosen.body["sms_kinds"], json::array({"assignment"}));
  EXPECT_EQ(harness_.Call("GET", "/api/v1/account/notification-preferences", agent_).body,
            chosen.body);

  const auto assigned = Assign(harness_.AdminToken(), agent_user_.id);
  ASSERT_EQ(assigned.status, 200) << assigned.raw;
  EXPECT_TRUE(stream->WaitFor("event: notification", 5s)) << stream->Received();
  const json listed = Notifications(agent_);
  ASSERT_EQ(listed["items"].size(), 1u) << listed;
  EXPECT_EQ(listed["unread"], 1);
  const json notice = listed["items"][0];
  EXPECT_EQ(notice["kind"], "assignment");
  EXPECT_EQ(notice["case_id"], case_id_);
  EXPECT_EQ(notice["message"], "案件 " + case_number_ + " 已分派给您处理");

  const auto outbox = StaffOutbox();
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[0]["channel"], "email");
  EXPECT_EQ(outbox[0]["recipient"], "li@example.com");
  EXPECT_EQ(outbox[0]["subject"], "【聆听】案件 " + case_number_ + " 已分派给您");
  const std::string link = "/cases/" + std::to_string(case_id_);
  EXPECT_NE(outbox[0]["body"].get<std::string>().find("主题：热水器漏电跳闸"), std::string::npos);
  EXPECT_NE(outbox[0]["body"].get<std::string>().find(link), std::string::npos);
  EXPECT_EQ(outbox[1]["channel"], "sms");
  EXPECT_EQ(outbox[1]["recipient"], "+8613911112222");
  EXPECT_NE(outbox[1]["body"].get<std::string>().find(link), std::string::npos);

  // Assigned again to the same person, or by someone to themselves: no notice.
  EXPECT_EQ(Assign(harness_.AdminToken(), agent_user_.id).status, 200);
  EXPECT_EQ(Assign(colleague_, colleague_user_.id).status, 200);
  EXPECT_TRUE(Notifications(colleague_)["items"].empty());
  EXPECT_EQ(Notifications(agent_)["items"].size(), 1u);
  EXPECT_EQ(StaffOutbox().size(), 2u);

  // Read all: none unread, and only one's own.
  EXPECT_EQ(harness_.Call("POST", "/api/v1/notifications/read-all", agent_).status, 204);
  EXPECT_EQ(Notifications(agent_)["unread"], 0);
  EXPECT_EQ(
      harness_.Call("POST", "/api/v1/notifications/" + notice["id"].dump() + "/read", colleague_)
          .status,
      404);
}

TEST_F(StaffNotificationsApiTest, PreferencesRefuseBadInputByFieldAndPortalUsers) {
  struct Bad {
    json body;
    std::string field;
  };
  for (const auto& bad :
       {Bad{{{"mobile", "021 5555 6666"}}, "mobile"}, Bad{{{"mobile", "abc"}}, "mobile"},
        Bad{{{"sms_kinds", {"assignment"}}}, "mobile"},
        Bad{{{"email_kinds", {"assignment", "gossip"}}}, "email_kinds[1]"},
        Bad{{{"email_kinds", "assignment"}}, "email_kinds"}, Bad{{{"pager", "1"}}, "pager"}}) {
    const auto refused =
        harness_.CallJson("PUT", "/api/v1/account/notification-preferences", agent_, bad.body);
    EXPECT_EQ(refused.status, 422) << bad.body;
    ASSERT_FALSE(refused.body["errors"].empty()) << refused.raw;
    EXPECT_EQ(refused.body["errors"][0]["field"], bad.field) << refused.raw;
  }
  const auto stored = harness_.Call("GET", "/api/v1/account/notification-preferences", agent_);
  EXPECT_EQ(stored.body["mobile"], "");
  EXPECT_TRUE(stored.body["email_kinds"].empty());
  EXPECT_EQ(stored.body["kinds"].size(), 5u);

  const auto customer = harness_.Call("GET", "/api/v1/customers?limit=1", harness_.AdminToken());
  const domain::Id customer_id = customer.body["items"][0]["id"];
  const std::string portal = harness_.TokenFor(
      harness_.store.AddUser("zhou@example.com", domain::Role::kCustomer, {}, customer_id));
  EXPECT_EQ(harness_.Call("GET", "/api/v1/account/notification-preferences", portal).status, 403);
}

TEST_F(StaffNotificationsApiTest, RobotsAreKeptByAdminsWithTheirSecretsHidden) {
  const json robot = AddRobot({{"name", "营业部钉钉群"},
                               {"kind", "dingtalk"},
                               {"url", "https://oapi.dingtalk.com/robot/send?access_token=t"},
                               {"secret", "SECabcdef0123456789"},
                               {"department_id", sales_department_.id},
                               {"kinds", {"sla_breach", "claim_approval"}}});
  EXPECT_EQ(robot["secret_set"], true);
  EXPECT_FALSE(robot.contains("secret"));
  EXPECT_EQ(robot["language"], "zh-CN");
  EXPECT_TRUE(robot["last_message"].is_null());
  const std::string path = "/api/v1/admin/robots/" + robot["id"].dump();
  // Saved without a secret: the stored one is kept.
  json changed = {{"name", "营业部钉钉群"},
                  {"kind", "dingtalk"},
                  {"url", "https://oapi.dingtalk.com/robot/send?access_token=t"},
                  {"kinds", {"sla_breach"}},
                  {"active", false}};
  const auto updated = harness_.CallJson("PUT", path, harness_.AdminToken(), changed);
  ASSERT_EQ(updated.status, 200) << updated.raw;
  EXPECT_EQ(updated.body["secret_set"], true);
  EXPECT_EQ(updated.body["active"], false);
  EXPECT_TRUE(updated.body["department_id"].is_null());
  const auto listed = harness_.Call("GET", "/api/v1/admin/robots", harness_.AdminToken());
  ASSERT_EQ(listed.body["items"].size(), 1u);
  EXPECT_EQ(listed.raw.find("SECabcdef"), std::string::npos);

  struct Bad {
    json body;
    std::string field;
  };
  const json good = {
      {"name", "群"}, {"kind", "feishu"}, {"url", "https://x.cn/h"}, {"kinds", {"assignment"}}};
  // `good` with `key` set to `value` (or left out for null), then `extra` set.
  auto with = [&](const std::string& key, const json& value, const json& extra = json::object()) {
    json body = good;
    if (value.is_null()) {
      body.erase(key);
    } else {
      body[key] = value;
    }
    body.update(extra);
    return body;
  };
  for (const auto& bad :
       {Bad{with("kind", "slack"), "kind"}, Bad{with("kind", nullptr), "kind"},
        Bad{with("url", "ftp://x.cn"), "url"}, Bad{with("name", " "), "name"},
        Bad{with("kinds", json::array()), "kinds"}, Bad{with("kinds", {"gossip"}), "kinds[0]"},
        Bad{with("language", "fr"), "language"}, Bad{with("department_id", 999), "department_id"},
        Bad{with("kind", "wecom", {{"secret", "SEC1"}}), "secret"}}) {
    const auto refused =
        harness_.CallJson("POST", "/api/v1/admin/robots", harness_.AdminToken(), bad.body);
    EXPECT_EQ(refused.status, 422) << bad.body;
    ASSERT_FALSE(refused.body["errors"].empty()) << refused.raw;
    EXPECT_EQ(refused.body["errors"][0]["field"], bad.field) << refused.raw;
  }
  EXPECT_EQ(
      harness_.Call("GET", "/api/v1/admin/robots", harness_.AdminToken()).body["items"].size(), 1u);
  EXPECT_EQ(harness_.CallJson("POST", "/api/v1/admin/robots", agent_, good).status, 403);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/admin/robots", agent_).status, 403);
  EXPECT_EQ(harness_.Call("DELETE", path, harness_.AdminToken()).status, 204);
  EXPECT_EQ(harness_.Call("DELETE", path, harness_.AdminToken()).status, 404);
  EXPECT_EQ(harness_.CallJson("PUT", path, harness_.AdminToken(), changed).status, 404);
}

TEST_F(StaffNotificationsApiTest, AClaimReachesItsApproversAndTheDepartmentsRobotsSignedOnce) {
  test::GatewayRecorder recorder;
  RunAtTheRealTime();
  // The department's DingTalk and Feishu groups take claims; a WeCom group
  // of another department, a Feishu group that takes only breaches and an
  // inactive one do not.
  AddRobot({{"name", "营业部钉钉群"},
            {"kind", "dingtalk"},
            {"url", recorder.Url("/dingtalk/SECdingtalk0001/send?access_token=t")},
            {"secret", "SECdingtalk0001"},
            {"department_id", sales_department_.id},
            {"kinds", {"claim_approval"}}});
  AddRobot({{"name", "Sales on Feishu"},
            {"kind", "feishu"},
            {"url", recorder.Url("/feishu/feishu-secret/hook")},
            {"secret", "feishu-secret"},
            {"language", "en"},
            {"kinds", {"claim_approval", "sla_breach"}}});
  AddRobot({{"name", "制造部企业微信群"},
            {"kind", "wecom"},
            {"url", recorder.Url("/wecom/send?key=k")},
            {"department_id", production_.id},
            {"kinds", {"claim_approval"}}});
  AddRobot({{"name", "只收超期"},
            {"kind", "feishu"},
            {"url", recorder.Url("/feishu/-/hook")},
            {"kinds", {"sla_breach"}}});
  AddRobot({{"name", "停用"},
            {"kind", "wecom"},
            {"url", recorder.Url("/wecom/send?key=k")},
            {"active", false},
            {"kinds", {"claim_approval"}}});

  const auto proposed =
      harness_.CallJson("POST", case_path_ + "/claims", agent_,
                        {{"amount", "800"}, {"currency", "CNY"}, {"reason", "更换热水器"}});
  ASSERT_EQ(proposed.status, 201) << proposed.raw;
  // Level 1 is sales: the colleague, not the proposer.
  const json colleague_notes = Notifications(colleague_)["items"];
  ASSERT_EQ(colleague_notes.size(), 1u);
  EXPECT_EQ(colleague_notes[0]["kind"], "claim_approval");
  EXPECT_EQ(colleague_notes[0]["message"], "案件 " + case_number_ + " 的索赔 800.00 CNY 待您审批");
  EXPECT_TRUE(Notifications(agent_)["items"].empty());
  EXPECT_TRUE(Notifications(qa_)["items"].empty());

  auto outbox = StaffOutbox();
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[0]["channel"], "robot");
  EXPECT_EQ(outbox[0]["recipient"], "营业部钉钉群");
  EXPECT_EQ(outbox[1]["recipient"], "Sales on Feishu");
  harness_.SendOutbox();
  const auto requests = recorder.WaitForRequests(2);
  ASSERT_EQ(requests.size(), 2u);
  outbox = StaffOutbox();
  EXPECT_EQ(outbox[0]["state"], "sent");
  EXPECT_EQ(outbox[1]["state"], "sent");
  const json dingtalk = json::parse(requests[0]["body"].get<std::string>());
  EXPECT_EQ(dingtalk["msgtype"], "markdown");
  EXPECT_NE(dingtalk["markdown"]["text"].get<std::string>().find("800.00 CNY"), std::string::npos);
  const json feishu = json::parse(requests[1]["body"].get<std::string>());
  EXPECT_EQ(feishu["content"]["post"]["en_us"]["title"],
            "[Lingting] Case " + case_number_ + ": a claim awaits approval");

  // The admins see how each robot's last post went.
  const auto robots = harness_.Call("GET", "/api/v1/admin/robots", harness_.AdminToken());
  EXPECT_EQ(robots.body["items"][0]["last_message"]["state"], "sent");
  EXPECT_NE(robots.body["items"][0]["last_message"]["last_answer"].get<std::string>().find(
                "\"errmsg\": \"ok\""),
            std::string::npos);
  EXPECT_TRUE(robots.body["items"][2]["last_message"].is_null());

  // Sent once: running the outbox again posts nothing.
  harness_.SendOutbox();
  EXPECT_EQ(recorder.Requests().size(), 2u);
}

TEST_F(StaffNotificationsApiTest, AWrongSecretOrARemovedRobotFailsForGoodWithTheAnswer) {
  test::GatewayRecorder recorder;
  RunAtTheRealTime();
  const json wrong = AddRobot({{"name", "签错了"},
                               {"kind", "dingtalk"},
                               {"url", recorder.Url("/dingtalk/SECright/send?access_token=t")},
                               {"secret", "SECwrong"},
                               {"kinds", {"assignment"}}});
  const json removed = AddRobot({{"name", "将被删除"},
                                 {"kind", "wecom"},
                                 {"url", recorder.Url("/wecom/send?key=k")},
                                 {"kinds", {"assignment"}}});
  ASSERT_EQ(Assign(harness_.AdminToken(), agent_user_.id).status, 200);
  ASSERT_EQ(
      harness_.Call("DELETE", "/api/v1/admin/robots/" + removed["id"].dump(), harness_.AdminToken())
          .status,
      204);
  harness_.SendOutbox();
  const auto outbox = StaffOutbox();
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[0]["state"], "failed");
  EXPECT_EQ(outbox[1]["state"], "failed");
  EXPECT_EQ(recorder.Requests().size(), 1u);  // the removed robot is not called

  // The test button shows the app's answer at once.
  const auto tested = harness_.Call("POST", "/api/v1/admin/robots/" + wrong["id"].dump() + "/test",
                                    harness_.AdminToken());
  ASSERT_EQ(tested.status, 200) << tested.raw;
  EXPECT_EQ(tested.body["ok"], false);
  EXPECT_NE(tested.body["answer"].get<std::string>().find("310000"), std::string::npos);
  const json right = AddRobot({{"name", "签对了"},
                               {"kind", "dingtalk"},
                               {"url", recorder.Url("/dingtalk/SECright/send?access_token=t")},
                               {"secret", "SECright"},
                               {"kinds", {"assignment"}}});
  const auto passed = harness_.Call("POST", "/api/v1/admin/robots/" + right["id"].dump() + "/test",
                                    harness_.AdminToken());
  EXPECT_EQ(passed.body["ok"], true) << passed.raw;
}

TEST_F(StaffNotificationsApiTest, TheOwnerOfAnActionIsToldADayBeforeItIsDueOnce) {
  const auto added = harness_.CallJson("POST", case_path_ + "/actions", qa_,
                                       {{"kind", "corrective"},
                                        {"description", "更换漏电保护器并复核接地"},
                                        {"owner_id", owner_user_.id},
                                        {"due_at", "2026-03-05T18:00:00+08:00"}});
  ASSERT_EQ(added.status, 201) << added.raw;
  auto sweep = jobs::MakeActionDueSweep(*harness_.store.database, "https://voice.example.cn");
  const auto next = sweep->NextDueAt();
  ASSERT_TRUE(next.ok() && next.value());
  EXPECT_EQ(FormatTimestamp(**next), "2026-03-04T10:00:00.000Z");
  EXPECT_EQ(sweep->RunDue(**next - 1).value_or(-1), 0);
  EXPECT_TRUE(Notifications(owner_)["items"].empty());
  EXPECT_EQ(sweep->RunDue(**next).value_or(-1), 1);
  EXPECT_EQ(sweep->RunDue(**next + 1000).value_or(-1), 0);
  const json notes = Notifications(owner_)["items"];
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]["kind"], "action_due");
  EXPECT_EQ(notes[0]["message"],
            "案件 " + case_number_ + " 的措施“更换漏电保护器并复核接地”将于 2026-03-05 18:00 到期");
  EXPECT_FALSE(sweep->NextDueAt().value().has_value());

  // A new deadline is told again.
  const std::string action_path = "/api/v1/actions/" + added.body["id"].dump();
  ASSERT_EQ(harness_.CallJson("PATCH", action_path, qa_, {{"due_at", "2026-03-10T18:00:00+08:00"}})
                .status,
            200);
  ASSERT_TRUE(sweep->NextDueAt().value().has_value());
  EXPECT_EQ(sweep->RunDue(ParseTimestamp("2026-03-09T18:00:00+08:00").value()).value_or(-1), 1);
  EXPECT_EQ(Notifications(owner_)["items"].size(), 2u);
}

}  // namespace
}  // namespace lt
