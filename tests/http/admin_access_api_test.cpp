// Who reads and changes the settings admins keep: a non-admin is refused a
// change before its body is read, and reads only what the console needs.

#include <gtest/gtest.h>

#include "support/api_harness.hpp"

namespace lt {
namespace {

class AdminAccessApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    department_ = harness_.store.AddDepartment("SALES", "营业部");
    sales_ = harness_.TokenFor(
        harness_.store.AddUser("sales@example.com", domain::Role::kSales, {department_.id}));
    manager_ = harness_.TokenFor(
        harness_.store.AddUser("boss@example.com", domain::Role::kManager, {department_.id}));
  }

  test::ApiHarness harness_;
  domain::Department department_;
  std::string sales_, manager_;
};

TEST_F(AdminAccessApiTest, ANonAdminIsRefusedAChangeBeforeItsBodyIsRead) {
  // Before: 422 naming the fields the route wants, which told a non-admin
  // what it accepts.
  const std::vector<std::pair<std::string, std::string>> changes = {
      {"PUT", "/api/v1/admin/workflow"},
      {"PUT", "/api/v1/admin/sla-policies"},
      {"PUT", "/api/v1/admin/authority-matrix"},
      {"POST", "/api/v1/admin/calendars"},
      {"PATCH", "/api/v1/admin/calendars/1"},
      {"PUT", "/api/v1/admin/calendars/1/years/2026"},
      {"PUT", "/api/v1/admin/letter-templates/quality/zh-CN"},
      {"DELETE", "/api/v1/admin/letter-templates/quality/zh-CN"},
      {"POST", "/api/v1/departments"},
      {"PATCH", "/api/v1/departments/" + std::to_string(department_.id)},
      {"POST", "/api/v1/users"},
      {"POST", "/api/v1/categories"},
      {"PATCH", "/api/v1/categories/1"}};
  for (const auto& [method, path] : changes) {
    for (const std::string& token : {sales_, manager_}) {
      auto refused = harness_.Call(method, path, token, R"({"nonsense": true})");
      EXPECT_EQ(refused.status, 403) << method << " " << path << " " << refused.raw;
      EXPECT_EQ(refused.body["code"], "error.forbidden") << method << " " << path;
    }
  }
  // An admin gets to the validation.
  EXPECT_EQ(
      harness_.Call("PUT", "/api/v1/admin/workflow", harness_.AdminToken(), R"({"nonsense": 1})")
          .status,
      422);
}

TEST_F(AdminAccessApiTest, StaffReadWhatTheConsoleNeedsAndManagersTheRest) {
  // The console names states and steps, counts deadlines on calendars and
  // previews letters: every staff member reads those.
  for (const char* path :
       {"/api/v1/admin/workflow", "/api/v1/admin/calendars", "/api/v1/admin/letter-templates"}) {
    EXPECT_EQ(harness_.Call("GET", path, sales_).status, 200) << path;
  }
  // What governs deadlines and money: admins and managers.
  for (const char* path : {"/api/v1/admin/sla-policies", "/api/v1/admin/authority-matrix"}) {
    EXPECT_EQ(harness_.Call("GET", path, sales_).status, 403) << path;
    EXPECT_EQ(harness_.Call("GET", path, manager_).status, 200) << path;
    EXPECT_EQ(harness_.Call("GET", path, harness_.AdminToken()).status, 200) << path;
  }
  // A portal customer reads none of it.
  auto filed = harness_.CallJson(
      "POST", "/api/v1/cases", harness_.AdminToken(),
      {{"subject", "热水器漏水"}, {"customer", {{"name", "周琳"}, {"phone", "13600001111"}}}});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  const auto customer =
      harness_.TokenFor(harness_.store.AddUser("portal@example.com", domain::Role::kCustomer, {},
                                               filed.body["customer_id"].get<domain::Id>()));
  EXPECT_EQ(harness_.Call("GET", "/api/v1/admin/workflow", customer).status, 403);
}

}  // namespace
}  // namespace lt
