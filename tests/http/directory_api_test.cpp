// Departments, users, categories and customers through the API.

#include <gtest/gtest.h>

#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

TEST(DirectoryApi, AdminsManageDepartmentsAndOthersMayOnlyRead) {
  test::ApiHarness harness;
  const auto admin = harness.AdminToken();
  auto qa = harness.CallJson("POST", "/api/v1/departments", admin,
                             {{"code", "QA"}, {"name", "品质保证部"}});
  ASSERT_EQ(qa.status, 201) << qa.raw;
  auto lab =
      harness.CallJson("POST", "/api/v1/departments", admin,
                       {{"code", "QA-LAB"}, {"name", "实验室"}, {"parent_id", qa.body["id"]}});
  ASSERT_EQ(lab.status, 201);
  EXPECT_EQ(
      harness.CallJson("POST", "/api/v1/departments", admin, {{"code", "QA"}, {"name", "重复"}})
          .status,
      409);
  EXPECT_EQ(
      harness.CallJson("POST", "/api/v1/departments", admin, {{"code", "x y"}, {"name", "空格"}})
          .status,
      422);
  auto renamed = harness.CallJson("PATCH", qa.Header("Location"), admin, {{"name", "品保部"}});
  EXPECT_EQ(renamed.body["name"], "品保部");
  EXPECT_EQ(harness.CallJson("PATCH", qa.Header("Location"), admin, {{"parent_id", qa.body["id"]}})
                .status,
            422);
  const auto agent = harness.TokenFor(harness.store.AddUser("a@example.com", domain::Role::kAgent));
  EXPECT_EQ(harness.Call("GET", "/api/v1/departments", agent).body["items"].size(), 2u);
  EXPECT_EQ(harness.Call("GET", lab.Header("Location"), agent).body["parent_id"], qa.body["id"]);
  EXPECT_EQ(
      harness.CallJson("POST", "/api/v1/departments", agent, {{"code", "X"}, {"name", "x"}}).status,
      403);
  EXPECT_EQ(harness.Call("GET", "/api/v1/departments/999", agent).status, 404);
}

TEST(DirectoryApi, AdminsManageUsersAndUsersManageThemselves) {
  test::ApiHarness harness;
  const auto admin = harness.AdminToken();
  auto sales = harness.CallJson("POST", "/api/v1/departments", admin,
                                {{"code", "SALES"}, {"name", "营业部"}});
  auto created = harness.CallJson("POST", "/api/v1/users", admin,
                                  {{"email", "Wang.Qiang@Example.com"},
                                   {"name", "王强"},
                                   {"role", "sales"},
                                   {"department_ids", {sales.body["id"]}},
                                   {"password", "sales-pass-1"},
                                   {"locale", "en"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["email"], "wang.qiang@example.com");
  EXPECT_FALSE(created.body.contains("password"));
  EXPECT_EQ(harness
                .CallJson("POST", "/api/v1/users", admin,
                          {{"email", "wang.qiang@example.com"}, {"name", "x"}, {"role", "qa"}})
                .status,
            409);
  EXPECT_EQ(harness
                .CallJson("POST", "/api/v1/users", admin,
                          {{"email", "c@example.com"}, {"name", "x"}, {"role", "customer"}})
                .status,
            422);
  EXPECT_EQ(
      harness
          .CallJson(
              "POST", "/api/v1/users", admin,
              {{"email", "d@example.com"}, {"name", "x"}, {"role", "qa"}, {"password", "short"}})
          .status,
      422);
  EXPECT_EQ(harness
                .CallJson("POST", "/api/v1/users", admin,
                          {{"email", "e@example.com"},
                           {"name", "x"},
                           {"role", "qa"},
                           {"department_ids", {999}}})
                .status,
            422);
  domain::User user;
  user.id = created.body["id"];
  const auto token = harness.TokenFor(user);
  const std::string self = created.Header("Location");
  EXPECT_EQ(harness.Call("GET", self, token).status, 200);
  EXPECT_EQ(harness.Call("GET", "/api/v1/users/1", token).status, 403);
  EXPECT_EQ(harness.Call("GET", "/api/v1/users", token).status, 403);
  EXPECT_EQ(harness.CallJson("PATCH", self, token, {{"name", "王强（华东）"}}).body["name"],
            "王强（华东）");
  EXPECT_EQ(harness.CallJson("PATCH", self, token, {{"role", "admin"}}).status, 403);
  // An English-speaking user gets English problems without sending Accept-Language.
  auto problem = harness.CallJson("PATCH", self, token, {{"name", ""}});
  EXPECT_EQ(problem.body["title"], "The request has invalid fields");
  EXPECT_EQ(harness.CallJson("PATCH", self, admin, {{"active", false}}).status, 200);
  EXPECT_EQ(harness.Call("GET", self, token).status, 401);
  auto listed = harness.Call("GET", "/api/v1/users?limit=1", admin);
  ASSERT_EQ(listed.body["items"].size(), 1u);
  auto next = harness.Call(
      "GET", "/api/v1/users?limit=1&cursor=" + listed.body["next_cursor"].get<std::string>(),
      admin);
  EXPECT_EQ(next.body["items"][0]["email"], "wang.qiang@example.com");
}

TEST(DirectoryApi, CategoriesFormATreeAndInactiveOnesCannotBeUsed) {
  test::ApiHarness harness;
  const auto admin = harness.AdminToken();
  auto function = harness.CallJson("POST", "/api/v1/categories", admin,
                                   {{"code", "FUNCTION"}, {"name", "功能故障"}});
  auto leak = harness.CallJson(
      "POST", "/api/v1/categories", admin,
      {{"code", "FUNCTION-LEAK"}, {"name", "漏水"}, {"parent_id", function.body["id"]}});
  ASSERT_EQ(leak.status, 201) << leak.raw;
  EXPECT_EQ(harness.Call("GET", "/api/v1/categories", admin).body["items"].size(), 2u);
  const json a_case = {{"subject", "漏水"},
                       {"category_id", leak.body["id"]},
                       {"customer", {{"name", "x"}, {"phone", "13000000002"}}}};
  EXPECT_EQ(harness.CallJson("POST", "/api/v1/cases", admin, a_case).status, 201);
  EXPECT_EQ(harness
                .CallJson("PATCH", "/api/v1/categories/" + leak.body["id"].dump(), admin,
                          {{"active", false}})
                .status,
            200);
  auto refused = harness.CallJson("POST", "/api/v1/cases", admin, a_case);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body["errors"][0]["field"], "category_id");
  const auto member =
      harness.TokenFor(harness.store.AddUser("m@example.com", domain::Role::kDepartmentMember));
  EXPECT_EQ(
      harness.CallJson("POST", "/api/v1/categories", member, {{"code", "X"}, {"name", "x"}}).status,
      403);
}

// A → B → C, then making A a child of C (or of B) would close a loop.
TEST(DirectoryApi, NoDepartmentOrCategoryMayBecomeItsOwnAncestor) {
  test::ApiHarness harness;
  const auto admin = harness.AdminToken();
  for (const std::string collection : {"/api/v1/departments", "/api/v1/categories"}) {
    auto a = harness.CallJson("POST", collection, admin, {{"code", "A"}, {"name", "总部"}});
    auto b = harness.CallJson("POST", collection, admin,
                              {{"code", "B"}, {"name", "分部"}, {"parent_id", a.body["id"]}});
    auto c = harness.CallJson("POST", collection, admin,
                              {{"code", "C"}, {"name", "小组"}, {"parent_id", b.body["id"]}});
    ASSERT_EQ(c.status, 201) << c.raw;
    for (const auto* descendant : {&b, &c}) {
      auto refused =
          harness.CallJson("PATCH", a.Header("Location"), admin,
                           {{"parent_id", descendant->body["id"]}}, {{"Accept-Language", "zh-CN"}});
      EXPECT_EQ(refused.status, 422) << collection;
      EXPECT_EQ(refused.body["errors"][0]["field"], "parent_id");
      EXPECT_EQ(refused.body["errors"][0]["message"], "不能以自身的下级为上级");
    }
    EXPECT_EQ(harness.Call("GET", a.Header("Location"), admin).body["parent_id"], nullptr);
    // Moving a branch elsewhere in the tree is fine: C under A directly,
    // then B under C; A under B would still close a loop.
    EXPECT_EQ(harness.CallJson("PATCH", c.Header("Location"), admin, {{"parent_id", a.body["id"]}})
                  .status,
              200);
    EXPECT_EQ(harness.CallJson("PATCH", b.Header("Location"), admin, {{"parent_id", c.body["id"]}})
                  .status,
              200);
    EXPECT_EQ(harness.CallJson("PATCH", a.Header("Location"), admin, {{"parent_id", b.body["id"]}})
                  .status,
              422);
  }
}

TEST(DirectoryApi, CustomersAreCreatedLookedUpAndChanged) {
  test::ApiHarness harness;
  const auto agent =
      harness.TokenFor(harness.store.AddUser("agent@example.com", domain::Role::kAgent));
  auto created = harness.CallJson("POST", "/api/v1/customers", agent,
                                  {{"name", "杭州西湖电器有限公司"},
                                   {"kind", "dealer"},
                                   {"phones", {"0571-8765 4321", "13905710000"}},
                                   {"email", "buyer@xihu.example.cn"},
                                   {"region", "浙江省杭州市"},
                                   {"segment", "key"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["phones"], json({"+8657187654321", "+8613905710000"}));
  auto by_phone = harness.Call("GET", "/api/v1/customers?phone=%2B86%20139%200571%200000", agent);
  ASSERT_EQ(by_phone.status, 200) << by_phone.raw;
  ASSERT_EQ(by_phone.body["items"].size(), 1u);
  EXPECT_EQ(harness.Call("GET", "/api/v1/customers?email=BUYER@xihu.example.cn", agent)
                .body["items"]
                .size(),
            1u);
  EXPECT_EQ(
      harness.Call("GET", "/api/v1/customers?q=%E8%A5%BF%E6%B9%96", agent).body["items"].size(),
      1u);  // 西湖
  EXPECT_EQ(harness.Call("GET", "/api/v1/customers?phone=123", agent).status, 422);
  EXPECT_EQ(harness.Call("GET", "/api/v1/customers?kind=alien", agent).status, 422);
  auto patched = harness.CallJson("PATCH", created.Header("Location"), agent, {{"segment", "vip"}});
  EXPECT_EQ(patched.body["segment"], "vip");
  auto taken = harness.CallJson("POST", "/api/v1/customers", agent,
                                {{"name", "冒用"}, {"phone", "13905710000"}});
  EXPECT_EQ(taken.status, 409);
  const auto member =
      harness.TokenFor(harness.store.AddUser("m@example.com", domain::Role::kDepartmentMember));
  EXPECT_EQ(harness.CallJson("POST", "/api/v1/customers", member, {{"name", "x"}}).status, 403);
  EXPECT_EQ(harness.Call("GET", "/api/v1/customers", member).status, 200);
}

}  // namespace
}  // namespace lt
