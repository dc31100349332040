// The complaint procedure walked through the API by the roles that own each
// step, with the refusals, the SLA clocks, moved deadlines, and warnings and
// breaches fired by the job runner, also after a restart.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "app/sla_recompute.hpp"
#include "base/time_format.hpp"
#include "jobs/due_sweeps.hpp"
#include "jobs/sla_recompute_job.hpp"
#include "storage/sla_clock_store.hpp"
#include "support/api_harness.hpp"
#include "support/china_calendar.hpp"

namespace lt {
namespace {

using nlohmann::json;

class WorkflowApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sales_department_ = harness_.store.AddDepartment("SALES", "营业部");
    qa_department_ = harness_.store.AddDepartment("QA", "品保部");
    sales_user_ =
        harness_.store.AddUser("sales@example.com", domain::Role::kSales, {sales_department_.id});
    qa_user_ = harness_.store.AddUser("qa@example.com", domain::Role::kQa, {qa_department_.id});
    qa_head_user_ =
        harness_.store.AddUser("qa-head@example.com", domain::Role::kQaHead, {qa_department_.id});
    manager_ = harness_.store.AddUser("manager@example.com", domain::Role::kManager,
                                      {sales_department_.id});
    sales_ = harness_.TokenFor(sales_user_);
    qa_ = harness_.TokenFor(qa_user_);
    qa_head_ = harness_.TokenFor(qa_head_user_);
    manager_token_ = harness_.TokenFor(manager_);
  }

  // A normal own-factory complaint received now (Monday 2026-03-02 09:30 in
  // Shanghai), owned by sales.
  std::string FileComplaint() {
    json body = {{"subject", "电饭煲内胆涂层脱落"},
                 {"description", "客户反映使用两周后内胆涂层起皮脱落"},
                 {"type", "complaint"},
                 {"origin_class", "own_factory"},
                 {"product", "电饭煲"},
                 {"department_id", sales_department_.id},
                 {"assignee_id", sales_user_.id},
                 {"customer", {{"name", "钱伟"}, {"phone", "13812345678"}}}};
    auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(), body);
    EXPECT_EQ(created.status, 201) << created.raw;
    return created.Header("Location");
  }

  test::ApiResult Step(const std::string& path, const std::string& token, json body) {
    return harness_.CallJson("POST", path + "/transitions", token, body);
  }

  // A countermeasure of `kind` owned by QA, due on `due` (Shanghai).
  json Countermeasure(const std::string& kind, const std::string& description,
                      const std::string& due) {
    return {{"kind", kind},
            {"description", description},
            {"owner_id", qa_user_.id},
            {"department_id", qa_department_.id},
            {"due_at", test::ShanghaiIso(due)}};
  }

  // The complaint at `path` taken from receipt to the reply with its sample
  // received at `sample_at`, each step by its role, at the clock's time.
  void WalkToReplying(const std::string& path, const std::string& sample_at) {
    ASSERT_EQ(Step(path, sales_, {{"to", "understanding"}, {"note", "已联系"}}).status, 200);
    ASSERT_EQ(Step(path, sales_, {{"to", "sample_collection"}, {"note", "寄样"}}).status, 200);
    ASSERT_EQ(Step(path, sales_,
                   {{"to", "investigating"},
                    {"sample_received_at", test::ShanghaiIso(sample_at)},
                    {"defect_description", "涂层脱落"}})
                  .status,
              200);
    ASSERT_EQ(Step(path, qa_,
                   {{"to", "countermeasures"},
                    {"preliminary_analysis", "涂层附着力不足"},
                    {"root_cause_occurrence", "温度偏低"},
                    {"responsible_department_id", qa_department_.id}})
                  .status,
              200);
    ASSERT_EQ(Step(path, qa_,
                   {{"to", "qa_approval"},
                    {"countermeasures",
                     {Countermeasure("containment", "库存全检", "2026-03-04T17:00:00"),
                      Countermeasure("corrective", "提高温度", "2026-03-10T17:00:00")}}})
                  .status,
              200);
    ASSERT_EQ(Step(path, qa_head_, {{"to", "replying"}}).status, 200);
  }

  json ClockOf(const std::string& path, const std::string& target) {
    return harness_.ClockOf(path, target);
  }

  // A job runner with the SLA jobs, recomputing `recompute_batch` cases a run.
  std::unique_ptr<jobs::JobRunner> NewRunner(const std::string& node, int recompute_batch = 100) {
    jobs::JobRunnerOptions options;
    options.node = node;
    auto runner =
        std::make_unique<jobs::JobRunner>(*harness_.store.database, harness_.store.clock, options);
    runner->AddSource(jobs::MakeSlaAlertSweep(*harness_.store.database, "http://lingting.test"));
    runner->Register(std::string(app::kSlaRecomputeKind),
                     std::make_unique<jobs::SlaRecomputeJob>(recompute_batch));
    return runner;
  }

  // When the clock's next alert falls due (nullopt: none pending).
  std::optional<TimestampMs> NextAlert(domain::Id case_id, const std::string& target) {
    std::optional<sla::StoredClock> clock;
    EXPECT_TRUE(harness_.store.database
                    ->Read([&](storage::Connection& connection) -> Status {
                      LT_TRY_ASSIGN(clock,
                                    storage::SlaClockStore(connection).Find(case_id, target));
                      return Ok();
                    })
                    .ok());
    return clock ? clock->next_alert_at : std::nullopt;
  }

  // The user's SLA alerts (their assignments are told too, and left out).
  json Notifications(const std::string& token, const std::string& query = "") {
    auto listed = harness_.Call("GET", "/api/v1/notifications" + query, token);
    EXPECT_EQ(listed.status, 200) << listed.raw;
    json alerts = json::array();
    for (const auto& item : listed.body["items"]) {
      if (item["kind"] != "assignment") alerts.push_back(item);
    }
    return alerts;
  }

  test::ApiHarness harness_;
  domain::Department sales_department_, qa_department_;
  domain::User sales_user_, qa_user_, qa_head_user_, manager_;
  std::string sales_, qa_, qa_head_, manager_token_;
};

TEST_F(WorkflowApiTest, TheWholeProcedureIsWalkedByTheRightRoles) {
  const std::string path = FileComplaint();
  auto offered = harness_.Call("GET", path + "/transitions", sales_);
  ASSERT_EQ(offered.status, 200) << offered.raw;
  ASSERT_EQ(offered.body["items"].size(), 1u);
  EXPECT_EQ(offered.body["items"][0]["step"], "contact_customer");
  EXPECT_EQ(offered.body["items"][0]["name"], "联系客户确认问题");
  EXPECT_EQ(offered.body["items"][0]["requires"][0]["fields"][0]["name"], "note");
  EXPECT_TRUE(harness_.Call("GET", path + "/transitions", qa_).body["items"].empty());

  // Refusals: wrong role, not from here, missing data, data the step does not take.
  EXPECT_EQ(Step(path, qa_, {{"to", "understanding"}, {"note", "x"}}).status, 403);
  auto skipped = Step(path, sales_, {{"to", "investigating"}});
  EXPECT_EQ(skipped.status, 409);
  EXPECT_EQ(skipped.body["code"], "error.transition_not_allowed") << skipped.raw;
  auto bare = Step(path, sales_, {{"to", "understanding"}});
  ASSERT_EQ(bare.status, 422);
  EXPECT_EQ(bare.body["errors"][0]["field"], "note");
  auto extra = Step(path, sales_, {{"to", "understanding"}, {"note", "已联系"}, {"reply", "x"}});
  EXPECT_EQ(extra.status, 422);
  EXPECT_EQ(Step(path, sales_, {{"to", "nowhere"}}).status, 422);

  harness_.store.clock.Set(test::Shanghai("2026-03-02T11:00:00"));
  auto contacted = Step(path, sales_, {{"to", "understanding"}, {"note", "已电话联系，约定取样"}});
  ASSERT_EQ(contacted.status, 200) << contacted.raw;
  EXPECT_EQ(contacted.body["status"], "understanding");
  EXPECT_EQ(ClockOf(path, "first_contact")["state"], "met");

  ASSERT_EQ(Step(path, sales_, {{"to", "sample_collection"}, {"note", "快递寄回样品"}}).status,
            200);
  harness_.store.clock.Set(test::Shanghai("2026-03-02T16:30:00"));
  auto handed = Step(path, sales_,
                     {{"to", "investigating"},
                      {"sample_received_at", test::ShanghaiIso("2026-03-02T16:00:00")},
                      {"defect_description", "内胆涂层大面积起皮"}});
  ASSERT_EQ(handed.status, 200) << handed.raw;
  EXPECT_EQ(ClockOf(path, "reply")["due_at"], "2026-03-05T08:00:00.000Z");  // Thu 16:00 Shanghai
  EXPECT_EQ(ClockOf(path, "investigation")["state"], "running");
  EXPECT_EQ(ClockOf(path, "investigation")["due_at"], "2026-03-03T08:30:00.000Z");  // Tue 16:30

  // Investigation: the preliminary analysis, the meeting, the causes.
  auto no_analysis = Step(path, qa_,
                          {{"to", "countermeasures"},
                           {"root_cause_occurrence", "喷涂温度偏低，附着力不足"},
                           {"responsible_department_id", qa_department_.id}});
  ASSERT_EQ(no_analysis.status, 422);
  EXPECT_EQ(no_analysis.body["errors"][0]["field"], "preliminary_analysis") << no_analysis.raw;
  auto bad_meeting = Step(path, qa_,
                          {{"to", "countermeasures"},
                           {"preliminary_analysis", "涂层附着力测试不合格"},
                           {"meeting", {{"department_ids", json::array()}}},
                           {"root_cause_occurrence", "喷涂温度偏低，附着力不足"},
                           {"responsible_department_id", qa_department_.id}});
  ASSERT_EQ(bad_meeting.status, 422);
  EXPECT_EQ(bad_meeting.body["errors"].size(), 3u) << bad_meeting.raw;  // date, units, conclusion
  harness_.store.clock.Set(test::Shanghai("2026-03-03T10:00:00"));
  ASSERT_EQ(Step(path, qa_,
                 {{"to", "countermeasures"},
                  {"preliminary_analysis", "涂层附着力测试不合格"},
                  {"meeting",
                   {{"held_at", test::ShanghaiIso("2026-03-03T09:00:00")},
                    {"department_ids", {qa_department_.id, sales_department_.id}},
                    {"conclusion", "确认为喷涂工艺问题，责任部门品保部"}}},
                  {"root_cause_occurrence", "喷涂温度偏低，附着力不足"},
                  {"root_cause_outflow", "出货检验未做附着力测试"},
                  {"responsible_department_id", qa_department_.id}})
                .status,
            200);
  EXPECT_EQ(ClockOf(path, "investigation")["state"], "met");
  // Countermeasures are set within 24 hours of the investigation.
  const json countermeasures_clock = ClockOf(path, "countermeasures");
  EXPECT_EQ(countermeasures_clock["state"], "running");
  EXPECT_EQ(countermeasures_clock["due_at"], "2026-03-04T02:00:00.000Z");  // Wed 10:00

  // Temporary and permanent countermeasures, each with department and due date.
  auto no_action = Step(path, qa_, {{"to", "qa_approval"}});
  ASSERT_EQ(no_action.status, 422);
  EXPECT_EQ(no_action.body["errors"][0]["code"], "validation.countermeasure_temporary");
  EXPECT_EQ(no_action.body["errors"][1]["code"], "validation.countermeasure_permanent");
  auto only_permanent = Step(path, qa_,
                             {{"to", "qa_approval"},
                              {"countermeasures",
                               {Countermeasure("corrective", "喷涂温度提高到 180℃ 并增加附着力抽检",
                                               "2026-03-10T17:00:00")}}});
  ASSERT_EQ(only_permanent.status, 422);
  EXPECT_EQ(only_permanent.body["errors"][0]["code"], "validation.countermeasure_temporary");
  json no_department = Countermeasure("containment", "在库品全检", "2026-03-04T17:00:00");
  no_department.erase("department_id");
  auto without_department =
      Step(path, qa_, {{"to", "qa_approval"}, {"countermeasures", {no_department}}});
  ASSERT_EQ(without_department.status, 422);
  EXPECT_EQ(without_department.body["errors"][0]["field"], "countermeasures[0].department_id");
  harness_.store.clock.Set(test::Shanghai("2026-03-03T15:00:00"));
  ASSERT_EQ(Step(path, qa_,
                 {{"to", "qa_approval"},
                  {"countermeasures",
                   {Countermeasure("containment", "在库品与在途品全检", "2026-03-04T17:00:00"),
                    Countermeasure("corrective", "喷涂温度提高到 180℃ 并增加附着力抽检",
                                   "2026-03-10T17:00:00")}}})
                .status,
            200);
  EXPECT_EQ(ClockOf(path, "countermeasures")["state"], "met");
  // The QA head approves; a QA engineer or sales may not.
  EXPECT_EQ(Step(path, sales_, {{"to", "replying"}}).status, 403);
  EXPECT_EQ(Step(path, qa_, {{"to", "replying"}}).status, 403);
  ASSERT_EQ(Step(path, qa_head_, {{"to", "replying"}}).status, 200);
  ASSERT_EQ(Step(path, sales_, {{"to", "following_up"}, {"reply", "尊敬的客户：经分析……"}}).status,
            200);
  EXPECT_EQ(ClockOf(path, "reply")["state"], "met");

  auto no_alternatives = Step(
      path, sales_, {{"to", "verifying"}, {"customer_decision", "rejected"}, {"note", "不满意"}});
  ASSERT_EQ(no_alternatives.status, 422);
  EXPECT_EQ(no_alternatives.body["errors"][0]["field"], "alternatives");
  ASSERT_EQ(Step(path, sales_,
                 {{"to", "verifying"}, {"customer_decision", "accepted"}, {"note", "客户满意"}})
                .status,
            200);

  // Closing waits for the month after the approval, with every action settled.
  const json close = {{"to", "closed"}, {"verification", "四月未再发生同类异常"}};
  auto too_early = Step(path, qa_, close);
  ASSERT_EQ(too_early.status, 409) << too_early.raw;
  EXPECT_EQ(too_early.body["code"], "error.close_not_ready");
  ASSERT_EQ(too_early.body["errors"].size(), 2u) << too_early.raw;
  EXPECT_EQ(too_early.body["errors"][0]["field"], "month");
  EXPECT_NE(too_early.body["errors"][0]["message"].get<std::string>().find("2026-04"),
            std::string::npos);
  EXPECT_EQ(too_early.body["errors"][1]["field"], "actions");
  auto actions = harness_.Call("GET", path + "/actions", qa_);
  ASSERT_EQ(actions.body["items"].size(), 2u);
  for (const auto& action : actions.body["items"]) {
    const std::string action_path = "/api/v1/actions/" + action["id"].dump();
    ASSERT_EQ(
        harness_.CallJson("POST", action_path + "/done", qa_, {{"evidence", "已完成"}}).status,
        200);
    ASSERT_EQ(harness_
                  .CallJson("POST", action_path + "/verification", qa_,
                            {{"effective", true}, {"verification", "连续三批无异常"}})
                  .status,
              200);
  }
  auto still_march = Step(path, qa_, close);
  ASSERT_EQ(still_march.status, 409);
  ASSERT_EQ(still_march.body["errors"].size(), 1u) << still_march.raw;
  EXPECT_EQ(still_march.body["errors"][0]["field"], "month");
  // Only the QA head may close early, with a reason.
  EXPECT_EQ(Step(path, qa_, {{"to", "closed"}, {"verification", "x"}, {"early_close_reason", "y"}})
                .status,
            403);

  harness_.store.clock.Set(test::Shanghai("2026-04-01T09:00:00"));
  auto closed = Step(path, qa_, close);
  ASSERT_EQ(closed.status, 200) << closed.raw;
  EXPECT_EQ(closed.body["status"], "closed");

  auto report = harness_.Call("GET", path + "/quality-report", qa_);
  ASSERT_EQ(report.status, 200) << report.raw;
  EXPECT_EQ(report.body["preliminary_analysis"], "涂层附着力测试不合格");
  EXPECT_EQ(report.body["meeting"]["held_at"], "2026-03-03T01:00:00.000Z");
  EXPECT_EQ(report.body["meeting"]["department_ids"],
            json({qa_department_.id, sales_department_.id}));
  EXPECT_EQ(report.body["meeting"]["conclusion"], "确认为喷涂工艺问题，责任部门品保部");
  EXPECT_EQ(report.body["root_cause_occurrence"], "喷涂温度偏低，附着力不足");
  EXPECT_EQ(report.body["approved_by"], qa_head_user_.id);
  EXPECT_EQ(report.body["verification"], "四月未再发生同类异常");
  EXPECT_EQ(report.body["early_close_reason"], "");
  auto steps = harness_.Call("GET", path + "/steps", qa_);
  ASSERT_EQ(steps.body["items"].size(), 9u);
  EXPECT_EQ(steps.body["items"][7]["customer_decision"], "accepted");
  auto timeline = harness_.Call("GET", path + "/interactions", sales_);
  ASSERT_EQ(timeline.body["items"].size(), 1u);
  EXPECT_EQ(timeline.body["items"][0]["direction"], "outbound");
  EXPECT_TRUE(harness_.Call("GET", path + "/transitions", qa_).body["items"].empty());
}

TEST_F(WorkflowApiTest, WarningAndBreachComeDueDuringARestartAndEachFiresOnce) {
  const std::string path = FileComplaint();
  // 12 hours of a working day from Monday 09:30: Monday 21:30; 75 % is 18:30.
  const json first_contact = ClockOf(path, "first_contact");
  EXPECT_EQ(first_contact["due_at"], "2026-03-02T13:30:00.000Z");
  EXPECT_EQ(first_contact["warn_at"], "2026-03-02T10:30:00.000Z");
  {
    auto before = NewRunner("node-before");
    auto ran = before->RunDue();
    ASSERT_TRUE(ran.ok());
  }
  EXPECT_TRUE(Notifications(sales_).empty());

  // The server is down from Monday morning until Tuesday 16:00.
  harness_.store.clock.Set(test::Shanghai("2026-03-03T16:00:00"));
  auto after = NewRunner("node-after");
  ASSERT_TRUE(after->RunDue().ok());
  const json sales_notes = Notifications(sales_);
  ASSERT_EQ(sales_notes.size(), 2u) << sales_notes.dump();
  EXPECT_EQ(sales_notes[0]["kind"], "sla_breach");
  EXPECT_EQ(sales_notes[1]["kind"], "sla_warning");
  EXPECT_NE(sales_notes[0]["message"].get<std::string>().find("首次联系"), std::string::npos);
  const json manager_notes = Notifications(manager_token_);
  ASSERT_EQ(manager_notes.size(), 1u) << manager_notes.dump();
  EXPECT_EQ(manager_notes[0]["kind"], "sla_breach");

  // Nothing fires twice, whichever node runs next.
  ASSERT_TRUE(after->RunDue().ok());
  ASSERT_TRUE(NewRunner("node-third")->RunDue().ok());
  EXPECT_EQ(Notifications(sales_).size(), 2u);
  const json breached = ClockOf(path, "first_contact");
  EXPECT_EQ(breached["state"], "breached");
  EXPECT_FALSE(breached["breached_at"].is_null());

  auto read = harness_.Call(
      "POST", "/api/v1/notifications/" + sales_notes[0]["id"].dump() + "/read", sales_);
  EXPECT_EQ(read.status, 204);
  EXPECT_EQ(Notifications(sales_, "?unread=true").size(), 1u);
  EXPECT_EQ(harness_
                .Call("POST", "/api/v1/notifications/" + sales_notes[0]["id"].dump() + "/read",
                      manager_token_)
                .status,
            404);
}

TEST_F(WorkflowApiTest, RunnersSweepingTogetherGiveEachAlertOnce) {
  constexpr int kCases = 40;
  for (int i = 0; i < kCases; ++i) FileComplaint();
  harness_.store.clock.Set(test::Shanghai("2026-03-03T16:00:00"));
  std::vector<std::thread> nodes;
  std::atomic<int> failures{0};
  for (int node = 0; node < 3; ++node) {
    nodes.emplace_back([&, node] {
      auto runner = NewRunner("node-" + std::to_string(node));
      if (!runner->RunDue().ok()) ++failures;
    });
  }
  for (auto& node : nodes) node.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Notifications(sales_, "?limit=200").size(),
            2u * kCases);  // a warning and a breach each
  EXPECT_EQ(Notifications(manager_token_).size(), static_cast<std::size_t>(kCases));  // breaches
}

TEST_F(WorkflowApiTest, TheTimeLeftCountsOnlyTheTimeTheTargetCounts) {
  // Friday 2026-03-06 20:00: 12 hours of working days is 4 hours on Friday
  // and 8 on Monday; the weekend does not count.
  harness_.store.clock.Set(test::Shanghai("2026-03-06T20:00:00"));
  const std::string path = FileComplaint();
  json clock = ClockOf(path, "first_contact");
  EXPECT_EQ(clock["due_at"], "2026-03-09T00:00:00.000Z");
  EXPECT_EQ(clock["time_left"]["as_of"], "2026-03-06T12:00:00.000Z");
  EXPECT_EQ(clock["time_left"]["remaining_ms"], 12LL * 3600 * 1000);
  EXPECT_EQ(clock["time_left"]["spans"],
            json::parse(R"([{"from":"2026-03-06T12:00:00.000Z","to":"2026-03-06T16:00:00.000Z"},
                            {"from":"2026-03-08T16:00:00.000Z","to":"2026-03-09T00:00:00.000Z"}])"));

  // On Saturday nothing has been used since Friday midnight.
  harness_.store.clock.Set(test::Shanghai("2026-03-07T12:00:00"));
  clock = ClockOf(path, "first_contact");
  EXPECT_EQ(clock["time_left"]["remaining_ms"], 8LL * 3600 * 1000);
  EXPECT_EQ(clock["time_left"]["spans"].size(), 1u);
  // The case itself carries the same figures.
  auto read = harness_.Call("GET", path, sales_);
  ASSERT_EQ(read.status, 200) << read.raw;
  bool embedded_found = false;
  for (const auto& embedded : read.body["sla"]) {
    if (embedded["target"] != "first_contact") continue;
    embedded_found = true;
    EXPECT_EQ(embedded["time_left"], clock["time_left"]);
  }
  EXPECT_TRUE(embedded_found);

  // Once overdue there is nothing left to count.
  harness_.store.clock.Set(test::Shanghai("2026-03-09T09:00:00"));
  clock = ClockOf(path, "first_contact");
  EXPECT_EQ(clock["state"], "breached");
  EXPECT_TRUE(clock["time_left"].is_null());
}

TEST_F(WorkflowApiTest, AContactInTimeCancelsTheWarningAndTheBreach) {
  const std::string path = FileComplaint();
  // The warning at 75 % (Monday 18:30) is the next alert; the contact stops the clock.
  EXPECT_EQ(NextAlert(1, "first_contact"), test::Shanghai("2026-03-02T18:30:00"));
  harness_.store.clock.Set(test::Shanghai("2026-03-02T14:00:00"));
  ASSERT_EQ(Step(path, sales_, {{"to", "understanding"}, {"note", "已联系"}}).status, 200);
  EXPECT_EQ(NextAlert(1, "first_contact"), std::nullopt);
  harness_.store.clock.Set(test::Shanghai("2026-03-04T09:00:00"));
  ASSERT_TRUE(NewRunner("node")->RunDue().ok());
  EXPECT_TRUE(Notifications(sales_).empty());
  EXPECT_TRUE(Notifications(manager_token_).empty());
}

TEST_F(WorkflowApiTest, ADeadlineMovesOnlyWithTheCustomersAgreementAndKeepsTheOriginal) {
  const std::string path = FileComplaint();
  const std::string move = path + "/sla/first_contact/deadline";
  auto no_agreement = harness_.CallJson(
      "POST", move, sales_,
      {{"due_at", test::ShanghaiIso("2026-03-06T17:00:00")}, {"reason", "客户出差"}});
  ASSERT_EQ(no_agreement.status, 422);
  EXPECT_EQ(no_agreement.body["errors"][0]["field"], "customer_agreed");
  auto no_reason = harness_.CallJson("POST", move, sales_,
                                     {{"due_at", test::ShanghaiIso("2026-03-06T17:00:00")},
                                      {"reason", " "},
                                      {"customer_agreed", true}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(harness_
                .CallJson("POST", path + "/sla/nothing/deadline", sales_,
                          {{"due_at", test::ShanghaiIso("2026-03-06T17:00:00")},
                           {"reason", "客户出差"},
                           {"customer_agreed", true}})
                .status,
            404);
  auto moved = harness_.CallJson("POST", move, sales_,
                                 {{"due_at", test::ShanghaiIso("2026-03-06T17:00:00")},
                                  {"reason", "客户出差，同意周五前联系"},
                                  {"customer_agreed", true}});
  ASSERT_EQ(moved.status, 200) << moved.raw;
  EXPECT_EQ(moved.body["due_at"], "2026-03-06T09:00:00.000Z");
  EXPECT_EQ(moved.body["original_due_at"], "2026-03-02T13:30:00.000Z");
  EXPECT_EQ(moved.body["moved"]["reason"], "客户出差，同意周五前联系");
  auto events = harness_.Call("GET", path + "/events", harness_.AdminToken());
  EXPECT_EQ(events.body["items"].back()["action"], "move_deadline");

  // The old deadline passes without a breach; the new one is kept.
  harness_.store.clock.Set(test::Shanghai("2026-03-04T09:00:00"));
  ASSERT_TRUE(NewRunner("node")->RunDue().ok());
  for (const auto& note : Notifications(manager_token_)) EXPECT_NE(note["kind"], "sla_breach");
  EXPECT_EQ(ClockOf(path, "first_contact")["state"], "running");
}

TEST_F(WorkflowApiTest, WaitingForTheCustomerPausesTheReplyClock) {
  const std::string path = FileComplaint();
  WalkToReplying(path, "2026-03-02T09:30:00");
  EXPECT_EQ(ClockOf(path, "reply")["due_at"], "2026-03-05T01:30:00.000Z");  // Thu 09:30

  harness_.store.clock.Set(test::Shanghai("2026-03-03T09:30:00"));
  ASSERT_EQ(
      Step(path, sales_, {{"to", "waiting_customer"}, {"reason", "等待客户提供购买凭证"}}).status,
      200);
  harness_.store.clock.Set(test::Shanghai("2026-03-04T09:30:00"));
  auto waiting = harness_.Call("GET", path + "/sla", sales_);
  ASSERT_EQ(waiting.status, 200);
  for (const auto& clock : waiting.body["items"]) {
    if (clock["target"] == "reply") {
      EXPECT_EQ(clock["state"], "paused") << clock.dump();
    }
  }
  // Nothing waits to warn about a paused clock.
  EXPECT_EQ(NextAlert(1, "reply"), std::nullopt);
  ASSERT_EQ(Step(path, sales_, {{"to", "replying"}, {"note", "客户已提供"}}).status, 200);
  const json reply = ClockOf(path, "reply");
  EXPECT_EQ(reply["state"], "running");
  EXPECT_EQ(reply["paused_ms"], 24LL * 3600 * 1000);
  // One working day (7.5 h) of pause: Thursday 09:30 becomes Friday 09:30.
  EXPECT_EQ(reply["due_at"], "2026-03-06T01:30:00.000Z");
}

TEST_F(WorkflowApiTest, AdminsAdjustTheWorkflowWithoutCode) {
  auto workflow = harness_.Call("GET", "/api/v1/admin/workflow", sales_);
  ASSERT_EQ(workflow.status, 200) << workflow.raw;
  // What GET returns is accepted back as it is (it was refused: states[0].name).
  auto unchanged =
      harness_.CallJson("PUT", "/api/v1/admin/workflow", harness_.AdminToken(), workflow.body);
  ASSERT_EQ(unchanged.status, 200) << unchanged.raw;
  EXPECT_EQ(unchanged.body, workflow.body);
  json edited = workflow.body;
  edited["states"].push_back({{"code", "legal_review"},
                              {"kind", "open"},
                              {"labels", {{"zh-CN", "法务审核"}, {"en", "Legal review"}}}});
  edited["transitions"].push_back({{"code", "send_to_legal"},
                                   {"from", {"understanding"}},
                                   {"to", "legal_review"},
                                   {"roles", {"manager"}},
                                   {"requirements", {"reason"}},
                                   {"labels", {{"zh-CN", "转法务"}}}});
  EXPECT_EQ(harness_.CallJson("PUT", "/api/v1/admin/workflow", sales_, edited).status, 403);
  auto stored = harness_.CallJson("PUT", "/api/v1/admin/workflow", harness_.AdminToken(), edited);
  ASSERT_EQ(stored.status, 200) << stored.raw;

  const std::string path = FileComplaint();
  ASSERT_EQ(Step(path, sales_, {{"to", "understanding"}, {"note", "已联系"}}).status, 200);
  auto offered = harness_.Call("GET", path + "/transitions", manager_token_);
  ASSERT_EQ(offered.body["items"].size(), 1u) << offered.raw;
  EXPECT_EQ(offered.body["items"][0]["name"], "转法务");
  EXPECT_EQ(offered.body["items"][0]["to_name"], "法务审核");
  ASSERT_EQ(Step(path, manager_token_, {{"to", "legal_review"}, {"reason", "客户威胁起诉"}}).status,
            200);

  // A state cases are in cannot disappear; a broken workflow is refused whole.
  json without = edited;
  without["states"].erase(without["states"].size() - 1);
  without["transitions"].erase(without["transitions"].size() - 1);
  auto in_use = harness_.CallJson("PUT", "/api/v1/admin/workflow", harness_.AdminToken(), without);
  EXPECT_EQ(in_use.status, 409) << in_use.raw;
  json unknown_role = edited;
  unknown_role["transitions"][0]["roles"] = {"wizard"};
  auto refused =
      harness_.CallJson("PUT", "/api/v1/admin/workflow", harness_.AdminToken(), unknown_role);
  ASSERT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body["errors"][0]["field"], "transitions[0].roles[0]") << refused.raw;
  json no_start = edited;
  no_start["initial_state"] = "nowhere";
  no_start["transitions"][1]["to"] = "missing";
  refused = harness_.CallJson("PUT", "/api/v1/admin/workflow", harness_.AdminToken(), no_start);
  ASSERT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body["errors"].size(), 2u) << refused.raw;
}

TEST_F(WorkflowApiTest, AdminsChangeSlaPoliciesAndOpenCasesFollowThem) {
  const std::string earlier = FileComplaint();
  auto policies = harness_.Call("GET", "/api/v1/admin/sla-policies", manager_token_);
  ASSERT_EQ(policies.status, 200);
  json edited = policies.body;
  for (auto& policy : edited["policies"]) {
    for (auto& target : policy["targets"]) {
      if (target["code"] == "first_contact") {
        target["amount"] = 4;
        target["escalate_to_user_id"] = manager_.id;
      }
    }
  }
  EXPECT_EQ(harness_.CallJson("PUT", "/api/v1/admin/sla-policies", sales_, edited).status, 403);
  json bad = edited;
  bad["policies"][0]["targets"][0]["unit"] = "fortnights";
  EXPECT_EQ(
      harness_.CallJson("PUT", "/api/v1/admin/sla-policies", harness_.AdminToken(), bad).status,
      422);
  ASSERT_EQ(
      harness_.CallJson("PUT", "/api/v1/admin/sla-policies", harness_.AdminToken(), edited).status,
      200);
  const std::string path = FileComplaint();
  // 09:30 plus 4 hours: 13:30.
  EXPECT_EQ(ClockOf(path, "first_contact")["due_at"], "2026-03-02T05:30:00.000Z");
  // The case filed before the change follows it once the job recomputed it.
  EXPECT_EQ(ClockOf(earlier, "first_contact")["due_at"], "2026-03-02T13:30:00.000Z");
  ASSERT_TRUE(NewRunner("node")->RunDue().ok());
  EXPECT_EQ(ClockOf(earlier, "first_contact")["due_at"], "2026-03-02T05:30:00.000Z");
  // At the breach the case moves to the escalation user.
  harness_.store.clock.Set(test::Shanghai("2026-03-02T15:30:00"));
  ASSERT_TRUE(NewRunner("node")->RunDue().ok());
  auto escalated = harness_.Call("GET", path, harness_.AdminToken());
  EXPECT_EQ(escalated.body["assignee_id"], manager_.id);
}

TEST_F(WorkflowApiTest, EscalationFollowsThePolicyThatChoseTheTarget) {
  // The urgent policy, tried first, gets a first-contact target with an
  // escalation user; a normal complaint's first contact comes from the
  // complaint policy, which has none, and must not be reassigned.
  auto policies = harness_.Call("GET", "/api/v1/admin/sla-policies", manager_token_);
  json edited = policies.body;
  ASSERT_EQ(edited["policies"][3]["code"], "urgent_complaint");
  auto& urgent_targets = edited["policies"][3]["targets"];
  urgent_targets.erase(
      std::remove_if(urgent_targets.begin(), urgent_targets.end(),
                     [](const json& target) { return target["code"] == "first_contact"; }),
      urgent_targets.end());
  urgent_targets.push_back({{"code", "first_contact"},
                            {"start_event", "received"},
                            {"stop_events", {"first_contact"}},
                            {"amount", 2},
                            {"unit", "working_hours"},
                            {"escalate_to_user_id", manager_.id}});
  ASSERT_EQ(
      harness_.CallJson("PUT", "/api/v1/admin/sla-policies", harness_.AdminToken(), edited).status,
      200);
  const std::string path = FileComplaint();
  harness_.store.clock.Set(test::Shanghai("2026-03-03T16:00:00"));
  ASSERT_TRUE(NewRunner("node")->RunDue().ok());
  EXPECT_EQ(ClockOf(path, "first_contact")["state"], "breached");
  EXPECT_EQ(harness_.Call("GET", path, harness_.AdminToken()).body["assignee_id"], sales_user_.id);
}

}  // namespace
}  // namespace lt

namespace lt {
namespace {

TEST_F(WorkflowApiTest, TimelinessAttainmentCountsTheClocksDueInTheMonth) {
  const std::string in_time = FileComplaint();  // Monday 2026-03-02 09:30
  const std::string late = FileComplaint();
  harness_.store.clock.Set(test::Shanghai("2026-03-02T14:00:00"));
  ASSERT_EQ(Step(in_time, sales_, {{"to", "understanding"}, {"note", "已联系"}}).status, 200);
  // Received on 31 March: first contact falls due in April.
  harness_.store.clock.Set(test::Shanghai("2026-03-31T16:00:00"));
  const std::string april = FileComplaint();

  auto report = harness_.Call("GET", "/api/v1/reports/timeliness?month=2026-03", manager_token_);
  ASSERT_EQ(report.status, 200) << report.raw;
  EXPECT_EQ(report.body["overall"],
            (json{{"on_time", 1}, {"late", 1}, {"pending", 0}, {"rate", 0.5}}));
  EXPECT_EQ(report.body["target_rate"], 0.95) << "cases.timeliness_target_percent";
  ASSERT_EQ(report.body["targets"].size(), 1u);
  EXPECT_EQ(report.body["targets"][0]["target"], "first_contact");
  EXPECT_EQ(report.body["targets"][0]["name"], "首次联系");
  ASSERT_EQ(report.body["departments"].size(), 1u);
  EXPECT_EQ(report.body["departments"][0]["name"], "营业部");
  EXPECT_EQ(report.body["people"][0]["user_id"], sales_user_.id);

  auto april_report = harness_.Call("GET", "/api/v1/reports/timeliness?month=2026-04", qa_);
  EXPECT_EQ(april_report.body["overall"],
            (json{{"on_time", 0}, {"late", 0}, {"pending", 1}, {"rate", nullptr}}));
  // Sales see their own department only; QA's department has none of these.
  EXPECT_EQ(harness_.Call("GET", "/api/v1/reports/timeliness?month=2026-03", sales_)
                .body["overall"]["late"],
            1);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/reports/timeliness", qa_).status, 422);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/reports/timeliness?month=March", qa_).status, 422);
}

}  // namespace
}  // namespace lt

namespace lt {
namespace {

TEST_F(WorkflowApiTest, ADepartmentsOwnCalendarCountsItsDeadlines) {
  const std::string admin = harness_.AdminToken();
  json service = {{"code", "SERVICE"},
                  {"name", "售后服务中心（周一至周六）"},
                  {"time_zone", "Asia/Shanghai"},
                  {"week",
                   {{"mon", "09:00-18:00"},
                    {"tue", "09:00-18:00"},
                    {"wed", "09:00-18:00"},
                    {"thu", "09:00-18:00"},
                    {"fri", "09:00-18:00"},
                    {"sat", "09:00-18:00"}}},
                  {"adjusted_day", "09:00-18:00"}};
  EXPECT_EQ(harness_.CallJson("POST", "/api/v1/admin/calendars", manager_token_, service).status,
            403);
  auto created = harness_.CallJson("POST", "/api/v1/admin/calendars", admin, service);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["week"]["sat"], "09:00-18:00");
  EXPECT_EQ(created.body["week"]["sun"], "");
  EXPECT_EQ(created.body["years"], (json{"2024", "2025", "2026"}));
  const auto calendar_id = created.body["id"].get<domain::Id>();
  EXPECT_EQ(harness_.CallJson("POST", "/api/v1/admin/calendars", admin, service).status, 409);

  // Bad calendars are refused field by field.
  json bad = service;
  bad["code"] = "BAD";
  bad["week"]["mon"] = "18:00-09:00";
  bad["time_zone"] = "Mars/Olympus";
  auto refused = harness_.CallJson("POST", "/api/v1/admin/calendars", admin, bad);
  ASSERT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body["errors"][0]["field"], "week.mon");
  bad["week"]["mon"] = "09:00-18:00";
  EXPECT_EQ(
      harness_.CallJson("POST", "/api/v1/admin/calendars", admin, bad).body["errors"][0]["field"],
      "time_zone");

  ASSERT_EQ(harness_
                .CallJson("PATCH", "/api/v1/departments/" + std::to_string(sales_department_.id),
                          admin, {{"calendar_id", calendar_id}})
                .status,
            200);
  EXPECT_EQ(harness_
                .CallJson("PATCH", "/api/v1/departments/" + std::to_string(sales_department_.id),
                          admin, {{"calendar_id", 99999}})
                .status,
            422);

  // Received Saturday 2026-03-07 20:00, a working day of the centre: 4
  // hours on Saturday, Sunday off, 8 on Monday.
  harness_.store.clock.Set(test::Shanghai("2026-03-07T20:00:00"));
  const std::string saturday = FileComplaint();
  EXPECT_EQ(ClockOf(saturday, "first_contact")["due_at"], "2026-03-09T00:00:00.000Z");

  // A holiday of the centre's own on Monday 9 March, imported for 2026.
  const std::string year_path =
      "/api/v1/admin/calendars/" + std::to_string(calendar_id) + "/years/2026";
  auto wrong_year = harness_.Call("PUT", year_path, admin,
                                  R"({"days":[{"name":"x","date":"2025-03-09","isOffDay":true}]})");
  EXPECT_EQ(wrong_year.status, 422);
  auto imported = harness_.Call(
      "PUT", year_path, admin,
      R"({"year":2026,"days":[{"name":"中心年检","date":"2026-03-09","isOffDay":true}]})");
  ASSERT_EQ(imported.status, 200) << imported.raw;
  EXPECT_EQ(imported.body["years"], (json{"2024", "2025", "2026"}));
  const std::string after_import = FileComplaint();
  EXPECT_EQ(ClockOf(after_import, "first_contact")["due_at"], "2026-03-10T00:00:00.000Z");

  auto fetched =
      harness_.Call("GET", "/api/v1/admin/calendars/" + std::to_string(calendar_id), qa_);
  ASSERT_EQ(fetched.status, 200);
  bool has_2025_holiday = false;
  for (const auto& day : fetched.body["days"]) {
    // The import replaced 2026's mainland days; other years keep theirs.
    EXPECT_NE(day["date"], "2026-10-01");
    has_2025_holiday = has_2025_holiday || day["date"] == "2025-10-01";
  }
  EXPECT_TRUE(has_2025_holiday);

  auto patched =
      harness_.CallJson("PATCH", "/api/v1/admin/calendars/" + std::to_string(calendar_id), admin,
                        {{"week", {{"sat", ""}}}});
  ASSERT_EQ(patched.status, 200) << patched.raw;
  EXPECT_EQ(patched.body["week"]["sat"], "");
  EXPECT_EQ(harness_.Call("GET", "/api/v1/admin/calendars", sales_).body["items"].size(), 1u);
}

}  // namespace
}  // namespace lt

namespace lt {
namespace {

TEST_F(WorkflowApiTest, EditingACalendarRecomputesOpenCasesButNotStoppedClocks) {
  const std::string admin = harness_.AdminToken();
  json service = {{"code", "SERVICE"},
                  {"name", "售后服务中心（周一至周六）"},
                  {"week",
                   {{"mon", "09:00-18:00"},
                    {"tue", "09:00-18:00"},
                    {"wed", "09:00-18:00"},
                    {"thu", "09:00-18:00"},
                    {"fri", "09:00-18:00"},
                    {"sat", "09:00-18:00"}}},
                  {"adjusted_day", "09:00-18:00"}};
  auto created = harness_.CallJson("POST", "/api/v1/admin/calendars", admin, service);
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string calendar_path = "/api/v1/admin/calendars/" + created.body["id"].dump();
  const std::string department_path = "/api/v1/departments/" + std::to_string(sales_department_.id);
  ASSERT_EQ(
      harness_.CallJson("PATCH", department_path, admin, {{"calendar_id", created.body["id"]}})
          .status,
      200);
  auto runner = NewRunner("node", 1);  // one case a run: the walk continues run after run
  ASSERT_TRUE(runner->RunDue().ok());

  // Saturday 2026-03-07 20:00: 4 hours on Saturday, 8 on Monday.
  harness_.store.clock.Set(test::Shanghai("2026-03-07T20:00:00"));
  const std::string open = FileComplaint();
  const std::string contacted = FileComplaint();
  const std::string also_open = FileComplaint();
  harness_.store.clock.Set(test::Shanghai("2026-03-07T21:00:00"));
  ASSERT_EQ(Step(contacted, sales_, {{"to", "understanding"}, {"note", "已联系"}}).status, 200);
  for (const auto& path : {open, contacted, also_open}) {
    EXPECT_EQ(ClockOf(path, "first_contact")["due_at"], "2026-03-09T00:00:00.000Z");
  }

  // The centre closes on Monday 9 March: the open cases' deadlines move to
  // Tuesday; the contact made in time keeps the deadline it was met against.
  auto imported =
      harness_.Call("PUT", calendar_path + "/years/2026", admin,
                    R"({"days":[{"name":"中心年检","date":"2026-03-09","isOffDay":true}]})");
  ASSERT_EQ(imported.status, 200) << imported.raw;
  auto ran = runner->RunDue();
  ASSERT_TRUE(ran.ok());
  EXPECT_GE(ran.value(), 3);  // one run per open case, and the one that finds none left
  EXPECT_EQ(ClockOf(open, "first_contact")["due_at"], "2026-03-10T00:00:00.000Z");
  EXPECT_EQ(ClockOf(also_open, "first_contact")["due_at"], "2026-03-10T00:00:00.000Z");
  auto met = ClockOf(contacted, "first_contact");
  EXPECT_EQ(met["due_at"], "2026-03-09T00:00:00.000Z");
  EXPECT_EQ(met["state"], "met");
  auto listed = harness_.Call("GET", "/api/v1/cases?sort=sla_due_at", admin);
  ASSERT_EQ(listed.status, 200) << listed.raw;
  EXPECT_EQ(listed.body["items"][0]["sla_due_at"], "2026-03-10T00:00:00.000Z");

  // Back on the shipped calendar (Monday to Friday): Saturday does not
  // count, Monday's first 12 hours do.
  ASSERT_EQ(harness_.CallJson("PATCH", department_path, admin, {{"calendar_id", nullptr}}).status,
            200);
  ASSERT_TRUE(runner->RunDue().ok());
  EXPECT_EQ(ClockOf(open, "first_contact")["due_at"], "2026-03-09T04:00:00.000Z");
  EXPECT_EQ(ClockOf(contacted, "first_contact")["due_at"], "2026-03-09T00:00:00.000Z");
}

TEST(SlaRecomputePayload, RoundTripsAndRefusesWhatItDidNotWrite) {
  const app::SlaRecompute run{app::RecomputeScope::kCalendar, 3, 120, 1764000000000};
  const std::string payload = app::EncodeSlaRecompute(run);
  EXPECT_EQ(payload, "calendar 3 120 1764000000000");
  const auto parsed = app::ParseSlaRecompute(payload);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->scope, app::RecomputeScope::kCalendar);
  EXPECT_EQ(parsed->scope_id, 3);
  EXPECT_EQ(parsed->after_case_id, 120);
  EXPECT_EQ(parsed->ordered_at, 1764000000000);
  for (const char* bad : {"", "calendar 3 120", "planet 3 120 1", "all 0 0 1 extra", "all x 0 1"}) {
    EXPECT_FALSE(app::ParseSlaRecompute(bad)) << bad;
  }
}

}  // namespace
}  // namespace lt
