#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "base/crypto.hpp"
#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

class CasesApiTest : public ::testing::Test {
 protected:
  json NewCase(const std::string& subject, const std::string& phone) {
    return {{"subject", subject},
            {"description", "客户反映：" + subject},
            {"type", "complaint"},
            {"channel", "phone"},
            {"urgency", "urgent"},
            {"remedy", "replacement"},
            {"product", "变频空调"},
            {"customer", {{"name", "赵敏"}, {"phone", phone}, {"kind", "consumer"}}}};
  }
  test::ApiHarness harness_;
};

TEST_F(CasesApiTest, CreatesACaseWithItsCustomerAndLocation) {
  auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                                   NewCase("空调外壳开裂", "13800138000"));
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["number"], "TS-2026-000001");
  EXPECT_EQ(created.body["status"], "received");
  EXPECT_EQ(created.body["urgency"], "urgent");
  EXPECT_EQ(created.body["received_at"], "2026-03-02T01:30:00.000Z");
  EXPECT_EQ(created.Header("Location"),
            "/api/v1/cases/" + std::to_string(created.body["id"].get<int>()));
  auto fetched = harness_.Call("GET", created.Header("Location"), harness_.AdminToken());
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.body["subject"], "空调外壳开裂");
  EXPECT_EQ(fetched.Header("ETag"), "\"1\"");
  auto customer = harness_.Call("GET", "/api/v1/customers/" + fetched.body["customer_id"].dump(),
                                harness_.AdminToken());
  ASSERT_EQ(customer.status, 200);
  EXPECT_EQ(customer.body["phones"][0], "+8613800138000");
}

TEST_F(CasesApiTest, ACustomerGivenByNameOnlyIsCreated) {
  // Before: 409 with no detail, the case and the customer lost.
  auto created = harness_.CallJson(
      "POST", "/api/v1/cases", harness_.AdminToken(),
      {{"subject", "门店顾客反映冰箱异响"}, {"customer", {{"name", "到店顾客"}}}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const auto customer_id = created.body["customer_id"].get<domain::Id>();
  auto customer = harness_.Call("GET", "/api/v1/customers/" + std::to_string(customer_id),
                                harness_.AdminToken());
  ASSERT_EQ(customer.status, 200) << customer.raw;
  EXPECT_EQ(customer.body["name"], "到店顾客");
  // Two such customers are two customers: nothing tells them apart.
  auto again = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                                 {{"subject", "冰箱异响"}, {"customer", {{"name", "到店顾客"}}}});
  ASSERT_EQ(again.status, 201) << again.raw;
  EXPECT_NE(again.body["customer_id"], created.body["customer_id"]);
}

TEST_F(CasesApiTest, ARetriedRequestWithTheSameIdempotencyKeyReturnsTheFirstResult) {
  const std::string body = NewCase("跳闸", "13900139000").dump();
  auto first = harness_.Call("POST", "/api/v1/cases", harness_.AdminToken(), body,
                             {{"Idempotency-Key", "abc-123"}});
  auto retry = harness_.Call("POST", "/api/v1/cases", harness_.AdminToken(), body,
                             {{"Idempotency-Key", "abc-123"}});
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(retry.status, 201);
  EXPECT_EQ(retry.body["id"], first.body["id"]);
  EXPECT_EQ(retry.Header("Idempotent-Replayed"), "true");
  auto list = harness_.Call("GET", "/api/v1/cases", harness_.AdminToken());
  EXPECT_EQ(list.body["items"].size(), 1u);
  auto reused =
      harness_.Call("POST", "/api/v1/cases", harness_.AdminToken(),
                    NewCase("别的", "13900139000").dump(), {{"Idempotency-Key", "abc-123"}});
  EXPECT_EQ(reused.status, 422);
}

TEST_F(CasesApiTest, PatchesWithIfMatchAndRecordsTheAuditTrail) {
  auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                                   NewCase("漏水", "13700137000"));
  const std::string path = created.Header("Location");
  auto patched = harness_.CallJson("PATCH", path, harness_.AdminToken(),
                                   {{"model", "DF-300"}, {"origin_class", "own_factory"}},
                                   {{"If-Match", "\"1\""}});
  ASSERT_EQ(patched.status, 200) << patched.raw;
  EXPECT_EQ(patched.body["model"], "DF-300");
  EXPECT_EQ(patched.body["version"], 2);
  auto stale = harness_.CallJson("PATCH", path, harness_.AdminToken(), {{"model", "DF-301"}},
                                 {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 409);
  // The status moves only through the workflow's steps.
  auto status = harness_.CallJson("PATCH", path, harness_.AdminToken(), {{"status", "closed"}});
  EXPECT_EQ(status.status, 422);
  EXPECT_EQ(status.body["errors"][0]["code"], "validation.status_via_transitions") << status.raw;
  auto events = harness_.Call("GET", path + "/events", harness_.AdminToken());
  ASSERT_EQ(events.status, 200);
  ASSERT_EQ(events.body["items"].size(), 2u);
  EXPECT_EQ(events.body["items"][1]["changes"][0]["field"], "model");
}

TEST_F(CasesApiTest, SearchFollowsAnEditedSubjectAndKeepsItThroughOtherChanges) {
  const auto token = harness_.AdminToken();
  auto created =
      harness_.CallJson("POST", "/api/v1/cases", token, NewCase("热水器漏水", "13600136001"));
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string path = created.Header("Location");
  auto found = [&](const std::string& query) {
    auto listed = harness_.Call("GET", "/api/v1/cases?q=" + query, token);
    EXPECT_EQ(listed.status, 200) << listed.raw;
    return listed.body["items"].size();
  };
  const std::string leak = "%E6%BC%8F%E6%B0%B4";  // 漏水
  const std::string trip = "%E8%B7%B3%E9%97%B8";  // 跳闸
  ASSERT_EQ(found(leak), 1u);
  // A change that leaves the text alone does not touch the search index...
  ASSERT_EQ(harness_.CallJson("PATCH", path, token, {{"urgency", "urgent"}}).status, 200);
  EXPECT_EQ(found(leak), 1u);
  ASSERT_EQ(harness_
                .CallJson("POST", path + "/transitions", token,
                          {{"to", "understanding"}, {"note", "已联系"}})
                .status,
            200);
  EXPECT_EQ(found(leak), 1u);
  // ...and one that edits it re-indexes the case.
  ASSERT_EQ(harness_
                .CallJson("PATCH", path, token,
                          {{"subject", "热水器跳闸"}, {"description", "客户反映：一开机就跳闸"}})
                .status,
            200);
  EXPECT_EQ(found(leak), 0u);
  EXPECT_EQ(found(trip), 1u);
}

TEST_F(CasesApiTest, FiltersSearchesSortsAndPages) {
  const auto token = harness_.AdminToken();
  auto department =
      harness_.CallJson("POST", "/api/v1/departments", token, {{"code", "QA"}, {"name", "品保部"}});
  ASSERT_EQ(department.status, 201);
  for (int i = 0; i < 7; ++i) {
    json body = NewCase(i % 2 ? "冰箱异响" : "电饭煲开裂", "1360013600" + std::to_string(i));
    body["received_at"] = "2026-02-0" + std::to_string(i + 1) + "T08:00:00+08:00";
    if (i < 4) body["department_id"] = department.body["id"];
    ASSERT_EQ(harness_.CallJson("POST", "/api/v1/cases", token, body).status, 201);
  }
  auto cracked = harness_.Call("GET", "/api/v1/cases?q=%E5%BC%80%E8%A3%82", token);  // 开裂
  ASSERT_EQ(cracked.status, 200) << cracked.raw;
  EXPECT_EQ(cracked.body["items"].size(), 4u);
  // A case number in the search box finds that case, typed in either case.
  const std::string number = cracked.body["items"][1]["number"];
  std::string lower = number;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const std::string& typed : {number, lower}) {
    auto found = harness_.Call("GET", "/api/v1/cases?q=" + typed, token);
    ASSERT_EQ(found.status, 200) << found.raw;
    ASSERT_EQ(found.body["items"].size(), 1u) << typed << found.raw;
    EXPECT_EQ(found.body["items"][0]["number"], number);
  }
  EXPECT_TRUE(harness_.Call("GET", "/api/v1/cases?q=TS-2026-999999", token).body["items"].empty());
  auto queue = harness_.Call("GET",
                             "/api/v1/cases?department=" + department.body["id"].dump() +
                                 "&status=received,understanding&sort=received_at&limit=3",
                             token);
  ASSERT_EQ(queue.status, 200) << queue.raw;
  ASSERT_EQ(queue.body["items"].size(), 3u);
  EXPECT_EQ(queue.body["items"][0]["received_at"], "2026-02-01T00:00:00.000Z");
  auto next = harness_.Call("GET",
                            "/api/v1/cases?department=" + department.body["id"].dump() +
                                "&status=received,understanding&sort=received_at&limit=3&cursor=" +
                                queue.body["next_cursor"].get<std::string>(),
                            token);
  ASSERT_EQ(next.status, 200);
  ASSERT_EQ(next.body["items"].size(), 1u);
  EXPECT_TRUE(next.body["next_cursor"].is_null());
  auto window =
      harness_.Call("GET", "/api/v1/cases?received_from=2026-02-03&received_to=2026-02-05", token);
  EXPECT_EQ(window.body["items"].size(), 2u);
  auto customer = harness_.Call(
      "GET", "/api/v1/cases?customer=" + queue.body["items"][0]["customer_id"].dump(), token);
  EXPECT_EQ(customer.body["items"].size(), 1u);
}

TEST_F(CasesApiTest, AddsAndListsInteractionsWithAttachments) {
  auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                                   NewCase("漏电", "13500135000"));
  const std::string path = created.Header("Location") + "/interactions";
  const std::string pdf = "%PDF-1.4\n% test\n";
  auto added = harness_.CallJson("POST", path, harness_.AdminToken(),
                                 {{"direction", "outbound"},
                                  {"channel", "email"},
                                  {"body", "已安排工程师上门。"},
                                  {"attachments",
                                   {{{"filename", "检测报告.pdf"},
                                     {"content_type", "application/pdf"},
                                     {"content_base64", EncodeBase64(pdf)}}}}});
  ASSERT_EQ(added.status, 201) << added.raw;
  EXPECT_EQ(added.body["visibility"], "public");
  auto timeline = harness_.Call("GET", path, harness_.AdminToken());
  ASSERT_EQ(timeline.status, 200);
  ASSERT_EQ(timeline.body["items"].size(), 1u);
  const std::string url = timeline.body["items"][0]["attachments"][0]["url"];
  auto download = harness_.Call("GET", url, harness_.AdminToken());
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.raw, pdf);
  EXPECT_NE(download.Header("Content-Disposition").find("UTF-8''%E6%A3%80"), std::string::npos);
  EXPECT_TRUE(timeline.body["items"][0]["quoted"].is_null()) << "no history to fold";

  // An e-mail carrying the earlier messages below the answer: the answer and
  // the history apart, for the timeline to fold; the body stays whole.
  const std::string reply =
      "收到，样品明天寄出。\n\n-----原始邮件-----\n发件人: 营业 王强\n"
      "发送时间: 2026年3月2日 10:00\n请寄回样品。";
  auto with_history =
      harness_.CallJson("POST", path, harness_.AdminToken(),
                        {{"direction", "inbound"}, {"channel", "email"}, {"body", reply}});
  ASSERT_EQ(with_history.status, 201) << with_history.raw;
  EXPECT_EQ(with_history.body["body"], reply);
  EXPECT_EQ(with_history.body["quoted"]["fresh"], "收到，样品明天寄出。");
  EXPECT_EQ(
      with_history.body["quoted"]["history"].get<std::string>().rfind("-----原始邮件-----", 0), 0u);
}

TEST_F(CasesApiTest, RoleScopingHidesOtherDepartmentsCasesAs404) {
  auto& store = harness_.store;
  const auto sales = store.AddDepartment("SALES", "营业部");
  const auto qa = store.AddDepartment("QA", "品保部");
  const auto seller_token =
      harness_.TokenFor(store.AddUser("s@example.com", domain::Role::kSales, {sales.id}));
  const auto qa_token =
      harness_.TokenFor(store.AddUser("q@example.com", domain::Role::kQa, {qa.id}));
  json body = NewCase("品保部的案件", "13400134000");
  body["department_id"] = qa.id;
  auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(), body);
  const std::string path = created.Header("Location");
  EXPECT_EQ(harness_.Call("GET", path, seller_token).status, 404);
  EXPECT_EQ(harness_.Call("GET", path + "/interactions", seller_token).status, 404);
  EXPECT_EQ(harness_.CallJson("PATCH", path, seller_token, {{"subject", "x"}}).status, 404);
  EXPECT_EQ(harness_.Call("GET", path, qa_token).status, 200);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/cases", seller_token).body["items"].size(), 0u);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/cases", qa_token).body["items"].size(), 1u);
}

TEST_F(CasesApiTest, PortalCustomersSeeTheirOwnCasesButNotTheAuditTrail) {
  auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                                   NewCase("门户案件", "13300133000"));
  const auto customer_id = created.body["customer_id"].get<domain::Id>();
  const auto portal_token = harness_.TokenFor(
      harness_.store.AddUser("c@example.com", domain::Role::kCustomer, {}, customer_id));
  const std::string path = created.Header("Location");
  EXPECT_EQ(harness_.Call("GET", path, portal_token).status, 200);
  EXPECT_EQ(harness_.Call("GET", path + "/events", portal_token).status, 403);
  EXPECT_EQ(harness_.CallJson("PATCH", path, portal_token, {{"subject", "x"}}).status, 403);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/customers", portal_token).status, 403);
  EXPECT_EQ(
      harness_.Call("GET", "/api/v1/customers/" + std::to_string(customer_id), portal_token).status,
      200);
  auto filed = harness_.CallJson("POST", "/api/v1/cases", portal_token, {{"subject", "又坏了"}});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  EXPECT_EQ(filed.body["customer_id"], customer_id);
}

TEST_F(CasesApiTest, APortalCustomerSeesStatusAndPromisedDeadlinesNotTheInternalRouting) {
  const auto department = harness_.store.AddDepartment("SALES", "营业部");
  json body = NewCase("洗衣机漏水", "13300133001");
  body["department_id"] = department.id;
  body["origin_class"] = "own_factory";
  auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(), body);
  ASSERT_EQ(created.status, 201) << created.raw;
  const auto portal_token =
      harness_.TokenFor(harness_.store.AddUser("c1@example.com", domain::Role::kCustomer, {},
                                               created.body["customer_id"].get<domain::Id>()));
  const std::string path = created.Header("Location");
  // Before: department_id, sla_due_at, origin_class and the rest were shown.
  auto seen = harness_.Call("GET", path, portal_token);
  ASSERT_EQ(seen.status, 200) << seen.raw;
  for (const char* internal :
       {"department_id", "assignee_id", "responsible_department_id", "sla_due_at", "origin_class",
        "urgency", "category_id", "created_by", "sla"}) {
    EXPECT_FALSE(seen.body.contains(internal)) << internal << " in " << seen.raw;
  }
  EXPECT_EQ(seen.body["status"], "received");
  EXPECT_EQ(seen.body["subject"], "洗衣机漏水");
  ASSERT_EQ(seen.body["deadlines"].size(), 1u) << seen.raw;
  EXPECT_EQ(seen.body["deadlines"][0]["target"], "first_contact");
  EXPECT_EQ(seen.body["deadlines"][0]["state"], "running");
  auto listed = harness_.Call("GET", "/api/v1/cases", portal_token);
  ASSERT_EQ(listed.body["items"].size(), 1u);
  EXPECT_FALSE(listed.body["items"][0].contains("department_id"));
  // Staff still see the whole case.
  auto staff = harness_.Call("GET", path, harness_.AdminToken());
  EXPECT_EQ(staff.body["department_id"], department.id);
  EXPECT_FALSE(staff.body["sla"].empty());
}

TEST_F(CasesApiTest, ContactDetailsAreMaskedForStaffWhoDoNotWorkWithCustomers) {
  json body = NewCase("热水器不加热", "13812345678");
  body["customer"]["email"] = "Li.Wei@Example.com";
  auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(), body);
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string customer = "/api/v1/customers/" + created.body["customer_id"].dump();
  const auto department = harness_.store.AddDepartment("MFG", "制造部");
  const auto member = harness_.TokenFor(
      harness_.store.AddUser("mfg@example.com", domain::Role::kDepartmentMember, {department.id}));
  const auto sales = harness_.TokenFor(
      harness_.store.AddUser("sales@example.com", domain::Role::kSales, {department.id}));
  // Before: every staff role read every customer's phone and e-mail.
  auto masked = harness_.Call("GET", customer, member);
  ASSERT_EQ(masked.status, 200) << masked.raw;
  EXPECT_EQ(masked.body["phones"][0], "+86138****5678");
  EXPECT_EQ(masked.body["emails"][0], "l***@example.com");
  auto listed = harness_.Call("GET", "/api/v1/customers", member);
  ASSERT_EQ(listed.status, 200) << listed.raw;
  EXPECT_EQ(listed.body["items"][0]["phones"][0], "+86138****5678");
  // Who works with customers sees them whole.
  EXPECT_EQ(harness_.Call("GET", customer, sales).body["phones"][0], "+8613812345678");
  EXPECT_EQ(harness_.Call("GET", customer, sales).body["emails"][0], "li.wei@example.com");
}

TEST_F(CasesApiTest, AnswersInTheReadersLanguage) {
  auto zh =
      harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                        {{"subject", ""}, {"customer_id", 1}}, {{"Accept-Language", "zh-CN"}});
  auto en = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                              {{"subject", ""}, {"customer_id", 1}},
                              {{"Accept-Language", "en-US,en;q=0.9"}});
  ASSERT_EQ(zh.status, 422);
  EXPECT_EQ(zh.body["title"], "请求中有字段不正确");
  EXPECT_EQ(en.body["title"], "The request has invalid fields");
  EXPECT_EQ(en.body["errors"][0]["field"], "subject");
  EXPECT_EQ(en.body["errors"][0]["message"], "is required");
  EXPECT_EQ(en.Header("Content-Language"), "en");
}

}  // namespace
}  // namespace lt
