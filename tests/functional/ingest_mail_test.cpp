// E-mail in by direct delivery, as a Postfix pipe transport or procmail runs
// it: `lingting ingest-mail` on the whole corpus of real and adversarial mail
// (tests/fixtures/email). Every message lands on a case (auto-replies and
// bounces that concern none are stored without one); each reply thread of the
// linux-erofs archive, QQMail's without threading headers among them, lands on
// one case; the same message twice is stored once; stdin delivery exits 0
// only once the message is stored.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include "base/crypto.hpp"
#include "mail/mime_reader.hpp"
#include "storage/attachment_files.hpp"
#include "storage/connection.hpp"
#include "support/process.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt {
namespace {

namespace fs = std::filesystem;
const fs::path kCorpus = fs::path(LINGTING_SOURCE_DIR) / "tests/fixtures/email";

class IngestMailTest : public ::testing::Test {
 protected:
  test::CommandResult Run(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), {LINGTING_BINARY, "ingest-mail"});
    args.push_back("--db");
    args.push_back(test::TestStoreUrl(directory_.path()));
    return test::RunCommand(args, directory_.path(), input, {{"LANG", "en_US.UTF-8"}});
  }
  // The case number each file landed on ("" for none), from the command's report.
  std::map<std::string, std::string> Ingest(const std::vector<std::string>& files) {
    auto result = Run(files);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::map<std::string, std::string> landed;
    static const std::regex kLine(R"(^(.*): recorded on case (\S+) \((\w+)\)$)");
    static const std::regex kNone(R"(^(.*): automatic mail about no case, stored \((\w+)\)$)");
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
      std::smatch match;
      if (std::regex_match(line, match, kLine)) {
        landed[match[1]] = match[2];
      } else if (std::regex_match(line, match, kNone)) {
        landed[match[1]] = "";
      } else {
        ADD_FAILURE() << "unexpected line: " << line;
      }
    }
    return landed;
  }
  static std::string Slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }
  test::TempDir directory_;
};

TEST_F(IngestMailTest, EveryMessageOfTheCorpusLandsAndEachEreofsThreadOnOneCase) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
    const std::string name = entry.path().filename().string();
    const std::string extension = entry.path().extension().string();
    if (!entry.is_regular_file() || extension == ".csv" || extension == ".jsonl" ||
        extension == ".txt" || extension == ".md" || extension == ".json") {
      continue;
    }
    files.push_back(entry.path().string());
  }
  // In the order they were sent, as a mailbox receives them (QQMail's
  // replies name no earlier message: only their sender and subject thread them).
  std::map<std::string, TimestampMs> sent;
  for (const auto& file : files) sent[file] = mail::ReadMailMessage(Slurp(file)).date.value_or(0);
  std::sort(files.begin(), files.end(), [&](const std::string& a, const std::string& b) {
    return std::tie(sent[a], a) < std::tie(sent[b], b);
  });
  ASSERT_GT(files.size(), 390u);
  const auto landed = Ingest(files);
  ASSERT_EQ(landed.size(), files.size());
  int without_case = 0;
  for (const auto& [file, number] : landed) {
    if (number.empty()) {
      ++without_case;
      // Only automatic mail goes without a case: a bounce or an auto-reply.
      const std::string raw = Slurp(file);
      const bool automatic = raw.find("multipart/report") != std::string::npos ||
                             raw.find("Auto-Submitted") != std::string::npos ||
                             raw.find("X-Autoreply") != std::string::npos ||
                             raw.find("auto_reply") != std::string::npos;
      EXPECT_TRUE(automatic) << file << " landed on no case";
    } else {
      EXPECT_TRUE(std::regex_match(number, std::regex(R"(TS-\d{4}-\d{6})"))) << number;
    }
  }
  EXPECT_LT(without_case, 40);

  // The QQMail thread 回复：…eros性能问题 (15 messages, some with no
  // threading header at all) is one case; so is each other thread.
  std::ifstream index(kCorpus / "real-world/linux-erofs/INDEX.csv");
  std::map<std::string, std::set<std::string>> cases_of_thread;
  std::string line;
  std::getline(index, line);  // header
  while (std::getline(index, line)) {
    const std::string file = line.substr(0, line.find(','));
    const std::string path = (kCorpus / "real-world/linux-erofs" / file).string();
    std::smatch match;
    if (line.find("eros性能问题") != std::string::npos) {
      cases_of_thread["eros性能问题"].insert(landed.at(path));
    } else if (std::regex_search(line, match, std::regex(R"(full-thread-of (<[^>]+>))"))) {
      cases_of_thread[match[1]].insert(landed.at(path));
    }
  }
  ASSERT_EQ(cases_of_thread.size(), 3u);
  std::set<std::string> all_cases;
  for (const auto& [thread, cases] : cases_of_thread) {
    EXPECT_EQ(cases.size(), 1u) << thread << " spread over " << cases.size() << " cases";
    all_cases.insert(cases.begin(), cases.end());
  }
  EXPECT_EQ(all_cases.size(), 3u) << "each thread has its own case";
}

TEST_F(IngestMailTest, StandardInputIsStoredOnceAndAnEmptyDeliveryIsRefused) {
  const std::string message =
      "From: =?UTF-8?B?5byg5LiJ?= <zhang.san@example.com>\r\n"
      "To: service@lingting.example\r\n"
      "Subject: =?UTF-8?B?5rSX6KGj5py65ryP5rC0?=\r\n"
      "Message-ID: <stdin-1@example.com>\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n"
      "买了三个月的洗衣机漏水，请尽快处理。\r\n";
  auto first = Run({}, message);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("recorded on case TS-"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("(new_case)"), std::string::npos) << first.out;
  auto again = Run({}, message);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("(duplicate)"), std::string::npos) << again.out;

  // A reply naming the case number in brackets, from another address.
  const std::string number = first.out.substr(first.out.find("TS-"), 14);
  auto reply =
      Run({}, "From: li@example.org\r\nSubject: Re: [" + number +
                  "] 洗衣机漏水\r\nMessage-ID: <stdin-2@example.org>\r\n\r\n样品已寄出。\r\n");
  ASSERT_EQ(reply.exit_code, 0) << reply.err;
  EXPECT_NE(reply.out.find("recorded on case " + number + " (case_number)"), std::string::npos)
      << reply.out;

  // A reply fetched before the message it answers: the message then joins
  // the case its reply opened.
  auto early_reply = Run({},
                         "From: wu@example.net\r\nSubject: Re: 冰箱异响\r\n"
                         "Message-ID: <late-2@example.net>\r\nIn-Reply-To: <late-1@example.net>\r\n"
                         "\r\n收到。\r\n");
  ASSERT_EQ(early_reply.exit_code, 0) << early_reply.err;
  const std::string opened = early_reply.out.substr(early_reply.out.find("TS-"), 14);
  auto late_original = Run({},
                           "From: zhao@example.com\r\nSubject: 冰箱异响\r\n"
                           "Message-ID: <late-1@example.net>\r\n\r\n冰箱夜间异响。\r\n");
  ASSERT_EQ(late_original.exit_code, 0) << late_original.err;
  EXPECT_NE(late_original.out.find("recorded on case " + opened + " (reply_headers)"),
            std::string::npos)
      << late_original.out;

  auto empty = Run({}, "");
  EXPECT_EQ(empty.exit_code, 65) << empty.out;
  EXPECT_NE(empty.err.find("message"), std::string::npos) << empty.err;
  auto missing = Run({"no-such-file.eml"});
  EXPECT_EQ(missing.exit_code, 66) << missing.err;
}

TEST_F(IngestMailTest, ADirectoryAndAnMboxAreABatchStoredInOrder) {
  const fs::path in = directory_.path() / "in";
  fs::create_directories(in);
  auto write = [](const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  };
  write(in / "001.eml",
        "From: chen@example.com\r\nSubject: 热水器不出热水\r\nMessage-ID: <batch-1@example.com>\r\n"
        "\r\n昨天开始不出热水。\r\n");
  write(in / "002.eml",
        "From: chen@example.com\r\nSubject: Re: 热水器不出热水\r\n"
        "Message-ID: <batch-2@example.com>\r\nIn-Reply-To: <batch-1@example.com>\r\n\r\n"
        "补充：显示 E1。\r\n");
  // The same message twice in one batch (a mail server's retry): stored once.
  write(in / "001a.eml",
        "From: chen@example.com\r\nSubject: 热水器不出热水\r\n"
        "Message-ID: <batch-1@example.com>\r\n\r\n昨天开始不出热水。\r\n");
  write(in / ".hidden", "not mail");
  write(directory_.path() / "archive.mbox",
        "From chen@example.com Thu Mar  5 10:00:00 2026\n"
        "From: chen@example.com\nSubject: Re: 热水器不出热水\nMessage-ID: <batch-3@example.com>\n"
        "References: <batch-1@example.com>\n\n>From the manual: E1 is ignition.\n\n"
        "From zhou@example.com Thu Mar  5 11:00:00 2026\n"
        "From: zhou@example.com\nSubject: 冰箱不制冷\nMessage-ID: <batch-4@example.com>\n\n"
        "冷藏室温度 15 度。\n");
  const auto result = Run({in.string(), "--mbox", (directory_.path() / "archive.mbox").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> lines;
  std::istringstream out(result.out);
  for (std::string line; std::getline(out, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 5u) << result.out;
  const std::string number = lines[0].substr(lines[0].find("TS-"), 14);
  EXPECT_NE(lines[0].find("001.eml: recorded on case " + number + " (new_case)"), std::string::npos)
      << lines[0];
  EXPECT_NE(lines[1].find("001a.eml: recorded on case " + number + " (duplicate)"),
            std::string::npos)
      << lines[1];
  lines.erase(lines.begin() + 1);
  EXPECT_NE(lines[1].find("002.eml: recorded on case " + number + " (reply_headers)"),
            std::string::npos)
      << lines[1];
  EXPECT_NE(lines[2].find("archive.mbox#1: recorded on case " + number + " (reply_headers)"),
            std::string::npos)
      << lines[2];
  EXPECT_NE(lines[3].find("archive.mbox#2: recorded on case "), std::string::npos) << lines[3];
  EXPECT_EQ(lines[3].find(number), std::string::npos) << "another customer's case";
  // Each message as it arrived is kept, under its SHA-256, for download:
  // a batch's bodies in one pack, none in a file of its own.
  auto database = test::OpenTestDatabase(directory_.path());
  ASSERT_TRUE(database.ok());
  const storage::AttachmentFiles files(directory_.path() / "var/attachments", database->get());
  for (const char* name : {"001.eml", "002.eml"}) {
    const std::string raw = Slurp(in / name);
    const auto kept = files.Get(Sha256Hex(raw));
    ASSERT_TRUE(kept.ok()) << name;
    EXPECT_EQ(kept.value(), raw) << name;
    EXPECT_FALSE(fs::exists(files.PathOf(Sha256Hex(raw)))) << name;
  }
  const auto packs = [&] {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& pack : fs::directory_iterator(files.PacksDirectory()))
      ++count;
    return count;
  };
  EXPECT_EQ(packs(), 1u);

  // The same batch again: every message stored once.
  const auto again = Run({in.string(), "--mbox", (directory_.path() / "archive.mbox").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  std::size_t duplicates = 0;
  for (std::size_t at = 0; (at = again.out.find("(duplicate)", at)) != std::string::npos; ++at) {
    ++duplicates;
  }
  EXPECT_EQ(duplicates, 5u) << again.out;
  EXPECT_EQ(packs(), 1u) << "bodies stored already are not written again";
  const auto missing_mbox = Run({"--mbox", "no-such.mbox"});
  EXPECT_EQ(missing_mbox.exit_code, 66) << missing_mbox.err;
}

// A reply whose References name many messages (a long thread, most of
// them never seen here) lands on the case of the latest one that is known,
// wherever it stands in the list.
TEST_F(IngestMailTest, AReplyNamingManyMessagesLandsOnTheCaseOfTheLatestKnown) {
  const fs::path in = directory_.path() / "in";
  fs::create_directories(in);
  std::ofstream(in / "001.eml", std::ios::binary)
      << "From: zhou@example.com\r\nSubject: 洗碗机漏水\r\nMessage-ID: <a-first@example.com>\r\n"
         "\r\n底部有水。\r\n";
  std::ofstream(in / "002.eml", std::ios::binary)
      << "From: li@example.com\r\nSubject: 烤箱不加热\r\nMessage-ID: <z-latest@example.com>\r\n"
         "\r\n温度上不去。\r\n";
  std::string references = "<a-first@example.com>";
  for (int n = 0; n < 70; ++n) references += "\r\n <m-" + std::to_string(100 + n) + "@example.com>";
  references += "\r\n <z-latest@example.com>";
  std::ofstream(in / "003.eml", std::ios::binary)
      << "From: wang@example.com\r\nSubject: 再次反馈\r\nMessage-ID: <reply-many@example.com>\r\n"
         "References: "
      << references << "\r\n\r\n仍未解决。\r\n";
  const auto landed =
      Ingest({(in / "001.eml").string(), (in / "002.eml").string(), (in / "003.eml").string()});
  ASSERT_EQ(landed.size(), 3u);
  EXPECT_NE(landed.at((in / "001.eml").string()), landed.at((in / "002.eml").string()));
  EXPECT_EQ(landed.at((in / "003.eml").string()), landed.at((in / "002.eml").string()));
}

// A message the store refuses (here a trigger does) is undone alone, with
// the case it had opened, and reported on stderr; the messages before and
// after it in the batch are stored, and the exit status is the failure's.
TEST_F(IngestMailTest, AMessageTheStoreRefusesIsUndoneAloneAndReported) {
  {
    auto database = test::OpenTestDatabase(directory_.path());
    ASSERT_TRUE(database.ok()) << database.error().detail;
    const std::string trigger =
        test::UsingPostgres()
            ? "CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
              "RAISE EXCEPTION 'refused by the test'; END $$; "
              "CREATE TRIGGER refuse_for_test BEFORE INSERT ON mail_messages FOR EACH ROW "
              "WHEN (NEW.subject = '拒收测试') EXECUTE FUNCTION refuse_for_test();"
            : "CREATE TRIGGER refuse_for_test BEFORE INSERT ON mail_messages "
              "WHEN NEW.subject = '拒收测试' BEGIN SELECT RAISE(ABORT, 'refused by the test'); "
              "END;";
    ASSERT_TRUE(database.value()
                    ->Write([&](storage::Connection& c) { return c.ExecuteScript(trigger); })
                    .ok());
  }
  const fs::path in = directory_.path() / "in";
  fs::create_directories(in);
  const std::vector<std::pair<std::string, std::string>> messages = {
      {"001.eml", "洗衣机噪音大"}, {"002.eml", "拒收测试"}, {"003.eml", "冰箱不制冷"}};
  for (std::size_t i = 0; i < messages.size(); ++i) {
    std::ofstream(in / messages[i].first, std::ios::binary)
        << "From: customer" << i << "@example.com\r\nSubject: " << messages[i].second
        << "\r\nMessage-ID: <refused-" << i << "@example.com>\r\n\r\n请尽快处理。\r\n";
  }
  const auto result = Run({in.string()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("002.eml: not stored: "), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("001.eml: recorded on case "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("003.eml: recorded on case "), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("002.eml"), std::string::npos) << result.out;

  auto database = test::OpenTestDatabase(directory_.path());
  ASSERT_TRUE(database.ok());
  std::int64_t cases = -1;
  ASSERT_TRUE(database.value()
                  ->Read([&](storage::Connection& c) -> Status {
                    LT_TRY_ASSIGN(cases, c.QueryInt("SELECT COUNT(*) FROM cases"));
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(cases, 2);
}

}  // namespace
}  // namespace lt
