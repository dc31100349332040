// Mail intake in the store (app/mail_intake.hpp): a batch stored while
// another node stores the same message recognises the message that loses
// the race as the duplicate it is; a batch places each message as if the
// ones before it had been stored one by one; a part over the size limit is
// left out and said so, while the raw message, however large, is always
// kept, and a text too long for the timeline is cut, not refused. Runs on
// both stores.

#include "app/mail_intake.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "app/mail_filing.hpp"
#include "base/crypto.hpp"
#include "storage/attachment_files.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/interaction_store.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt::app {
namespace {

using namespace std::chrono_literals;

TEST(MailIntakeTest, TheSameMessageStoredAtOnceOnTwoNodesLandsOnceAndIsADuplicateOnTheOther) {
  test::TestStore store;
  auto second_store = test::OpenTestDatabase(store.directory.path());
  ASSERT_TRUE(second_store.ok()) << test::Describe(second_store.error());
  const std::string raw =
      "From: 陈女士 <chen@example.com>\r\nSubject: 空调不制冷\r\n"
      "Message-ID: <race-1@example.com>\r\n\r\n安装三天就不制冷了。\r\n";

  // The second node stores the message and holds its transaction open a
  // moment; the first stores it meanwhile.
  std::atomic<bool> stored_there{false};
  Status second = Ok();
  const auto read = ReadMailBatch(*store.context, "", {raw});
  ASSERT_TRUE(read.ok()) << test::Describe(read.error());
  std::thread other_node([&] {
    second = (*second_store)->Write([&](storage::Connection& connection) -> Status {
      const IncomingMail* mail = &read->front();
      const auto filed = FileMails(*store.context, connection, {&mail, 1});
      if (!filed.ok()) return filed.error();
      stored_there = true;
      std::this_thread::sleep_for(1500ms);
      return Ok();
    });
  });
  while (!stored_there) std::this_thread::sleep_for(10ms);
  const auto here = IngestRawMailBatch(*store.context, "", {raw});
  other_node.join();
  ASSERT_TRUE(second.ok()) << test::Describe(second.error());
  ASSERT_TRUE(here.ok()) << test::Describe(here.error());
  ASSERT_EQ(here->size(), 1u);
  ASSERT_TRUE((*here)[0].ok()) << test::Describe((*here)[0].error());
  EXPECT_EQ((*here)[0]->threading, MailThreading::kDuplicate);

  std::int64_t cases = -1;
  ASSERT_TRUE(store.database
                  ->Read([&](storage::Connection& connection) -> Status {
                    LT_TRY_ASSIGN(cases, connection.QueryInt("SELECT COUNT(*) FROM cases"));
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(cases, 1);
}

std::string Mail(const std::string& headers, const std::string& text) {
  return headers + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text +
         "\r\n";
}

// What a message's outcome says, for comparing.
std::string Said(const Result<IngestedMail>& outcome) {
  if (!outcome.ok()) return "error " + test::Describe(outcome.error());
  return outcome->case_number + " " + std::to_string(static_cast<int>(outcome->threading)) +
         (outcome->flagged ? " flagged" : "");
}

std::int64_t Count(storage::Database& database, const std::string& sql) {
  std::int64_t count = -1;
  EXPECT_TRUE(database
                  .Read([&](storage::Connection& connection) -> Status {
                    LT_TRY_ASSIGN(count, connection.QueryInt(sql));
                    return Ok();
                  })
                  .ok());
  return count;
}

TEST(MailIntakeTest, ABatchPlacesEachMessageAsIfTheOnesBeforeItHadBeenStoredOneByOne) {
  std::vector<std::string> first = {
      // 0: opens a case.
      Mail("From: 王先生 <wang@example.com>\r\nSubject: 洗衣机漏水\r\n"
           "Message-ID: <b1@example.com>\r\n",
           "洗衣机底部漏水。"),
      // 1: the same sender and subject, no threading headers (QQMail).
      Mail("From: wang@example.com\r\nSubject: 回复：洗衣机漏水\r\n", "照片见附件。"),
      // 2: a reply whose original comes later in the batch: a case of its own.
      Mail("From: li@example.net\r\nSubject: Re: 电视黑屏\r\nMessage-ID: <b3@example.net>\r\n"
           "In-Reply-To: <b4@example.net>\r\n",
           "还是黑屏。"),
      // 3: that original: found by the reply that names it.
      Mail("From: li@example.net\r\nSubject: 电视没有图像\r\nMessage-ID: <b4@example.net>\r\n",
           "开机后没有图像。"),
      // 4: an auto-reply to the first: joins its case, never answered.
      Mail("From: zhao@example.org\r\nSubject: 自动回复: 洗衣机漏水\r\n"
           "Auto-Submitted: auto-replied\r\nIn-Reply-To: <b1@example.com>\r\n",
           "我正在休假。"),
      // 5: a text far over the timeline's limit: cut, the message kept whole.
      Mail("From: wu@example.org\r\nSubject: 详细经过\r\nMessage-ID: <b6@example.org>\r\n",
           std::string(150000, 'a')),
      // 6: the first again (a mail server's retry).
      Mail("From: 王先生 <wang@example.com>\r\nSubject: 洗衣机漏水\r\n"
           "Message-ID: <b1@example.com>\r\n",
           "洗衣机底部漏水。"),
      // 7: an auto-reply concerning nothing known: no case.
      Mail("From: sun@example.com\r\nSubject: 自动回复: 您好\r\n"
           "Auto-Submitted: auto-replied\r\n",
           "我正在休假。"),
  };
  test::TestStore batched;
  test::TestStore alone;
  const auto stored = IngestRawMailBatch(*batched.context, "", first);
  ASSERT_TRUE(stored.ok()) << test::Describe(stored.error());
  ASSERT_EQ(stored->size(), first.size());
  std::vector<std::string> one_by_one;
  for (const auto& raw : first) one_by_one.push_back(Said(IngestRawMail(*alone.context, "", raw)));
  for (std::size_t index = 0; index < first.size(); ++index) {
    EXPECT_EQ(Said((*stored)[index]), one_by_one[index]) << "message " << index;
  }
  const auto& outcomes = *stored;
  ASSERT_TRUE(outcomes[0].ok() && outcomes[5].ok() && outcomes[7].ok());
  EXPECT_EQ(outcomes[0]->threading, MailThreading::kNewCase);
  EXPECT_EQ(outcomes[1]->threading, MailThreading::kSenderAndSubject);
  EXPECT_EQ(outcomes[1]->case_number, outcomes[0]->case_number);
  EXPECT_EQ(outcomes[2]->threading, MailThreading::kNewCase);
  EXPECT_EQ(outcomes[3]->threading, MailThreading::kReplyHeaders);
  EXPECT_EQ(outcomes[3]->case_number, outcomes[2]->case_number);
  EXPECT_EQ(outcomes[4]->threading, MailThreading::kReplyHeaders);
  EXPECT_EQ(outcomes[4]->case_number, outcomes[0]->case_number);
  EXPECT_EQ(outcomes[5]->threading, MailThreading::kNewCase);
  EXPECT_EQ(outcomes[6]->threading, MailThreading::kDuplicate);
  EXPECT_EQ(outcomes[6]->interaction_id, outcomes[0]->interaction_id);
  EXPECT_FALSE(outcomes[7]->case_id.has_value());
  // An acknowledgement for each person whose message opened a case (0, 2, 5).
  for (auto* store : {&batched, &alone}) {
    EXPECT_EQ(Count(*store->database, "SELECT COUNT(*) FROM outbox_messages"), 3);
    EXPECT_EQ(Count(*store->database, "SELECT COUNT(*) FROM cases"), 3);
    EXPECT_EQ(Count(*store->database, "SELECT COUNT(*) FROM mail_messages WHERE direction = 'in'"),
              7);
  }
  std::optional<domain::Interaction> cut;
  ASSERT_TRUE(batched.database
                  ->Read([&](storage::Connection& connection) -> Status {
                    LT_TRY_ASSIGN(
                        cut,
                        storage::InteractionStore(connection).Find(*outcomes[5]->interaction_id));
                    return Ok();
                  })
                  .ok());
  ASSERT_TRUE(cut.has_value());
  EXPECT_LE(cut->body.size(), 100000u);
  EXPECT_NE(cut->body.find("the whole message is attached"), std::string::npos);
  ASSERT_EQ(cut->attachments.size(), 1u);
  EXPECT_GT(cut->attachments[0].size_bytes, 150000);

  // A later batch sees what the first stored: a copy of a stored message,
  // the sender's open case by subject, a case by its number.
  const std::string number = outcomes[2]->case_number;
  std::vector<std::string> second = {
      first[2],
      Mail("From: wang@example.com\r\nSubject: Fwd: 洗衣机漏水\r\n", "再次反映。"),
      Mail("From: 客服转发 <desk@example.com>\r\nSubject: 关于 [" + number + "] 的补充\r\n",
           "用户来电补充。"),
  };
  const auto later = IngestRawMailBatch(*batched.context, "", second);
  ASSERT_TRUE(later.ok()) << test::Describe(later.error());
  ASSERT_EQ(later->size(), 3u);
  for (std::size_t index = 0; index < second.size(); ++index) {
    EXPECT_EQ(Said((*later)[index]), Said(IngestRawMail(*alone.context, "", second[index])))
        << "message " << index;
  }
  EXPECT_EQ((*later)[0]->threading, MailThreading::kDuplicate);
  EXPECT_EQ((*later)[0]->case_number, number);
  EXPECT_EQ((*later)[1]->threading, MailThreading::kSenderAndSubject);
  EXPECT_EQ((*later)[1]->case_number, outcomes[0]->case_number);
  EXPECT_EQ((*later)[2]->threading, MailThreading::kCaseNumber);
  EXPECT_EQ((*later)[2]->case_number, number);
}

TEST(MailIntakeTest, APartOverTheLimitIsLeftOutButTheRawMessageIsAlwaysKept) {
  test::TestStore store;
  const auto limit = static_cast<std::size_t>(store.context->options.max_attachment_bytes);
  // A scanned invoice of 1.5 times the limit, base64 in 76-character lines.
  std::string scan;
  for (std::size_t line = 0; line < limit * 2 / 76 + 1; ++line)
    scan += std::string(76, 'Q') + "\r\n";
  const std::string raw =
      "From: 周先生 <zhou@example.com>\r\nSubject: 发票和故障照片\r\n"
      "Message-ID: <large-1@example.com>\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
      "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n发票扫描件见附件。\r\n"
      "--b\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\n"
      "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" +
      scan + "--b--\r\n";
  ASSERT_GT(raw.size(), limit);
  const auto ingested = IngestRawMail(*store.context, "", raw);
  ASSERT_TRUE(ingested.ok()) << test::Describe(ingested.error());
  ASSERT_TRUE(ingested->interaction_id.has_value());

  std::optional<domain::Interaction> entry;
  ASSERT_TRUE(store.database
                  ->Read([&](storage::Connection& connection) -> Status {
                    LT_TRY_ASSIGN(
                        entry,
                        storage::InteractionStore(connection).Find(*ingested->interaction_id));
                    return Ok();
                  })
                  .ok());
  ASSERT_TRUE(entry.has_value());
  EXPECT_NE(entry->body.find("(Left out, too large: invoice.pdf)"), std::string::npos)
      << entry->body;
  ASSERT_EQ(entry->attachments.size(), 1u);
  EXPECT_EQ(entry->attachments[0].filename, "message.eml");
  EXPECT_EQ(entry->attachments[0].size_bytes, static_cast<std::int64_t>(raw.size()));
  const auto kept = store.context->files.Get(entry->attachments[0].sha256);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(*kept, raw);
  EXPECT_EQ(entry->attachments[0].sha256, Sha256Hex(raw));
}

}  // namespace
}  // namespace lt::app
