// The mailboxes Lingting fetches, through the API: only admins keep them,
// the password is never read back and is kept when not given again, every
// wrong field is refused by name, a name is used once, and a test against
// a port where nothing listens says so. (Fetching itself, on a real Dovecot:
// tests/functional/mailbox_fetch_test.cpp.)

#include <gtest/gtest.h>

#include "support/api_harness.hpp"

namespace lt {
namespace {

using nlohmann::json;

class MailboxesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    department_ = harness_.store.AddDepartment("SERVICE", "客服中心");
    sales_ = harness_.TokenFor(
        harness_.store.AddUser("li@example.com", domain::Role::kSales, {department_.id}));
  }
  json Settings() const {
    return {{"name", "service"},
            {"host", "imap.example.com"},
            {"port", 993},
            {"security", "tls"},
            {"username", "service"},
            {"password", "s3cret 密码"},
            {"department_id", department_.id},
            {"language", "en"}};
  }

  test::ApiHarness harness_;
  domain::Department department_;
  std::string sales_;
};

TEST_F(MailboxesApiTest, AdminsKeepMailboxesAndThePasswordIsNeverReadBack) {
  const std::string admin = harness_.AdminToken();
  EXPECT_EQ(harness_.Call("GET", "/api/v1/admin/mailboxes", sales_).status, 403);
  EXPECT_EQ(harness_.CallJson("POST", "/api/v1/admin/mailboxes", sales_, Settings()).status, 403);
  auto created = harness_.CallJson("POST", "/api/v1/admin/mailboxes", admin, Settings());
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["password_set"], true);
  EXPECT_EQ(created.raw.find("s3cret"), std::string::npos);
  EXPECT_EQ(created.body["folder"], "INBOX");
  EXPECT_EQ(created.body["last_uid"], 0);
  EXPECT_EQ(created.body["active"], true);
  const std::string path = created.Header("Location");

  json changed = Settings();
  changed.erase("password");
  changed["folder"] = "客户投诉";
  changed["active"] = false;
  auto updated = harness_.CallJson("PUT", path, admin, changed);
  ASSERT_EQ(updated.status, 200) << updated.raw;
  EXPECT_EQ(updated.body["password_set"], true);
  EXPECT_EQ(updated.body["folder"], "客户投诉");
  EXPECT_EQ(updated.body["active"], false);

  // One name, one mailbox.
  EXPECT_EQ(harness_.CallJson("POST", "/api/v1/admin/mailboxes", admin, Settings()).status, 409);

  // Nothing listens on port 1: the test says so, without saving anything.
  json closed = Settings();
  closed["host"] = "127.0.0.1";
  closed["port"] = 1;
  closed["security"] = "none";
  const auto tested = harness_.CallJson("POST", "/api/v1/admin/mailboxes/test", admin, closed);
  ASSERT_EQ(tested.status, 200) << tested.raw;
  EXPECT_EQ(tested.body["ok"], false);
  EXPECT_NE(tested.body["answer"].get<std::string>().find("cannot connect"), std::string::npos)
      << tested.raw;

  EXPECT_EQ(harness_.Call("DELETE", path, admin).status, 204);
  EXPECT_EQ(harness_.Call("DELETE", path, admin).status, 404);
  EXPECT_TRUE(harness_.Call("GET", "/api/v1/admin/mailboxes", admin).body["items"].empty());
}

TEST_F(MailboxesApiTest, WrongSettingsAreRefusedByField) {
  const std::string admin = harness_.AdminToken();
  struct Bad {
    json change;
    std::string field;
  };
  for (const Bad& bad :
       {Bad{{{"name", "客服邮箱"}}, "name"}, Bad{{{"name", ""}}, "name"},
        Bad{{{"host", "imap example com"}}, "host"}, Bad{{{"port", 0}}, "port"},
        Bad{{{"security", "ssl2"}}, "security"}, Bad{{{"username", ""}}, "username"},
        Bad{{{"folder", ""}}, "folder"}, Bad{{{"language", "fr"}}, "language"},
        Bad{{{"department_id", 999999}}, "department_id"},
        Bad{{{"ca_file", "/no/such.pem"}}, "ca_file"},
        Bad{{{"timeout_seconds", 301}}, "timeout_seconds"}, Bad{{{"poll", 5}}, "poll"}}) {
    json body = Settings();
    for (const auto& [key, value] : bad.change.items()) body[key] = value;
    const auto refused = harness_.CallJson("POST", "/api/v1/admin/mailboxes", admin, body);
    ASSERT_EQ(refused.status, 422) << body.dump() << refused.raw;
    EXPECT_EQ(refused.body["errors"][0]["field"], bad.field) << refused.raw;
  }
  EXPECT_TRUE(harness_.Call("GET", "/api/v1/admin/mailboxes", admin).body["items"].empty());
}

}  // namespace
}  // namespace lt
