// The paths of the complaint procedure besides the main one, walked through
// the API each step by its role, with the clocks the regulation sets: the
// environmental complaint (general affairs, the responsible unit, the reply),
// the potential-failure analysis when no sample can be sent, and the
// other-factory initial analysis that ends with the preliminary analysis.

#include <gtest/gtest.h>

#include "base/time_format.hpp"
#include "support/api_harness.hpp"
#include "support/china_calendar.hpp"

namespace lt {
namespace {

using nlohmann::json;

std::string Utc(const std::string& local) { return FormatTimestamp(test::Shanghai(local)); }

class ProcedurePathsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sales_department_ = harness_.store.AddDepartment("SALES", "营业部");
    qa_department_ = harness_.store.AddDepartment("QA", "品保部");
    general_affairs_department_ = harness_.store.AddDepartment("GA", "总务课");
    manufacturing_ = harness_.store.AddDepartment("MFG", "制造部");
    sales_ = harness_.TokenFor(
        harness_.store.AddUser("sales@example.com", domain::Role::kSales, {sales_department_.id}));
    qa_user_ = harness_.store.AddUser("qa@example.com", domain::Role::kQa, {qa_department_.id});
    qa_ = harness_.TokenFor(qa_user_);
    qa_head_ = harness_.TokenFor(
        harness_.store.AddUser("head@example.com", domain::Role::kQaHead, {qa_department_.id}));
    general_affairs_ = harness_.TokenFor(harness_.store.AddUser(
        "ga@example.com", domain::Role::kGeneralAffairs, {general_affairs_department_.id}));
    manufacturing_user_ = harness_.store.AddUser("mfg@example.com", domain::Role::kDepartmentMember,
                                                 {manufacturing_.id});
    manufacturing_member_ = harness_.TokenFor(manufacturing_user_);
    // A department member who sees the case through its owning department,
    // but is not the unit the form names.
    sales_member_ = harness_.TokenFor(harness_.store.AddUser(
        "clerk@example.com", domain::Role::kDepartmentMember, {sales_department_.id}));
  }

  // A complaint filed by sales at the clock's time.
  std::string File(const std::string& origin, const std::string& subject) {
    json body = {{"subject", subject},
                 {"description", subject + "，客户要求尽快处理"},
                 {"type", "complaint"},
                 {"origin_class", origin},
                 {"product", "GX-200 空调"},
                 {"department_id", sales_department_.id},
                 {"customer", {{"name", "孙丽"}, {"phone", "13700001234"}}}};
    auto created = harness_.CallJson("POST", "/api/v1/cases", sales_, body);
    EXPECT_EQ(created.status, 201) << created.raw;
    return created.Header("Location");
  }

  test::ApiResult Step(const std::string& path, const std::string& token, json body) {
    return harness_.CallJson("POST", path + "/transitions", token, body);
  }

  json ClockOf(const std::string& path, const std::string& target) {
    return harness_.ClockOf(path, target);
  }

  // Contact, sample and hand-over to QA, each at the given local time.
  void HandToQa(const std::string& path, const std::string& at) {
    harness_.store.clock.Set(test::Shanghai(at));
    ASSERT_EQ(Step(path, sales_, {{"to", "understanding"}, {"note", "已联系客户"}}).status, 200);
    ASSERT_EQ(Step(path, sales_, {{"to", "sample_collection"}, {"note", "寄回样品"}}).status, 200);
    auto handed = Step(path, sales_,
                       {{"to", "investigating"},
                        {"sample_received_at", test::ShanghaiIso(at)},
                        {"defect_description", "压缩机异响"}});
    ASSERT_EQ(handed.status, 200) << handed.raw;
  }

  test::ApiHarness harness_;
  domain::Department sales_department_, qa_department_, general_affairs_department_, manufacturing_;
  domain::User qa_user_, manufacturing_user_;
  std::string sales_, qa_, qa_head_, general_affairs_, manufacturing_member_, sales_member_;
};

TEST_F(ProcedurePathsApiTest,
       AnEnvironmentalComplaintGoesThroughGeneralAffairsAndTheUnitToTheReply) {
  harness_.store.clock.Set(test::Shanghai("2026-03-02T09:30:00"));  // Monday
  const std::string path = File("environmental", "工厂冷却塔夜间噪音扰民");

  // Whoever takes the complaint fills the communication form for general affairs.
  harness_.store.clock.Set(test::Shanghai("2026-03-02T10:00:00"));
  auto no_form = Step(path, sales_, {{"to", "environmental_handling"}, {"note", "转总务"}});
  ASSERT_EQ(no_form.status, 422);
  EXPECT_EQ(no_form.body["errors"][0]["field"], "defect_description");
  EXPECT_EQ(harness_.Call("GET", path, sales_).body["has_quality_report"], false);
  ASSERT_EQ(Step(path, sales_,
                 {{"to", "environmental_handling"},
                  {"defect_description", "附近居民反映冷却塔夜间噪音约 65 分贝"}})
                .status,
            200);
  EXPECT_EQ(harness_.Call("GET", path, sales_).body["has_quality_report"], true)
      << "the communication form is opened with the defect description";
  EXPECT_EQ(ClockOf(path, "first_contact")["state"], "met");
  // General affairs investigates within 24 hours; the reply within 3 days.
  EXPECT_EQ(ClockOf(path, "investigation")["due_at"], Utc("2026-03-03T10:00:00"));
  EXPECT_EQ(ClockOf(path, "reply")["due_at"], Utc("2026-03-05T10:00:00"));
  EXPECT_EQ(ClockOf(path, "reply")["state"], "running");

  // General affairs fills in the investigation and names the responsible unit.
  const json investigation = {{"to", "environmental_solution"},
                              {"root_cause_occurrence", "冷却塔风机轴承磨损，夜间全速运行"},
                              {"responsible_department_id", manufacturing_.id}};
  EXPECT_EQ(Step(path, sales_, investigation).status, 403);
  EXPECT_EQ(harness_.Call("GET", path, manufacturing_member_).status, 404);
  harness_.store.clock.Set(test::Shanghai("2026-03-02T15:00:00"));
  ASSERT_EQ(Step(path, general_affairs_, investigation).status, 200);
  EXPECT_EQ(ClockOf(path, "investigation")["state"], "met");
  EXPECT_EQ(ClockOf(path, "countermeasures")["due_at"], Utc("2026-03-03T15:00:00"));

  // The responsible unit now sees the case, signs for the form and enters its solution.
  auto seen = harness_.Call("GET", path, manufacturing_member_);
  ASSERT_EQ(seen.status, 200) << seen.raw;
  EXPECT_EQ(seen.body["responsible_department_id"], manufacturing_.id);
  const json solution = {{"to", "replying"},
                         {"solution", "更换风机轴承并加装隔音罩，夜间降频运行"}};
  auto not_the_unit = Step(path, sales_member_, solution);
  ASSERT_EQ(not_the_unit.status, 403) << not_the_unit.raw;
  EXPECT_EQ(not_the_unit.body["code"], "error.not_responsible_unit");
  EXPECT_EQ(Step(path, general_affairs_, solution).status, 403);
  EXPECT_EQ(Step(path, manufacturing_member_, {{"to", "replying"}}).status, 422);
  harness_.store.clock.Set(test::Shanghai("2026-03-03T09:00:00"));
  ASSERT_EQ(Step(path, manufacturing_member_, solution).status, 200);
  EXPECT_EQ(ClockOf(path, "countermeasures")["state"], "met");
  EXPECT_EQ(ClockOf(path, "reply")["state"], "running");

  // Sales reads the environmental feedback letter first, then replies with it.
  harness_.store.clock.Set(test::Shanghai("2026-03-03T14:00:00"));
  auto preview = harness_.CallJson("POST", path + "/feedback-letter/preview", sales_,
                                   {{"reply", "我们已于本周完成整改。"}});
  ASSERT_EQ(preview.status, 200) << preview.raw;
  EXPECT_EQ(preview.body["language"], "zh-CN");
  EXPECT_EQ(
      harness_.CallJson("POST", path + "/feedback-letter/preview", sales_, {{"reply", 5}}).status,
      422);
  EXPECT_EQ(harness_
                .CallJson("POST", path + "/feedback-letter/preview", sales_,
                          {{"reply", "好"}, {"send", true}})
                .status,
            422);
  ASSERT_EQ(
      Step(path, sales_, {{"to", "following_up"}, {"reply", "我们已于本周完成整改。"}}).status,
      200);
  const json reply = ClockOf(path, "reply");
  EXPECT_EQ(reply["state"], "met");
  EXPECT_EQ(reply["met_at"], Utc("2026-03-03T14:00:00"));
  auto timeline = harness_.Call("GET", path + "/interactions", sales_);
  ASSERT_EQ(timeline.status, 200);
  const std::string letter = timeline.body["items"].back()["body"];
  EXPECT_EQ(letter, preview.body["letter"]) << "the preview is the letter sent";
  EXPECT_NE(letter.find("环境问题"), std::string::npos) << letter;
  EXPECT_NE(letter.find("原因：冷却塔风机轴承磨损"), std::string::npos) << letter;
  EXPECT_NE(letter.find("- 更换风机轴承并加装隔音罩"), std::string::npos) << letter;

  ASSERT_EQ(
      Step(path, general_affairs_, {{"to", "closed"}, {"customer_decision", "accepted"}}).status,
      200);
  auto form = harness_.Call("GET", path + "/quality-report", general_affairs_);
  ASSERT_EQ(form.status, 200) << form.raw;
  EXPECT_EQ(form.body["kind"], "environmental");
  EXPECT_EQ(form.body["defect_description"], "附近居民反映冷却塔夜间噪音约 65 分贝");
  EXPECT_EQ(form.body["responsible_department_id"], manufacturing_.id);
  EXPECT_EQ(form.body["solution"], "更换风机轴承并加装隔音罩，夜间降频运行");
  EXPECT_EQ(form.body["solution_by"], manufacturing_user_.id);
  EXPECT_EQ(form.body["solution_at"], Utc("2026-03-03T09:00:00"));
  auto steps = harness_.Call("GET", path + "/steps", general_affairs_);
  ASSERT_EQ(steps.body["items"].size(), 5u);
  EXPECT_EQ(steps.body["items"][2]["step"], "enter_environmental_solution");
}

TEST_F(ProcedurePathsApiTest,
       WithoutASampleThePotentialFailureAnalysisIsTheReplyAndItsClockEndsThere) {
  harness_.store.clock.Set(test::Shanghai("2026-03-06T09:00:00"));  // Friday
  const std::string path = File("own_factory", "空调制冷效果差");
  ASSERT_EQ(Step(path, sales_, {{"to", "understanding"}, {"note", "客户已丢弃机器"}}).status, 200);
  harness_.store.clock.Set(test::Shanghai("2026-03-06T10:00:00"));
  ASSERT_EQ(Step(path, sales_,
                 {{"to", "failure_analysis"},
                  {"defect_description", "制冷效果差，出风温度 20℃"},
                  {"reason", "客户无法提供样品，但希望得到说明"}})
                .status,
            200);
  // 48 calendar hours, through the weekend; no investigation or reply clock starts.
  EXPECT_EQ(ClockOf(path, "failure_analysis")["due_at"], Utc("2026-03-08T10:00:00"));
  EXPECT_TRUE(ClockOf(path, "investigation").is_null());
  EXPECT_TRUE(ClockOf(path, "reply").is_null());

  EXPECT_EQ(Step(path, sales_, {{"to", "replying"}, {"failure_analysis", "x"}}).status, 403);
  harness_.store.clock.Set(test::Shanghai("2026-03-06T16:00:00"));
  ASSERT_EQ(Step(path, qa_,
                 {{"to", "replying"},
                  {"failure_analysis", "可能原因：冷媒泄漏或室外机散热不良；建议检查连接管焊点"}})
                .status,
            200);
  // Written is not delivered: the clock runs until the analysis reaches the customer.
  EXPECT_EQ(ClockOf(path, "failure_analysis")["state"], "running");
  harness_.store.clock.Set(test::Shanghai("2026-03-07T11:00:00"));
  ASSERT_EQ(Step(path, sales_, {{"to", "following_up"}, {"reply", "以上分析供您参考。"}}).status,
            200);
  const json clock = ClockOf(path, "failure_analysis");
  EXPECT_EQ(clock["state"], "met");
  EXPECT_EQ(clock["met_at"], Utc("2026-03-07T11:00:00"));
  const std::string letter =
      harness_.Call("GET", path + "/interactions", sales_).body["items"].back()["body"];
  EXPECT_NE(letter.find("原因：可能原因：冷媒泄漏"), std::string::npos) << letter;

  // Without countermeasures there is no verification month to wait for.
  ASSERT_EQ(Step(path, sales_,
                 {{"to", "verifying"}, {"customer_decision", "accepted"}, {"note", "客户认可"}})
                .status,
            200);
  auto closed = Step(path, qa_, {{"to", "closed"}, {"verification", "无样品，已说明潜在原因"}});
  ASSERT_EQ(closed.status, 200) << closed.raw;
  auto report = harness_.Call("GET", path + "/quality-report", qa_);
  EXPECT_EQ(report.body["failure_analysis"],
            "可能原因：冷媒泄漏或室外机散热不良；建议检查连接管焊点");
}

TEST_F(ProcedurePathsApiTest, TheOtherFactoryInitialAnalysisEndsWithThePreliminaryAnalysis) {
  harness_.store.clock.Set(test::Shanghai("2026-03-02T09:00:00"));
  const std::string path = File("other_factory", "外购压缩机异响");
  HandToQa(path, "2026-03-02T10:00:00");
  EXPECT_EQ(ClockOf(path, "initial_analysis")["due_at"], Utc("2026-03-04T10:00:00"));
  EXPECT_EQ(ClockOf(path, "investigation")["due_at"], Utc("2026-03-09T10:00:00"));
  EXPECT_EQ(ClockOf(path, "reply")["due_at"], Utc("2026-03-11T10:00:00"));

  EXPECT_EQ(Step(path, qa_, {{"to", "cause_analysis"}}).status, 422);
  harness_.store.clock.Set(test::Shanghai("2026-03-03T09:00:00"));
  ASSERT_EQ(Step(path, qa_,
                 {{"to", "cause_analysis"},
                  {"preliminary_analysis", "压缩机阀片断裂，疑为供应商来料问题"}})
                .status,
            200);
  const json initial = ClockOf(path, "initial_analysis");
  EXPECT_EQ(initial["state"], "met");
  EXPECT_EQ(initial["met_at"], Utc("2026-03-03T09:00:00"));
  EXPECT_EQ(ClockOf(path, "investigation")["state"], "running");

  // The cause, once the supplier answered; the preliminary analysis is on the report.
  harness_.store.clock.Set(test::Shanghai("2026-03-06T11:00:00"));
  ASSERT_EQ(Step(path, qa_,
                 {{"to", "countermeasures"},
                  {"root_cause_occurrence", "供应商阀片热处理不良"},
                  {"responsible_department_id", manufacturing_.id}})
                .status,
            200);
  EXPECT_EQ(ClockOf(path, "investigation")["state"], "met");
  EXPECT_EQ(ClockOf(path, "countermeasures")["due_at"], Utc("2026-03-09T11:00:00"));

  // The responsible department sees the case and sets the countermeasures;
  // the permanent one waits for the supplier's deeper analysis, with a reason.
  const json containment = {{"kind", "containment"},
                            {"description", "在库压缩机全数检验"},
                            {"owner_id", manufacturing_user_.id},
                            {"department_id", manufacturing_.id},
                            {"due_at", test::ShanghaiIso("2026-03-09T17:00:00")}};
  EXPECT_EQ(
      Step(path, manufacturing_member_, {{"to", "qa_approval"}, {"countermeasures", {containment}}})
          .body["errors"][0]["code"],
      "validation.countermeasure_permanent");
  ASSERT_EQ(Step(path, manufacturing_member_,
                 {{"to", "qa_approval"},
                  {"countermeasures", {containment}},
                  {"permanent_pending_reason", "待供应商完成阀片材质分析后制定永久对策"}})
                .status,
            200);
  EXPECT_EQ(ClockOf(path, "countermeasures")["state"], "met");
  ASSERT_EQ(
      Step(path, qa_head_, {{"to", "countermeasures"}, {"reason", "请补充供应商对策时程"}}).status,
      200);
  auto report = harness_.Call("GET", path + "/quality-report", qa_);
  EXPECT_EQ(report.body["preliminary_analysis"], "压缩机阀片断裂，疑为供应商来料问题");
  EXPECT_EQ(report.body["root_cause_occurrence"], "供应商阀片热处理不良");
}

}  // namespace
}  // namespace lt
