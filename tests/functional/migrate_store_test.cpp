// lingting migrate-store: a SQLite installation, attachments included (alone
// in files and many in a pack), moved into PostgreSQL and served from there
// with nothing lost. Runs in the PostgreSQL pass of the suite.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <array>
#include <fstream>

#include "base/crypto.hpp"
#include "storage/attachment_files.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt {
namespace {

using nlohmann::json;

constexpr std::string_view kPdf = "%PDF-1.4\n% 检测报告\n";
// Two messages delivered as one batch: their bodies go into a pack.
constexpr std::array<std::string_view, 2> kMails = {
    "From: zhou@example.com\r\nSubject: 冰箱不制冷\r\nMessage-ID: <m-1@example.com>\r\n\r\n"
    "冷藏室温度 15 度。\r\n",
    "From: wu@example.com\r\nSubject: 空调漏水\r\nMessage-ID: <m-2@example.com>\r\n\r\n"
    "室内机滴水。\r\n"};

test::CommandResult MigrateStore(const test::TempDir& directory,
                                 const std::vector<std::string>& args) {
  std::vector<std::string> command = {LINGTING_BINARY, "migrate-store", "--lang", "en"};
  command.insert(command.end(), args.begin(), args.end());
  return test::RunCommand(command, directory.path());
}

// The case numbers a search finds, newest first.
std::vector<std::string> NumbersFound(std::uint16_t port, const test::WebSession& session,
                                      const std::string& query) {
  auto reply =
      test::HttpCall(port, "GET", "/api/v1/cases?limit=100&" + query, "", session.Headers());
  std::vector<std::string> numbers;
  const auto body = json::parse(reply.body, nullptr, false);
  if (reply.status != 200 || !body.contains("items")) return numbers;
  for (const auto& item : body["items"]) numbers.push_back(item["number"]);
  return numbers;
}

class MigrateStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::UsingPostgres()) GTEST_SKIP() << "runs in the PostgreSQL pass";
    sqlite_url_ = "sqlite:" + (directory_.path() / "old.db").string();
    // An installation in use: demo data, plus a complaint with an attachment.
    test::ServerProcess old(directory_.path(),
                            {"--db", sqlite_url_, "--demo", "--demo-cases", "150"});
    ASSERT_TRUE(old.running());
    const auto session = test::LoginAsDemoAdmin(old.port());
    const json complaint = {{"subject", "洗衣机外壳开裂，要求更换"},
                            {"customer", {{"name", "柯南"}, {"phone", "13912345678"}}}};
    auto created = test::HttpCall(old.port(), "POST", "/api/v1/cases", complaint.dump(),
                                  session.Headers(true));
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = std::to_string(json::parse(created.body)["id"].get<std::int64_t>());
    const json reply = {{"direction", "outbound"},
                        {"channel", "email"},
                        {"body", "检测报告见附件。"},
                        {"attachments",
                         {{{"filename", "检测报告.pdf"},
                           {"content_type", "application/pdf"},
                           {"content_base64", EncodeBase64(kPdf)}}}}};
    auto added = test::HttpCall(old.port(), "POST", "/api/v1/cases/" + id + "/interactions",
                                reply.dump(), session.Headers(true));
    ASSERT_EQ(added.status, 201) << added.body;
    timeline_path_ = "/api/v1/cases/" + id + "/interactions";
    std::filesystem::create_directories(directory_.path() / "mail");
    for (std::size_t i = 0; i < kMails.size(); ++i) {
      std::ofstream(directory_.path() / "mail" / (std::to_string(i) + ".eml"), std::ios::binary)
          << kMails[i];
    }
    const auto ingested = test::RunCommand(
        {LINGTING_BINARY, "ingest-mail", "--db", sqlite_url_, "mail"}, directory_.path());
    ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
    ASSERT_TRUE(std::filesystem::exists(directory_.path() / "var/attachments/packs"));
    cracked_before_ = NumbersFound(old.port(), session, "q=%E5%BC%80%E8%A3%82");  // 开裂
    newest_before_ = NumbersFound(old.port(), session, "sort=-received_at");
    ASSERT_FALSE(cracked_before_.empty());
    ASSERT_EQ(old.Stop(), 0);
  }

  test::TempDir directory_;
  std::string sqlite_url_;
  std::string timeline_path_;
  std::vector<std::string> cracked_before_;
  std::vector<std::string> newest_before_;
};

TEST_F(MigrateStoreTest, MovesAWholeInstallationAndServesItFromPostgres) {
  const std::string target = test::TestStoreUrl(directory_.path());
  auto moved =
      MigrateStore(directory_, {"--from", sqlite_url_, "--to", target, "--from-attachments",
                                "var/attachments", "--to-attachments", "moved"});
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_NE(moved.out.find("cases: 153 rows in the source, 153 in the target"), std::string::npos)
      << moved.out;
  EXPECT_NE(moved.out.find("Moved and verified"), std::string::npos) << moved.out;
  EXPECT_NE(moved.out.find("3 attachments (3 copied)"), std::string::npos) << moved.out;
  // The packed bodies, read through the old store, are files of their own now.
  const storage::AttachmentFiles copies(directory_.path() / "moved");
  for (const std::string_view mail : kMails) {
    EXPECT_EQ(copies.Get(Sha256Hex(mail)).value_or(""), std::string(mail));
  }

  // A second move into the now-filled store is refused.
  auto again = MigrateStore(directory_, {"--from", sqlite_url_, "--to", target});
  EXPECT_EQ(again.exit_code, 65);
  EXPECT_NE(again.err.find("already holds data"), std::string::npos) << again.err;

  std::ofstream(directory_.path() / "moved.toml") << "[store]\nattachments_dir = \"moved\"\n";
  test::ServerProcess node(directory_.path(), {"--db", target, "--config", "moved.toml"});
  ASSERT_TRUE(node.running());
  const auto session = test::LoginAsDemoAdmin(node.port());  // users and password hashes moved
  ASSERT_FALSE(session.cookie.empty());
  EXPECT_EQ(NumbersFound(node.port(), session, "q=%E5%BC%80%E8%A3%82"), cracked_before_);
  EXPECT_EQ(NumbersFound(node.port(), session, "sort=-received_at"), newest_before_);

  auto timeline = test::HttpCall(node.port(), "GET", timeline_path_, "", session.Headers());
  ASSERT_EQ(timeline.status, 200);
  const std::string url = json::parse(timeline.body)["items"][0]["attachments"][0]["url"];
  auto download = test::HttpCall(node.port(), "GET", url, "", session.Headers());
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, kPdf);

  // New rows continue after the moved ones.
  const json complaint = {{"subject", "迁移后的新投诉"},
                          {"customer", {{"name", "柯南"}, {"phone", "13912345678"}}}};
  auto created =
      test::HttpCall(node.port(), "POST", "/api/v1/cases", complaint.dump(), session.Headers(true));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_GT(json::parse(created.body)["id"].get<std::int64_t>(), 153);
}

TEST_F(MigrateStoreTest, RefusesABadTargetAndAMissingAttachmentWithoutWritingAnything) {
  auto not_postgres = MigrateStore(directory_, {"--from", sqlite_url_, "--to", "sqlite:new.db"});
  EXPECT_EQ(not_postgres.exit_code, 65);
  EXPECT_NE(not_postgres.err.find("PostgreSQL URL"), std::string::npos) << not_postgres.err;

  const std::string digest = Sha256Hex(kPdf);
  const auto body = directory_.path() / "var" / "attachments" / digest.substr(0, 2) / digest;
  ASSERT_TRUE(std::filesystem::exists(body));
  std::filesystem::rename(body, directory_.path() / "aside");
  const std::string target = test::TestStoreUrl(directory_.path());
  auto missing = MigrateStore(
      directory_, {"--from", sqlite_url_, "--to", target, "--from-attachments", "var/attachments"});
  EXPECT_EQ(missing.exit_code, 66);
  EXPECT_NE(missing.err.find(digest), std::string::npos) << missing.err;

  // Nothing was written: once the body is back, the same target takes the move.
  std::filesystem::rename(directory_.path() / "aside", body);
  auto moved = MigrateStore(
      directory_, {"--from", sqlite_url_, "--to", target, "--from-attachments", "var/attachments"});
  EXPECT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_NE(moved.out.find("3 attachments (0 copied)"), std::string::npos) << moved.out;
}

}  // namespace
}  // namespace lt
