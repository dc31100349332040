// Supplier corrective action requests: QA asks the supplier of an
// other-factory abnormality; the supplier answers through the portal within
// 2 (initial analysis) and 7 working days; QA returns or accepts the answer.

#include <gtest/gtest.h>

#include "base/time_format.hpp"
#include "support/api_harness.hpp"
#include "support/china_calendar.hpp"

namespace lt {
namespace {

using nlohmann::json;

class SupplierCarApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto sales = harness_.store.AddDepartment("SALES", "营业部");
    qa_ = harness_.TokenFor(harness_.store.AddUser("qa@example.com", domain::Role::kQa, {}));
    sales_ = harness_.TokenFor(
        harness_.store.AddUser("sales@example.com", domain::Role::kSales, {sales.id}));
    supplier_id_ = AddCustomer("宁波某电机有限公司", "supplier", "13500001111");
    const auto other_supplier = AddCustomer("另一家供应商", "supplier", "13500002222");
    dealer_id_ = AddCustomer("某经销商", "dealer", "13500003333");
    supplier_ = harness_.TokenFor(
        harness_.store.AddUser("car@motor.example.com", domain::Role::kCustomer, {}, supplier_id_));
    other_supplier_ = harness_.TokenFor(harness_.store.AddUser(
        "car@other.example.com", domain::Role::kCustomer, {}, other_supplier));
    case_path_ = File("other_factory", sales.id);
    own_factory_path_ = File("own_factory", sales.id);
  }

  domain::Id AddCustomer(const std::string& name, const std::string& kind,
                         const std::string& phone) {
    auto created = harness_.CallJson("POST", "/api/v1/customers", harness_.AdminToken(),
                                     {{"name", name}, {"kind", kind}, {"phones", {phone}}});
    EXPECT_EQ(created.status, 201) << created.raw;
    return created.body["id"].get<domain::Id>();
  }

  std::string File(const std::string& origin, domain::Id department) {
    auto created = harness_.CallJson("POST", "/api/v1/cases", harness_.AdminToken(),
                                     {{"subject", "洗衣机电机异响"},
                                      {"description", "电机轴承异响，拆机发现轴承为外购件"},
                                      {"type", "complaint"},
                                      {"origin_class", origin},
                                      {"product", "XQB80 洗衣机"},
                                      {"department_id", department},
                                      {"customer", {{"name", "孙丽"}, {"phone", "13812349999"}}}});
    EXPECT_EQ(created.status, 201) << created.raw;
    return created.Header("Location");
  }

  json ClockOf(const std::string& target) {
    const auto clocks = harness_.Call("GET", case_path_ + "/sla", qa_);
    for (const auto& clock : clocks.body["items"]) {
      if (clock["target"] == target) return clock;
    }
    return nullptr;
  }

  test::ApiHarness harness_;
  domain::Id supplier_id_ = 0, dealer_id_ = 0;
  std::string qa_, sales_, supplier_, other_supplier_, case_path_, own_factory_path_;
};

TEST_F(SupplierCarApiTest, TheSupplierAnswersThroughThePortalAndQaReturnsThenAccepts) {
  harness_.store.clock.Set(test::Shanghai("2026-03-02T10:00:00"));  // Monday
  const json request = {{"supplier_id", supplier_id_},
                        {"request", "请分析轴承异响原因并提出纠正措施（批号 B2602）"}};
  EXPECT_EQ(harness_.CallJson("POST", case_path_ + "/supplier-cars", sales_, request).status, 403);
  auto requested = harness_.CallJson("POST", case_path_ + "/supplier-cars", qa_, request);
  ASSERT_EQ(requested.status, 201) << requested.raw;
  EXPECT_EQ(requested.body["status"], "requested");
  const std::string car = requested.Header("Location");
  EXPECT_EQ(ClockOf("supplier_initial_analysis")["due_at"], "2026-03-04T02:00:00.000Z");
  EXPECT_EQ(ClockOf("supplier_answer")["due_at"], "2026-03-11T02:00:00.000Z");

  // The supplier sees the request, not the case, and nobody else's.
  auto mine = harness_.Call("GET", "/api/v1/supplier-cars", supplier_);
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_EQ(mine.body["items"].size(), 1u);
  EXPECT_EQ(mine.body["items"][0]["case"]["product"], "XQB80 洗衣机");
  EXPECT_EQ(harness_.Call("GET", case_path_, supplier_).status, 404);
  EXPECT_TRUE(harness_.Call("GET", "/api/v1/supplier-cars", other_supplier_).body["items"].empty());
  EXPECT_EQ(harness_.Call("GET", car, other_supplier_).status, 404);
  // QA's work list: the requests still open, on cases QA sees.
  auto open = harness_.Call("GET", "/api/v1/supplier-cars", qa_);
  ASSERT_EQ(open.status, 200) << open.raw;
  ASSERT_EQ(open.body["items"].size(), 1u);
  EXPECT_EQ(open.body["items"][0]["status"], "requested");
  EXPECT_EQ(open.body["items"][0]["case"]["product"], "XQB80 洗衣机");
  EXPECT_TRUE(
      harness_.Call("GET", "/api/v1/supplier-cars?status=accepted", qa_).body["items"].empty());
  EXPECT_EQ(harness_.Call("GET", "/api/v1/supplier-cars?status=lost", qa_).status, 422);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/supplier-cars?status=accepted", supplier_).status, 422)
      << "a supplier reads all of its own";

  harness_.store.clock.Set(test::Shanghai("2026-03-03T16:00:00"));
  auto analysed = harness_.CallJson("POST", car + "/initial-analysis", supplier_,
                                    {{"initial_analysis", "初判为轴承润滑脂不足"}});
  ASSERT_EQ(analysed.status, 200) << analysed.raw;
  EXPECT_EQ(ClockOf("supplier_initial_analysis")["state"], "met");
  EXPECT_EQ(
      harness_
          .CallJson("POST", car + "/initial-analysis", supplier_, {{"initial_analysis", "again"}})
          .status,
      409);
  EXPECT_EQ(harness_.CallJson("POST", car + "/decision", qa_, {{"verdict", "accept"}}).status, 409);
  EXPECT_EQ(
      harness_
          .CallJson("POST", car + "/answer", qa_, {{"root_cause", "x"}, {"countermeasures", "y"}})
          .status,
      404);
  EXPECT_EQ(harness_.CallJson("POST", car + "/answer", supplier_, {{"root_cause", "x"}}).status,
            422);

  harness_.store.clock.Set(test::Shanghai("2026-03-06T11:00:00"));
  auto answered = harness_.CallJson(
      "POST", car + "/answer", supplier_,
      {{"root_cause", "注脂工位定量阀失效"}, {"countermeasures", "更换定量阀，每班点检"}});
  ASSERT_EQ(answered.status, 200) << answered.raw;
  EXPECT_EQ(answered.body["status"], "answered");
  EXPECT_EQ(ClockOf("supplier_answer")["state"], "met");

  EXPECT_EQ(harness_.CallJson("POST", car + "/decision", qa_, {{"verdict", "return"}}).status, 422);
  harness_.store.clock.Set(test::Shanghai("2026-03-09T09:00:00"));  // Monday
  auto returned = harness_.CallJson("POST", car + "/decision", qa_,
                                    {{"verdict", "return"}, {"note", "请补充流出原因"}});
  ASSERT_EQ(returned.status, 200) << returned.raw;
  EXPECT_EQ(returned.body["status"], "returned");
  // The supplier's answer clock starts over from the return: 7 working days.
  EXPECT_EQ(ClockOf("supplier_answer")["state"], "running");
  EXPECT_EQ(ClockOf("supplier_answer")["due_at"], "2026-03-18T01:00:00.000Z");

  ASSERT_EQ(harness_
                .CallJson("POST", car + "/answer", supplier_,
                          {{"root_cause", "注脂工位定量阀失效；出货检验未测噪音"},
                           {"countermeasures", "更换定量阀；增加出货噪音抽检"}})
                .status,
            200);
  auto accepted = harness_.CallJson("POST", car + "/decision", qa_, {{"verdict", "accept"}});
  ASSERT_EQ(accepted.status, 200) << accepted.raw;
  EXPECT_EQ(accepted.body["status"], "accepted");
  EXPECT_EQ(harness_
                .CallJson("POST", car + "/answer", supplier_,
                          {{"root_cause", "x"}, {"countermeasures", "y"}})
                .status,
            409);
  EXPECT_EQ(harness_.Call("GET", case_path_ + "/supplier-cars", qa_).body["items"].size(), 1u);
  EXPECT_TRUE(harness_.Call("GET", "/api/v1/supplier-cars", qa_).body["items"].empty());
  EXPECT_EQ(harness_.Call("GET", "/api/v1/supplier-cars?status=accepted", qa_).body["items"].size(),
            1u);
}

TEST_F(SupplierCarApiTest, OnlyOtherFactoryCasesGoToASupplier) {
  auto own = harness_.CallJson("POST", own_factory_path_ + "/supplier-cars", qa_,
                               {{"supplier_id", supplier_id_}, {"request", "x"}});
  EXPECT_EQ(own.status, 409);
  EXPECT_EQ(own.body["code"], "error.car_not_other_factory");
  auto dealer = harness_.CallJson("POST", case_path_ + "/supplier-cars", qa_,
                                  {{"supplier_id", dealer_id_}, {"request", "x"}});
  ASSERT_EQ(dealer.status, 422);
  EXPECT_EQ(dealer.body["errors"][0]["code"], "validation.not_a_supplier");
  EXPECT_EQ(
      harness_.CallJson("POST", case_path_ + "/supplier-cars", qa_, {{"request", "x"}}).status,
      422);
  EXPECT_TRUE(harness_.Call("GET", case_path_ + "/supplier-cars", qa_).body["items"].empty());
}

}  // namespace
}  // namespace lt
