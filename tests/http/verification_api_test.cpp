// Verification next month: once QA approved a report's countermeasures,
// the following month lists it with the cases of the same category and
// product received since the countermeasures took effect, and the actions
// not yet verified, so QA closes or reopens with that evidence.

#include <gtest/gtest.h>

#include <fstream>

#include "base/time_format.hpp"
#include "support/api_harness.hpp"
#include "support/china_calendar.hpp"
#include "support/process.hpp"

namespace lt {
namespace {

using nlohmann::json;

class VerificationApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sales_department_ = harness_.store.AddDepartment("SALES", "营业部");
    qa_department_ = harness_.store.AddDepartment("QA", "品保部");
    const auto sales =
        harness_.store.AddUser("sales@example.com", domain::Role::kSales, {sales_department_.id});
    qa_user_ = harness_.store.AddUser("qa@example.com", domain::Role::kQa, {qa_department_.id});
    sales_ = harness_.TokenFor(sales);
    qa_ = harness_.TokenFor(qa_user_);
    qa_head_ = harness_.TokenFor(
        harness_.store.AddUser("qa-head@example.com", domain::Role::kQaHead, {qa_department_.id}));
    auto category = harness_.CallJson("POST", "/api/v1/categories", harness_.AdminToken(),
                                      {{"code", "COATING"}, {"name", "涂层脱落"}});
    EXPECT_EQ(category.status, 201) << category.raw;
    coating_ = category.body["id"].get<domain::Id>();
  }

  // A complaint received now about `product` in `category`.
  std::string File(const std::string& product, std::optional<domain::Id> category,
                   const std::string& language = "zh-CN") {
    json body = {
        {"subject", product + " 内胆涂层脱落"},
        {"description", "使用两周后涂层起皮"},
        {"type", "complaint"},
        {"origin_class", "own_factory"},
        {"product", product},
        {"department_id", sales_department_.id},
        {"customer", {{"name", "钱伟"}, {"phone", "13812345678"}, {"language", language}}}};
    if (category) body["category_id"] = *category;
    auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(), body);
    EXPECT_EQ(created.status, 201) << created.raw;
    return created.Header("Location");
  }

  void Step(const std::string& path, const std::string& token, const json& body) {
    auto taken = harness_.CallJson("POST", path + "/transitions", token, body);
    ASSERT_EQ(taken.status, 200) << body.dump() << " " << taken.raw;
  }

  // Walks a case through the procedure up to the countermeasures' approval.
  void WalkToApproval(const std::string& path) {
    Step(path, sales_, {{"to", "understanding"}, {"note", "已联系客户"}});
    Step(path, sales_, {{"to", "sample_collection"}, {"note", "寄回样品"}});
    Step(path, sales_,
         {{"to", "investigating"},
          {"sample_received_at", FormatTimestamp(harness_.store.clock.NowMs())},
          {"defect_description", "内胆涂层大面积起皮"}});
    Step(path, qa_,
         {{"to", "countermeasures"},
          {"preliminary_analysis", "附着力测试不合格"},
          {"root_cause_occurrence", "喷涂温度偏低"},
          {"responsible_department_id", qa_department_.id}});
    Step(path, qa_,
         {{"to", "qa_approval"},
          {"countermeasures",
           {{{"kind", "corrective"},
             {"description", "喷涂温度提高到 180℃"},
             {"owner_id", qa_user_.id},
             {"department_id", qa_department_.id},
             {"due_at", "2026-03-20T17:00:00+08:00"}},
            {{"kind", "containment"},
             {"description", "在库品全检"},
             {"owner_id", qa_user_.id},
             {"department_id", qa_department_.id},
             {"due_at", "2026-03-20T17:00:00+08:00"}}}}});
    Step(path, qa_head_, {{"to", "replying"}});
  }

  // Reports every action of the case not yet settled done, and verifies it.
  void SettleActions(const std::string& path) {
    const auto listed = harness_.Call("GET", path + "/actions", qa_);
    for (const auto& action : listed.body["items"]) {
      const std::string action_path = "/api/v1/actions/" + action["id"].dump();
      if (action["status"] == "open") {
        ASSERT_EQ(
            harness_.CallJson("POST", action_path + "/done", qa_, {{"evidence", "已完成"}}).status,
            200);
      }
      if (action["status"] != "verified") {
        ASSERT_EQ(harness_
                      .CallJson("POST", action_path + "/verification", qa_,
                                {{"effective", true}, {"verification", "抽检合格"}})
                      .status,
                  200);
      }
    }
  }

  json Due(const std::string& query = "") {
    auto listed = harness_.Call("GET", "/api/v1/verifications" + query, qa_);
    EXPECT_EQ(listed.status, 200) << listed.raw;
    return listed.body["items"];
  }

  test::ApiHarness harness_;
  domain::Department sales_department_, qa_department_;
  domain::User qa_user_;
  std::string sales_, qa_, qa_head_;
  domain::Id coating_ = 0;
};

TEST_F(VerificationApiTest, NextMonthListsTheReportWithItsRecurrencesAndOpenActions) {
  harness_.store.clock.Set(test::Shanghai("2026-03-02T09:30:00"));
  const std::string path = File("IH-3000 电饭煲", coating_);
  const std::string before_fix = File("IH-3000 电饭煲", coating_);  // received before the fix
  harness_.store.clock.Set(test::Shanghai("2026-03-04T10:00:00"));
  WalkToApproval(path);
  EXPECT_EQ(harness_.Call("GET", before_fix + "/verification", qa_).status, 404);

  // The same month: nothing is due yet.
  EXPECT_TRUE(Due().empty());
  auto early = harness_.Call("GET", path + "/verification", qa_);
  ASSERT_EQ(early.status, 200) << early.raw;
  EXPECT_FALSE(early.body["due"].get<bool>());
  EXPECT_EQ(early.body["due_from"], "2026-03-31T16:00:00.000Z");  // 1 April in Shanghai
  EXPECT_EQ(early.body["effective_since"], FormatTimestamp(test::Shanghai("2026-03-04T10:00:00")));

  // The owner finishes the countermeasure on 10 March; from then on the fix is in effect.
  harness_.store.clock.Set(test::Shanghai("2026-03-10T15:00:00"));
  const auto actions = harness_.Call("GET", path + "/actions", qa_).body["items"];
  ASSERT_EQ(actions[0]["kind"], "corrective");
  const std::string action_path = "/api/v1/actions/" + actions[0]["id"].dump();
  const std::string containment_path = "/api/v1/actions/" + actions[1]["id"].dump();
  ASSERT_EQ(harness_
                .CallJson("POST", containment_path + "/cancel", qa_,
                          {{"reason", "在库品已全部返工，无需再检"}})
                .status,
            200);
  ASSERT_EQ(
      harness_.CallJson("POST", action_path + "/done", qa_, {{"evidence", "工艺卡已修改"}}).status,
      200);
  harness_.store.clock.Set(test::Shanghai("2026-03-09T09:00:00"));
  File("IH-3000 电饭煲", coating_);  // before the fix took effect: not a recurrence
  harness_.store.clock.Set(test::Shanghai("2026-03-20T09:00:00"));
  const std::string recurrence = File("IH-3000 电饭煲", coating_);
  File("IH-5000 电饭煲", coating_);      // another product
  File("IH-3000 电饭煲", std::nullopt);  // no category

  harness_.store.clock.Set(test::Shanghai("2026-04-01T08:00:00"));
  const json due = Due();
  ASSERT_EQ(due.size(), 1u) << due.dump();
  EXPECT_TRUE(due[0]["due"].get<bool>());
  EXPECT_EQ(due[0]["case"]["id"].dump(), path.substr(path.rfind('/') + 1));
  EXPECT_EQ(due[0]["effective_since"], FormatTimestamp(test::Shanghai("2026-03-10T15:00:00")));
  ASSERT_EQ(due[0]["recurrences"].size(), 1u);
  EXPECT_EQ("/api/v1/cases/" + due[0]["recurrences"][0]["id"].dump(), recurrence);
  ASSERT_EQ(due[0]["open_actions"].size(), 1u);  // done, not verified yet
  EXPECT_EQ(due[0]["open_actions"][0]["status"], "done");
  EXPECT_TRUE(Due("?month=2026-03").empty());
  EXPECT_EQ(Due("?month=2026-05").size(), 1u);

  // QA verifies the action and closes the case: it leaves the list.
  ASSERT_EQ(harness_
                .CallJson("POST", action_path + "/verification", qa_,
                          {{"effective", true}, {"verification", "四月抽检合格"}})
                .status,
            200);
  Step(path, sales_, {{"to", "following_up"}, {"reply", "尊敬的客户：已改进工艺"}});
  Step(path, sales_, {{"to", "verifying"}, {"customer_decision", "accepted"}, {"note", "满意"}});
  EXPECT_TRUE(harness_.Call("GET", path + "/verification", qa_).body["open_actions"].empty());
  // The recurrence stops QA closing; the QA head may, with a written reason.
  const std::string recurrence_number =
      harness_.Call("GET", recurrence, qa_).body["number"].get<std::string>();
  auto refused = harness_.CallJson("POST", path + "/transitions", qa_,
                                   {{"to", "closed"}, {"verification", "措施有效"}});
  ASSERT_EQ(refused.status, 409) << refused.raw;
  ASSERT_EQ(refused.body["errors"].size(), 1u) << refused.raw;
  EXPECT_EQ(refused.body["errors"][0]["field"], "recurrences");
  EXPECT_NE(refused.body["errors"][0]["message"].get<std::string>().find(recurrence_number),
            std::string::npos)
      << refused.raw;
  Step(path, qa_head_,
       {{"to", "closed"},
        {"verification", "措施有效"},
        {"early_close_reason", "一例复发为措施生效前的批次，已另案处理"}});
  EXPECT_TRUE(Due().empty());
  auto report = harness_.Call("GET", path + "/quality-report", qa_);
  EXPECT_EQ(report.body["early_close_reason"], "一例复发为措施生效前的批次，已另案处理");
  auto trail = harness_.Call("GET", path + "/events", harness_.AdminToken());
  EXPECT_NE(trail.body["items"].back().dump().find("early_close_reason"), std::string::npos)
      << trail.raw;
  auto ledger = harness_.Call("GET", "/api/v1/reports/quality-ledger?from=2026-04&format=csv", qa_);
  EXPECT_NE(ledger.raw.find("一例复发为措施生效前的批次，已另案处理"), std::string::npos);
}

TEST_F(VerificationApiTest, TheLedgerHasOneRowPerReportClosedInThePeriodAsJsonCsvAndXlsx) {
  harness_.store.clock.Set(test::Shanghai("2026-03-02T09:30:00"));
  const std::string path = File("IH-3000 电饭煲", coating_);
  File("IH-3000 电饭煲", coating_);  // stays open: not in the ledger
  harness_.store.clock.Set(test::Shanghai("2026-03-03T10:00:00"));
  WalkToApproval(path);
  // The reply is late; the customer agrees to a new date.
  ASSERT_EQ(harness_
                .CallJson("POST", path + "/sla/reply/deadline", sales_,
                          {{"due_at", "2026-03-12T17:00:00+08:00"},
                           {"reason", "客户同意延至3月12日"},
                           {"customer_agreed", true}})
                .status,
            200);
  Step(path, sales_, {{"to", "following_up"}, {"reply", "尊敬的客户：已改进工艺"}});
  Step(path, sales_, {{"to", "verifying"}, {"customer_decision", "accepted"}, {"note", "满意"}});
  harness_.store.clock.Set(test::Shanghai("2026-04-08T15:00:00"));
  SettleActions(path);
  harness_.store.clock.Set(test::Shanghai("2026-04-08T16:00:00"));
  Step(path, qa_, {{"to", "closed"}, {"verification", "四月未再发生"}});

  auto json_ledger =
      harness_.Call("GET", "/api/v1/reports/quality-ledger?from=2026-03&to=2026-04", qa_);
  ASSERT_EQ(json_ledger.status, 200) << json_ledger.raw;
  ASSERT_EQ(json_ledger.body["items"].size(), 1u);
  const json& row = json_ledger.body["items"][0];
  EXPECT_EQ(row["closed_at"], "2026-04-08T08:00:00.000Z");
  EXPECT_EQ(row["customer_decision"], "accepted");
  EXPECT_EQ(row["category"], "涂层脱落");
  EXPECT_EQ(row["report"]["root_cause_occurrence"], "喷涂温度偏低");
  ASSERT_EQ(row["moved_deadlines"].size(), 1u);
  EXPECT_EQ(row["moved_deadlines"][0]["reason"], "客户同意延至3月12日");
  EXPECT_TRUE(harness_.Call("GET", "/api/v1/reports/quality-ledger?from=2026-03", qa_)
                  .body["items"]
                  .empty());

  auto csv = harness_.Call("GET", "/api/v1/reports/quality-ledger?from=2026-04&format=csv", qa_);
  ASSERT_EQ(csv.status, 200) << csv.raw;
  EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.Header("Content-Disposition").find("quality-ledger-2026-04.csv"),
            std::string::npos);
  EXPECT_EQ(csv.raw.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.raw.find("案件编号,受理时间,客户"), std::string::npos) << csv.raw;
  EXPECT_NE(csv.raw.find("2026-04-08 16:00"), std::string::npos);  // local time
  EXPECT_NE(csv.raw.find("回复: 2026-03-06 10:00 → 2026-03-12 17:00 (客户同意延至3月12日)"),
            std::string::npos)
      << csv.raw;
  auto english = harness_.Call("GET", "/api/v1/reports/quality-ledger?from=2026-04&format=csv", qa_,
                               "", {{"Accept-Language", "en"}});
  EXPECT_NE(english.raw.find("Case number,Received,Customer"), std::string::npos);

  auto xlsx = harness_.Call("GET", "/api/v1/reports/quality-ledger?from=2026-04&format=xlsx", qa_);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.raw.substr(0, 2), "PK");
  test::TempDir directory;
  std::ofstream(directory.path() / "ledger.xlsx", std::ios::binary) << xlsx.raw;
  const auto strings = test::RunCommand(
      {"/usr/bin/unzip", "-p", "ledger.xlsx", "xl/sharedStrings.xml"}, directory.path());
  ASSERT_EQ(strings.exit_code, 0) << strings.err;
  EXPECT_NE(strings.out.find("案件编号"), std::string::npos);
  EXPECT_NE(strings.out.find("喷涂温度偏低"), std::string::npos);
  const auto sheet = test::RunCommand({"/usr/bin/unzip", "-p", "ledger.xlsx", "xl/workbook.xml"},
                                      directory.path());
  EXPECT_NE(sheet.out.find("市场品质异常管理表"), std::string::npos) << sheet.out;

  EXPECT_EQ(harness_.Call("GET", "/api/v1/reports/quality-ledger", qa_).status, 422);
  EXPECT_EQ(
      harness_.Call("GET", "/api/v1/reports/quality-ledger?from=2026-04&format=pdf", qa_).status,
      422);
  EXPECT_EQ(
      harness_.Call("GET", "/api/v1/reports/quality-ledger?from=2026-04&to=2026-03", qa_).status,
      422);
  EXPECT_EQ(
      harness_.Call("GET", "/api/v1/reports/quality-ledger?from=2024-01&to=2026-04", qa_).status,
      422);
}

TEST_F(VerificationApiTest, TheReplyGoesOutAsAFeedbackLetterInTheCustomersLanguage) {
  const std::string chinese = File("IH-3000 电饭煲", coating_);
  WalkToApproval(chinese);
  Step(chinese, sales_, {{"to", "following_up"}, {"reply", "我们将为您免费更换内胆。"}});
  auto timeline = harness_.Call("GET", chinese + "/interactions", sales_);
  ASSERT_EQ(timeline.status, 200) << timeline.raw;
  const json& letter = timeline.body["items"].back();
  EXPECT_EQ(letter["direction"], "outbound");
  // Filed by phone: the timeline records the letter; nothing goes out by itself.
  EXPECT_EQ(letter["delivery"], "none");
  const std::string body = letter["body"];
  EXPECT_EQ(body.rfind("尊敬的钱伟：", 0), 0u) << body;
  EXPECT_NE(body.find("原因：喷涂温度偏低"), std::string::npos) << body;
  EXPECT_NE(body.find("- 喷涂温度提高到 180℃"), std::string::npos) << body;
  EXPECT_NE(body.find("我们将为您免费更换内胆。"), std::string::npos);

  // An English-speaking customer (another phone, so another customer).
  json body_en = {{"subject", "Coating peels off"},
                  {"description", "The inner pot coating peels after two weeks"},
                  {"type", "complaint"},
                  {"origin_class", "own_factory"},
                  {"department_id", sales_department_.id},
                  {"channel", "email"},
                  {"customer",
                   {{"name", "Jane Doe"},
                    {"phone", "13900001111"},
                    {"email", "jane.doe@example.com"},
                    {"language", "en"}}}};
  auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(), body_en);
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string english = created.Header("Location");
  WalkToApproval(english);
  Step(english, sales_,
       {{"to", "following_up"}, {"reply", "We will replace the pot free of charge."}});
  const std::string letter_en =
      harness_.Call("GET", english + "/interactions", sales_).body["items"].back()["body"];
  EXPECT_EQ(letter_en.rfind("Dear Jane Doe,", 0), 0u) << letter_en;
  // By e-mail, the letter goes out through the outbox to the customer's address.
  const auto outbox = harness_.Call("GET", english + "/outbox", sales_);
  ASSERT_EQ(outbox.status, 200) << outbox.raw;
  ASSERT_EQ(outbox.body["items"].size(), 1u) << outbox.raw;
  EXPECT_EQ(outbox.body["items"][0]["purpose"], "feedback_letter");
  EXPECT_EQ(outbox.body["items"][0]["recipient"], "jane.doe@example.com");
  EXPECT_EQ(outbox.body["items"][0]["state"], "queued");
  EXPECT_EQ(
      outbox.body["items"][0]["subject"].get<std::string>().rfind("Re: Coating peels off [", 0),
      0u);
  EXPECT_NE(letter_en.find("Cause: "), std::string::npos);
  EXPECT_NE(letter_en.find("What we are changing:"), std::string::npos);

  auto bad = harness_.CallJson(
      "POST", "/api/v1/cases", harness_.AdminToken(),
      {{"subject", "x"},
       {"customer", {{"name", "x"}, {"phone", "13900002222"}, {"language", "fr"}}}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body["errors"][0]["field"], "customer.language");
}

TEST_F(VerificationApiTest, AdminsWriteTheLetterTemplateAndTheReplyUsesIt) {
  const std::string admin = harness_.AdminToken();
  auto listed = harness_.Call("GET", "/api/v1/admin/letter-templates", sales_);
  ASSERT_EQ(listed.status, 200) << listed.raw;
  // quality, environmental and the acknowledgements by e-mail, SMS and WeChat, in zh-CN and en
  ASSERT_EQ(listed.body["items"].size(), 10u);
  EXPECT_EQ(listed.body["items"][0]["kind"], "quality");
  EXPECT_EQ(listed.body["items"][0]["language"], "zh-CN");
  EXPECT_EQ(listed.body["items"][0]["customised"], false);
  EXPECT_NE(listed.body["items"][0]["body"].get<std::string>().find("{reply}"), std::string::npos);

  const std::string path = "/api/v1/admin/letter-templates/quality/zh-CN";
  const json mine = {{"body",
                      "{customer}您好：\n\n您反映的“{subject}”（{number}）已有结论。\n\n"
                      "问题原因：{cause}\n\n{reply}\n\n{{客服中心}} 敬上"}};
  EXPECT_EQ(harness_.CallJson("PUT", path, sales_, mine).status, 403);
  auto unknown = harness_.CallJson("PUT", path, admin, {{"body", "{客户} {reply}"}});
  ASSERT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.body["errors"][0]["field"], "body");
  EXPECT_NE(unknown.body["errors"][0]["message"].get<std::string>().find("{客户}"),
            std::string::npos)
      << unknown.raw;
  EXPECT_EQ(harness_.CallJson("PUT", path, admin, {{"body", "尊敬的{customer}"}}).status, 422);
  EXPECT_EQ(harness_.CallJson("PUT", path, admin, {{"text", "{reply}"}}).status, 422);
  EXPECT_EQ(
      harness_.CallJson("PUT", "/api/v1/admin/letter-templates/quality/fr", admin, mine).status,
      404);
  EXPECT_EQ(
      harness_.CallJson("PUT", "/api/v1/admin/letter-templates/invoice/en", admin, mine).status,
      404);
  auto saved = harness_.CallJson("PUT", path, admin, mine);
  ASSERT_EQ(saved.status, 200) << saved.raw;
  EXPECT_EQ(saved.body["customised"], true);
  EXPECT_FALSE(saved.body["updated_at"].is_null());

  const std::string case_path = File("IH-3000 电饭煲", coating_);
  WalkToApproval(case_path);
  Step(case_path, sales_, {{"to", "following_up"}, {"reply", "我们将为您免费更换内胆。"}});
  const std::string letter =
      harness_.Call("GET", case_path + "/interactions", sales_).body["items"].back()["body"];
  EXPECT_EQ(letter.rfind("钱伟您好：\n\n您反映的“", 0), 0u) << letter;
  EXPECT_NE(letter.find("问题原因：喷涂温度偏低\n\n我们将为您免费更换内胆。"), std::string::npos)
      << letter;
  EXPECT_NE(letter.find("{客服中心} 敬上"), std::string::npos) << letter;
  EXPECT_EQ(letter.find("改善对策"), std::string::npos) << letter;  // not in this template

  // Every change is audited; resetting returns to the shipped template.
  auto reset = harness_.Call("DELETE", path, admin);
  ASSERT_EQ(reset.status, 200) << reset.raw;
  EXPECT_EQ(reset.body["customised"], false);
  EXPECT_EQ(reset.body["body"], listed.body["items"][0]["body"]);
  EXPECT_EQ(harness_.Call("DELETE", path, sales_).status, 403);
  std::vector<std::string> verbs;
  ASSERT_TRUE(harness_.store.database
                  ->Read([&](storage::Connection& connection) -> Status {
                    return connection.Query(
                        "SELECT action FROM case_events WHERE entity = 'letter_template' "
                        "ORDER BY id",
                        {}, [&](const storage::Row& row) { verbs.push_back(row.Text(0)); });
                  })
                  .ok());
  EXPECT_EQ(verbs, (std::vector<std::string>{"update", "reset"}));
}

TEST_F(VerificationApiTest, TheListIsForStaffAndRefusesABadMonth) {
  EXPECT_EQ(harness_.Call("GET", "/api/v1/verifications?month=2026-4", qa_).status, 422);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/verifications?since=2026-04", qa_).status, 422);
  const std::string path = File("IH-3000 电饭煲", coating_);
  EXPECT_EQ(harness_.Call("GET", path + "/verification", qa_).status, 404);
  const auto customer_id = harness_.Call("GET", path, qa_).body["customer_id"].get<domain::Id>();
  const std::string portal = harness_.TokenFor(
      harness_.store.AddUser("c@example.com", domain::Role::kCustomer, {}, customer_id));
  EXPECT_EQ(harness_.Call("GET", "/api/v1/verifications", portal).status, 403);
}

}  // namespace
}  // namespace lt
