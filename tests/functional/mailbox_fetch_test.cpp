// E-mail in over IMAP, on real servers: mail handed by a real client (swaks)
// to a real Postfix, delivered over LMTP into a real Dovecot, and fetched by
// the lingting binary from a mailbox an administrator set up through the
// API. Every message lands once; one that arrives while Lingting waits wakes
// it at once (IDLE); a node killed half-way through a large mailbox resumes
// where it was after the restart, missing and doubling nothing; a mailbox
// renumbered by its server (new UIDVALIDITY) is read again without a
// message stored twice; a message the store refuses holds the place, and
// the messages after it wait for it; a wrong password is shown on the
// mailbox.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "support/http_client.hpp"
#include "support/imap_server.hpp"
#include "support/process.hpp"
#include "support/smtp_server.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class MailboxFetchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = test::TestStoreUrl(directory_.path());
    std::ofstream(directory_.path() / "lingting.toml")
        << "[jobs]\nlease_seconds = 3\npoll_ms = 200\n";
    StartServer();
    session_ = test::LoginAsDemoAdmin(server_->port());
    ASSERT_FALSE(session_.cookie.empty());
  }

  void StartServer() {
    server_ = std::make_unique<test::ServerProcess>(
        directory_.path(), std::vector<std::string>{"--db", url_, "--config", "lingting.toml",
                                                    "--demo", "--demo-cases", "2"});
    ASSERT_TRUE(server_->running());
  }

  test::HttpReply Call(const std::string& method, const std::string& path,
                       const json& body = nullptr) {
    return test::HttpCall(server_->port(), method, path, body.is_null() ? "" : body.dump(),
                          session_.Headers(method != "GET"));
  }

  json MailboxSettings(const std::string& password = "secret") const {
    return {{"name", "service"},
            {"host", "127.0.0.1"},
            {"port", imap_.port()},
            {"security", "starttls"},
            {"ca_file", imap_.ca_file().string()},
            {"username", "service@mailbox.lingting.test"},
            {"password", password},
            {"language", "zh-CN"}};
  }

  std::int64_t AddMailbox(const json& settings) {
    const auto created = Call("POST", "/api/v1/admin/mailboxes", settings);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.status == 201 ? json::parse(created.body)["id"].get<std::int64_t>() : 0;
  }

  json Mailbox(std::int64_t id) {
    const auto listed = Call("GET", "/api/v1/admin/mailboxes");
    const json page = json::parse(listed.body);
    for (const auto& item : page["items"]) {
      if (item["id"] == id) return item;
    }
    return nullptr;
  }

  // Waits until the IMAP server holds `messages` messages in the mailbox.
  void WaitUntilTheServerHolds(int messages) {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    for (;;) {
      const auto tested = Call("POST", "/api/v1/admin/mailboxes/test", MailboxSettings());
      if (json::parse(tested.body)["messages"] == messages) return;
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << tested.body;
      std::this_thread::sleep_for(200ms);
    }
  }

  // Waits until the mailbox shows an error; the mailbox as it is then.
  json WaitForError(std::int64_t id, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    json mailbox;
    do {
      std::this_thread::sleep_for(200ms);
      mailbox = Mailbox(id);
    } while (mailbox["last_error"] == "" && std::chrono::steady_clock::now() < deadline);
    return mailbox;
  }

  // Waits until the mailbox has stored the message of UID `uid`.
  json WaitForUid(std::int64_t id, std::int64_t uid, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      json mailbox = Mailbox(id);
      if ((!mailbox.is_null() && mailbox["last_uid"].get<std::int64_t>() >= uid) ||
          std::chrono::steady_clock::now() > deadline) {
        return mailbox;
      }
      std::this_thread::sleep_for(100ms);
    }
  }

  static std::string Message(int n, const std::string& subject) {
    return "From: =?UTF-8?B?5a6i5oi3?= <customer" + std::to_string(n) +
           "@example.com>\r\nTo: service@mailbox.lingting.test\r\nSubject: " + subject + " " +
           std::to_string(n) + "\r\nMessage-ID: <fetch-" + std::to_string(n) +
           "@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n空调外机噪音很大，第 " +
           std::to_string(n) + " 封。\r\n";
  }

  // The cases whose subject holds `word`.
  std::size_t CasesAbout(const std::string& word) {
    const auto found = Call("GET", "/api/v1/cases?limit=200&q=" + word);
    EXPECT_EQ(found.status, 200) << found.body;
    return json::parse(found.body)["items"].size();
  }

  // Runs `sql` on the server's store, beside the server.
  void ExecuteOnStore(const std::string& sql) {
    auto database = test::OpenTestDatabase(directory_.path());
    ASSERT_TRUE(database.ok()) << database.error().detail;
    const Status done =
        database.value()->Write([&](storage::Connection& c) { return c.ExecuteScript(sql); });
    ASSERT_TRUE(done.ok()) << done.error().detail;
  }

  test::TempDir directory_;
  test::ImapServer imap_;
  test::SmtpServer smtp_{imap_.directory()};
  std::string url_;
  std::unique_ptr<test::ServerProcess> server_;
  test::WebSession session_;
};

TEST_F(MailboxFetchTest, MailIsFetchedOnceAndNewMailWakesTheFetcherAtOnce) {
  for (int n = 1; n <= 3; ++n)
    smtp_.Send("service@mailbox.lingting.test", Message(n, "fetchfirst"));
  const auto tested = Call("POST", "/api/v1/admin/mailboxes/test", MailboxSettings());
  ASSERT_EQ(tested.status, 200) << tested.body;
  EXPECT_EQ(json::parse(tested.body)["ok"], true) << tested.body;
  EXPECT_EQ(json::parse(tested.body)["idle"], true) << tested.body;

  const std::int64_t id = AddMailbox(MailboxSettings());
  json mailbox = WaitForUid(id, 3, 20s);
  ASSERT_EQ(mailbox["last_uid"], 3) << mailbox.dump();
  EXPECT_NE(mailbox["uid_validity"], 0);
  EXPECT_EQ(mailbox["last_error"], "");
  EXPECT_EQ(mailbox.contains("password"), false);
  EXPECT_EQ(CasesAbout("fetchfirst"), 3u);

  // While the fetcher waits in IDLE, a new message is fetched within
  // moments, not at the next look (30 s away).
  std::this_thread::sleep_for(1s);
  const auto sent_at = std::chrono::steady_clock::now();
  smtp_.Send("service@mailbox.lingting.test", Message(4, "fetchfirst"));
  mailbox = WaitForUid(id, 4, 10s);
  ASSERT_EQ(mailbox["last_uid"], 4) << mailbox.dump();
  EXPECT_LT(std::chrono::steady_clock::now() - sent_at, 8s);
  EXPECT_EQ(CasesAbout("fetchfirst"), 4u);

  // The server renumbers the folder: everything is read again, and nothing
  // is stored twice.
  const json numbered_as = mailbox["uid_validity"];
  imap_.Stop();
  imap_.RenumberInbox("service");
  imap_.Start();
  smtp_.Send("service@mailbox.lingting.test", Message(5, "fetchfirst"));
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (CasesAbout("fetchfirst") < 5 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(CasesAbout("fetchfirst"), 5u);
  mailbox = WaitForUid(id, 5, 10s);
  EXPECT_NE(mailbox["uid_validity"], numbered_as) << mailbox.dump();
  EXPECT_EQ(mailbox["last_uid"], 5) << mailbox.dump();
}

TEST_F(MailboxFetchTest, ANodeKilledHalfWayResumesWhereItWasAndStoresEachMessageOnce) {
  constexpr int kMessages = 60;
  for (int n = 1; n <= kMessages; ++n) {
    smtp_.Send("service@mailbox.lingting.test", Message(n, "fetchrestart"));
  }
  // Every message is in the mailbox before fetching starts.
  WaitUntilTheServerHolds(kMessages);
  const std::int64_t id = AddMailbox(MailboxSettings());
  WaitForUid(id, 5, 30s);
  server_->Kill();
  StartServer();
  const json mailbox = WaitForUid(id, kMessages, 60s);
  ASSERT_EQ(mailbox["last_uid"], kMessages) << mailbox.dump();
  EXPECT_EQ(CasesAbout("fetchrestart"), static_cast<std::size_t>(kMessages));
}

TEST_F(MailboxFetchTest, AMessageTheStoreRefusesHoldsThePlaceAndTheMessagesAfterItWait) {
  ExecuteOnStore(
      test::UsingPostgres()
          ? "CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'refused by the test'; END $$; "
            "CREATE TRIGGER refuse_for_test BEFORE INSERT ON mail_messages FOR EACH ROW "
            "WHEN (NEW.subject = 'fetchrefused 2') EXECUTE FUNCTION refuse_for_test();"
          : "CREATE TRIGGER refuse_for_test BEFORE INSERT ON mail_messages "
            "WHEN NEW.subject = 'fetchrefused 2' BEGIN SELECT RAISE(ABORT, 'refused by the test'); "
            "END;");
  for (int n = 1; n <= 3; ++n)
    smtp_.Send("service@mailbox.lingting.test", Message(n, "fetchrefused"));
  WaitUntilTheServerHolds(3);
  const std::int64_t id = AddMailbox(MailboxSettings());
  json mailbox = WaitForError(id, 20s);
  EXPECT_NE(mailbox["last_error"].get<std::string>().find("refused by the test"), std::string::npos)
      << mailbox.dump();
  // Tried again every second, the refused message keeps the place before
  // it, and the one after it is not stored ahead of it.
  std::this_thread::sleep_for(2s);
  mailbox = Mailbox(id);
  EXPECT_EQ(mailbox["last_uid"], 1) << mailbox.dump();
  EXPECT_EQ(CasesAbout("fetchrefused"), 1u);

  ExecuteOnStore("DROP TRIGGER refuse_for_test" +
                 std::string(test::UsingPostgres() ? " ON mail_messages" : ""));
  mailbox = WaitForUid(id, 3, 20s);
  EXPECT_EQ(mailbox["last_uid"], 3) << mailbox.dump();
  EXPECT_EQ(mailbox["last_error"], "") << mailbox.dump();
  EXPECT_EQ(CasesAbout("fetchrefused"), 3u);
}

TEST_F(MailboxFetchTest, AWrongPasswordIsShownOnTheMailboxAndTheTest) {
  const auto tested = Call("POST", "/api/v1/admin/mailboxes/test", MailboxSettings("wrong"));
  ASSERT_EQ(tested.status, 200) << tested.body;
  EXPECT_EQ(json::parse(tested.body)["ok"], false);
  EXPECT_NE(json::parse(tested.body)["answer"].get<std::string>().find("login refused"),
            std::string::npos)
      << tested.body;
  const std::int64_t id = AddMailbox(MailboxSettings("wrong"));
  const json mailbox = WaitForError(id, 20s);
  EXPECT_NE(mailbox["last_error"].get<std::string>().find("login refused"), std::string::npos)
      << mailbox.dump();
  // An untrusted certificate is refused too.
  json untrusted = MailboxSettings();
  untrusted.erase("ca_file");
  const auto refused = Call("POST", "/api/v1/admin/mailboxes/test", untrusted);
  EXPECT_EQ(json::parse(refused.body)["ok"], false);
  EXPECT_NE(json::parse(refused.body)["answer"].get<std::string>().find("not trusted"),
            std::string::npos)
      << refused.body;
}

}  // namespace
}  // namespace lt
