// Every kind of bad input gets a clear problem+json naming the field, and
// leaves nothing half-written.

#include <gtest/gtest.h>

#include "base/crypto.hpp"
#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    token_ = harness_.AdminToken();
    auto created = harness_.CallJson(
        "POST", "/api/v1/cases", token_,
        {{"subject", "基准案件"}, {"customer", {{"name", "基准"}, {"phone", "13000000000"}}}});
    ASSERT_EQ(created.status, 201);
    case_path_ = created.Header("Location");
  }

  // The problem's field paths, in order.
  static std::vector<std::string> Fields(const test::ApiResult& result) {
    std::vector<std::string> fields;
    for (const auto& error : result.body["errors"]) fields.push_back(error["field"]);
    return fields;
  }

  int CaseCount() {
    return static_cast<int>(
        harness_.Call("GET", "/api/v1/cases?limit=200", token_).body["items"].size());
  }

  test::ApiHarness harness_;
  std::string token_;
  std::string case_path_;
};

TEST_F(BadInputTest, MalformedJsonIsRefusedWithItsPosition) {
  auto result = harness_.Call("POST", "/api/v1/cases", token_, R"({"subject": "漏水", )");
  EXPECT_EQ(result.status, 422);
  EXPECT_EQ(result.body["code"], "error.malformed_json");
  EXPECT_EQ(harness_.Call("POST", "/api/v1/cases", token_, "[1,2]").body["code"],
            "error.body_not_object");
  EXPECT_EQ(CaseCount(), 1);
}

TEST_F(BadInputTest, NumbersBeyondADoublesRangeAre422NamingTheField) {
  // Before: 500 and a stack-like error in the log, even without logging in.
  auto login = harness_.Call("POST", "/api/v1/session", "",
                             R"({"email": "a@example.com", "password": 1e999999})");
  ASSERT_EQ(login.status, 422) << login.raw;
  EXPECT_EQ(Fields(login), std::vector<std::string>{"password"});
  EXPECT_EQ(login.body["errors"][0]["code"], "validation.number_range");
  auto nested =
      harness_.Call("POST", "/api/v1/cases", token_,
                    R"({"subject": "x", "customer": {"name": "y", "phones": ["1", -1e400]}})");
  ASSERT_EQ(nested.status, 422) << nested.raw;
  EXPECT_EQ(Fields(nested), std::vector<std::string>{"customer.phones[1]"});
  auto in_objects = harness_.Call("POST", "/api/v1/cases", token_,
                                  R"({"a": [{"b": 1}, {"c": [0, 0, 1E+99999]}]})");
  ASSERT_EQ(in_objects.status, 422) << in_objects.raw;
  EXPECT_EQ(Fields(in_objects), std::vector<std::string>{"a[1].c[2]"});
  auto top = harness_.Call("PATCH", case_path_, token_, R"({"version": 1e500})");
  EXPECT_EQ(top.status, 422) << top.raw;
  EXPECT_EQ(Fields(top), std::vector<std::string>{"version"});
  // Numbers that fit are read as before; a tiny one is zero, not an error.
  auto tiny = harness_.Call("POST", "/api/v1/cases", token_, R"({"subject": 1e-400})");
  ASSERT_EQ(Fields(tiny), std::vector<std::string>{"subject"});
  EXPECT_NE(tiny.body["errors"][0]["code"], "validation.number_range");
  EXPECT_EQ(CaseCount(), 1);
}

TEST_F(BadInputTest, InvalidUtf8IsRefused) {
  auto result =
      harness_.Call("POST", "/api/v1/cases", token_, "{\"subject\": \"\xB2\xFA\xC6\xB7\"}");
  EXPECT_EQ(result.status, 422);
  EXPECT_EQ(result.body["code"], "error.invalid_utf8");
}

TEST_F(BadInputTest, WrongTypesUnknownFieldsAndUnknownEnumValuesAreAllReported) {
  auto result =
      harness_.CallJson("POST", "/api/v1/cases", token_,
                        {{"subject", 42},
                         {"urgency", "very"},
                         {"channel", "pigeon"},
                         {"department_id", "QA"},
                         {"colour", "red"},
                         {"customer", {{"name", "x"}, {"phone", "12"}, {"shoe_size", 42}}}});
  ASSERT_EQ(result.status, 422);
  const auto fields = Fields(result);
  for (const char* expected :
       {"subject", "urgency", "channel", "department_id", "colour", "customer.shoe_size"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end())
        << expected << " in " << result.raw;
  }
  for (const auto& error : result.body["errors"]) {
    const std::string field = error["field"];
    const std::string code = error["code"];
    if (field == "urgency") {
      EXPECT_EQ(code, "validation.enum");
    } else if (field == "subject") {
      EXPECT_EQ(code, "validation.type_string");
    } else if (field == "colour") {
      EXPECT_EQ(code, "validation.unknown_field");
    }
  }
  EXPECT_EQ(CaseCount(), 1);
}

TEST_F(BadInputTest, MissingRequiredFieldsAreNamed) {
  auto result = harness_.CallJson("POST", "/api/v1/cases", token_, json::object());
  ASSERT_EQ(result.status, 422);
  EXPECT_EQ(Fields(result), (std::vector<std::string>{"subject", "customer"}));
  auto user = harness_.CallJson("POST", "/api/v1/users", token_, {{"name", "x"}});
  EXPECT_EQ(Fields(user), (std::vector<std::string>{"email", "role"}));
}

TEST_F(BadInputTest, OversizeBodiesGet413) {
  harness_.services.options.max_body_bytes = 4096;
  auto result = harness_.Call("POST", "/api/v1/cases", token_, std::string(5000, ' '));
  EXPECT_EQ(result.status, 413);
  EXPECT_EQ(result.body["status"], 413);
}

TEST_F(BadInputTest, AttachmentsThatAreTooLargeDisallowedOrTrickyAreRefused) {
  auto result =
      harness_.CallJson("POST", case_path_ + "/interactions", token_,
                        {{"body", "附件"},
                         {"attachments",
                          {{{"filename", "../../../etc/cron.d/x"},
                            {"content_type", "text/plain"},
                            {"content_base64", EncodeBase64("x")}},
                           {{"filename", "run.sh"},
                            {"content_type", "application/x-sh"},
                            {"content_base64", EncodeBase64("#!")}},
                           {{"filename", "big.txt"},
                            {"content_type", "text/plain"},
                            {"content_base64", EncodeBase64(std::string(2 << 20, 'a'))}}}}});
  ASSERT_EQ(result.status, 422) << result.raw;
  EXPECT_EQ(Fields(result),
            (std::vector<std::string>{"attachments[0].filename", "attachments[1].content_type",
                                      "attachments[2].content"}));
  auto not_base64 = harness_.CallJson("POST", case_path_ + "/interactions", token_,
                                      {{"body", "附件"},
                                       {"attachments",
                                        {{{"filename", "a.txt"},
                                          {"content_type", "text/plain"},
                                          {"content_base64", "%%%not base64"}}}}});
  EXPECT_EQ(Fields(not_base64), (std::vector<std::string>{"attachments[0].content_base64"}));
  // Invisible and direction-changing characters (Unicode Cf) would make a
  // name display as another: "\u202Egnp.exe" shows as "exe.png".
  const std::string png("\x89PNG\r\n\x1a\n", 8);
  auto disguised = harness_.CallJson("POST", case_path_ + "/interactions", token_,
                                     {{"body", "附件"},
                                      {"attachments",
                                       {{{"filename", "\u202Egnp.exe"},
                                         {"content_type", "image/png"},
                                         {"content_base64", EncodeBase64(png)}},
                                        {{"filename", "照片\u200B.png"},
                                         {"content_type", "image/png"},
                                         {"content_base64", EncodeBase64(png)}}}}});
  ASSERT_EQ(disguised.status, 422) << disguised.raw;
  EXPECT_EQ(Fields(disguised),
            (std::vector<std::string>{"attachments[0].filename", "attachments[1].filename"}));
  EXPECT_EQ(harness_.Call("GET", case_path_ + "/interactions", token_).body["items"].size(), 0u);
  // Subjects and bodies keep them: the console isolates them when it shows them.
  auto kept = harness_.CallJson("POST", case_path_ + "/interactions", token_,
                                {{"body", "客户写道：\u202E反向文字"},
                                 {"attachments",
                                  {{{"filename", "照片.png"},
                                    {"content_type", "image/png"},
                                    {"content_base64", EncodeBase64(png)}}}}});
  ASSERT_EQ(kept.status, 201) << kept.raw;
  EXPECT_EQ(kept.body["body"], "客户写道：\u202E反向文字");
}

TEST_F(BadInputTest, AbsurdPageSizesBadCursorsAndUnknownParametersAreRefused) {
  for (const char* query : {"limit=0", "limit=100000", "limit=-5", "limit=ten"}) {
    auto result = harness_.Call("GET", std::string("/api/v1/cases?") + query, token_);
    EXPECT_EQ(result.status, 422) << query;
    EXPECT_EQ(Fields(result), (std::vector<std::string>{"limit"})) << query;
  }
  EXPECT_EQ(Fields(harness_.Call("GET", "/api/v1/cases?cursor=garbage", token_)),
            (std::vector<std::string>{"cursor"}));
  EXPECT_EQ(Fields(harness_.Call("GET", "/api/v1/cases?stauts=received", token_)),
            (std::vector<std::string>{"stauts"}));
  EXPECT_EQ(Fields(harness_.Call("GET", "/api/v1/cases?status=lost", token_)),
            (std::vector<std::string>{"status"}));
  EXPECT_EQ(Fields(harness_.Call("GET", "/api/v1/cases?sort=colour", token_)),
            (std::vector<std::string>{"sort"}));
  EXPECT_EQ(Fields(harness_.Call("GET", "/api/v1/cases?received_from=yesterday", token_)),
            (std::vector<std::string>{"received_from"}));
  EXPECT_EQ(Fields(harness_.Call("GET", "/api/v1/cases?department=abc", token_)),
            (std::vector<std::string>{"department"}));
}

TEST_F(BadInputTest, ACursorIsBoundToItsSortOrder) {
  for (int i = 0; i < 3; ++i) {
    harness_.CallJson("POST", "/api/v1/cases", token_,
                      {{"subject", "案件"},
                       {"customer", {{"name", "x"}, {"phone", "1310000000" + std::to_string(i)}}}});
  }
  auto page = harness_.Call("GET", "/api/v1/cases?limit=1&sort=received_at", token_);
  const std::string cursor = page.body["next_cursor"];
  EXPECT_EQ(harness_.Call("GET", "/api/v1/cases?limit=1&sort=received_at&cursor=" + cursor, token_)
                .status,
            200);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/cases?limit=1&sort=-updated_at&cursor=" + cursor, token_)
                .status,
            422);
}

TEST_F(BadInputTest, WrongContentTypeIs415) {
  auto result = harness_.Call("POST", "/api/v1/cases", token_, "subject=x",
                              {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(result.status, 415);
}

TEST_F(BadInputTest, UnknownRoutesMethodsAndIdsAreClear) {
  EXPECT_EQ(harness_.Call("GET", "/api/v1/nothing", token_).status, 404);
  auto wrong_method = harness_.Call("DELETE", "/api/v1/cases", token_);
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.Header("Allow"), "POST, GET");
  EXPECT_EQ(wrong_method.body["type"], "https://lingting.dev/problems/method-not-allowed");
  EXPECT_EQ(wrong_method.body["status"], 405);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/cases/abc", token_).status, 404);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/cases/99999999999999999999", token_).status, 404);
  EXPECT_EQ(harness_.Call("GET", "/api/v1/cases/-1", token_).status, 404);
}

TEST_F(BadInputTest, FutureReceiptTimesAndBadTimestampsAreRefused) {
  auto result = harness_.CallJson("POST", "/api/v1/cases", token_,
                                  {{"subject", "x"},
                                   {"received_at", "2030-01-01T00:00:00Z"},
                                   {"customer", {{"name", "x"}, {"phone", "13000000009"}}}});
  EXPECT_EQ(Fields(result), (std::vector<std::string>{"received_at"}));
  auto malformed = harness_.CallJson("POST", "/api/v1/cases", token_,
                                     {{"subject", "x"},
                                      {"received_at", "last tuesday"},
                                      {"customer", {{"name", "x"}, {"phone", "13000000009"}}}});
  EXPECT_EQ(Fields(malformed), (std::vector<std::string>{"received_at"}));
}

TEST_F(BadInputTest, OverlongTextAndControlCharactersAreRefused) {
  auto result = harness_.CallJson("POST", "/api/v1/cases", token_,
                                  {{"subject", std::string(301, 'a')},
                                   {"description", std::string("bell\a")},
                                   {"customer", {{"name", "x"}, {"phone", "13000000009"}}}});
  EXPECT_EQ(Fields(result), (std::vector<std::string>{"subject", "description"}));
}

}  // namespace
}  // namespace lt
