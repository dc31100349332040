// Saved queue views: a staff member keeps their own, shares one with a
// department whose members then find it, and only the owner (or an
// administrator) changes or removes it. Wrong input is refused field by field.

#include <gtest/gtest.h>

#include <set>

#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

class SavedViewsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sales_department_ = harness_.store.AddDepartment("SALES", "营业部");
    qa_department_ = harness_.store.AddDepartment("QA", "品质保证部");
    li_ = harness_.TokenFor(
        harness_.store.AddUser("li@example.com", domain::Role::kSales, {sales_department_.id}));
    wang_ = harness_.TokenFor(
        harness_.store.AddUser("wang@example.com", domain::Role::kSales, {sales_department_.id}));
    chen_ = harness_.TokenFor(
        harness_.store.AddUser("chen@example.com", domain::Role::kQa, {qa_department_.id}));
  }

  json Views(const std::string& token) {
    auto listed = harness_.Call("GET", "/api/v1/views", token);
    EXPECT_EQ(listed.status, 200) << listed.raw;
    return listed.body["items"];
  }

  test::ApiHarness harness_;
  domain::Department sales_department_, qa_department_;
  std::string li_, wang_, chen_;
};

TEST_F(SavedViewsApiTest, AViewIsKeptForItsOwnerAndSharedWithTheirDepartment) {
  auto mine = harness_.CallJson(
      "POST", "/api/v1/views", li_,
      {{"name", "我的紧急投诉"}, {"queue", "mine"}, {"query", "urgency=urgent&type=complaint"}});
  ASSERT_EQ(mine.status, 201) << mine.raw;
  EXPECT_EQ(mine.body["name"], "我的紧急投诉");
  EXPECT_EQ(mine.body["queue"], "mine");
  EXPECT_EQ(mine.body["query"], "urgency=urgent&type=complaint");
  EXPECT_TRUE(mine.body["department_id"].is_null());
  EXPECT_EQ(mine.body["mine"], true);
  auto shared = harness_.CallJson("POST", "/api/v1/views", li_,
                                  {{"name", "漏水（本部门）"},
                                   {"queue", "department"},
                                   {"query", "q=%E6%BC%8F%E6%B0%B4&sort=-received_at"},
                                   {"department_id", sales_department_.id}});
  ASSERT_EQ(shared.status, 201) << shared.raw;

  // The owner lists both, by name; a colleague of the department the shared
  // one only, not theirs to change; QA neither.
  EXPECT_EQ(Views(li_).size(), 2u);
  const json colleague = Views(wang_);
  ASSERT_EQ(colleague.size(), 1u);
  EXPECT_EQ(colleague[0]["name"], "漏水（本部门）");
  EXPECT_EQ(colleague[0]["mine"], false);
  EXPECT_TRUE(Views(chen_).empty());
  const std::string shared_path = "/api/v1/views/" + std::to_string(shared.body["id"].get<int>());
  const std::string mine_path = "/api/v1/views/" + std::to_string(mine.body["id"].get<int>());
  json change = {{"name", "改名"}, {"queue", "all"}, {"query", ""}};
  EXPECT_EQ(harness_.CallJson("PUT", shared_path, wang_, change).status, 403);
  EXPECT_EQ(harness_.Call("DELETE", shared_path, wang_).status, 403);
  EXPECT_EQ(harness_.CallJson("PUT", mine_path, wang_, change).status, 404);
  EXPECT_EQ(harness_.Call("DELETE", mine_path, chen_).status, 404);

  // The owner renames and stops sharing; an administrator may remove it.
  auto renamed = harness_.CallJson("PUT", shared_path, li_,
                                   {{"name", "漏水"}, {"queue", "all"}, {"query", "q=x"}});
  ASSERT_EQ(renamed.status, 200) << renamed.raw;
  EXPECT_EQ(renamed.body["queue"], "all");
  EXPECT_TRUE(renamed.body["department_id"].is_null());
  EXPECT_TRUE(Views(wang_).empty());
  EXPECT_EQ(harness_.Call("DELETE", mine_path, harness_.AdminToken()).status, 404)
      << "an administrator sees only their own and their departments' views";
  EXPECT_EQ(harness_.Call("DELETE", mine_path, li_).status, 204);
  EXPECT_EQ(Views(li_).size(), 1u);
}

TEST_F(SavedViewsApiTest, WrongViewsAreRefusedFieldByFieldAndNamesAreTheOwnersOwn) {
  auto wrong = harness_.CallJson("POST", "/api/v1/views", li_,
                                 {{"name", "  "},
                                  {"queue", "someday"},
                                  {"query", "status=received&password=x"},
                                  {"department_id", qa_department_.id}});
  ASSERT_EQ(wrong.status, 422) << wrong.raw;
  std::set<std::string> fields;
  for (const auto& error : wrong.body["errors"]) fields.insert(error["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "queue", "query", "department_id"}));
  auto repeated = harness_.CallJson("POST", "/api/v1/views", li_,
                                    {{"name", "x"}, {"queue", "all"}, {"query", "q=a&q=b"}});
  EXPECT_EQ(repeated.status, 422);
  auto unknown = harness_.CallJson("POST", "/api/v1/views", li_,
                                   {{"name", "x"}, {"queue", "all"}, {"colour", "red"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(Views(li_).empty()) << "nothing half-written";

  json view = {{"name", "待回复"}, {"queue", "mine"}, {"query", "status=replying"}};
  ASSERT_EQ(harness_.CallJson("POST", "/api/v1/views", li_, view).status, 201);
  auto twice = harness_.CallJson("POST", "/api/v1/views", li_, view);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.body["code"], "error.view_name_taken");
  EXPECT_EQ(harness_.CallJson("POST", "/api/v1/views", wang_, view).status, 201)
      << "another person may use the same name";
}

TEST_F(SavedViewsApiTest, PortalUsersHaveNoViews) {
  auto filed = harness_.CallJson(
      "POST", "/api/v1/cases", harness_.AdminToken(),
      {{"subject", "热水器漏水"}, {"customer", {{"name", "周琳"}, {"phone", "13600001111"}}}});
  ASSERT_EQ(filed.status, 201) << filed.raw;
  const auto portal =
      harness_.TokenFor(harness_.store.AddUser("portal@example.com", domain::Role::kCustomer, {},
                                               filed.body["customer_id"].get<domain::Id>()));
  EXPECT_EQ(harness_.Call("GET", "/api/v1/views", portal).status, 403);
  EXPECT_EQ(
      harness_.CallJson("POST", "/api/v1/views", portal, {{"name", "x"}, {"queue", "all"}}).status,
      403);
}

}  // namespace
}  // namespace lt
