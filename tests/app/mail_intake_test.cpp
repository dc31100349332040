// Mail intake in the store (app/mail_intake.hpp): a batch stored while
// another node stores the same message recognises the message that loses
// the race as the duplicate it is; a part over the size limit is left out
// and said so, while the raw message, however large, is always kept. Runs
// on both stores.

#include "app/mail_intake.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "base/crypto.hpp"
#include "storage/attachment_files.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/interaction_store.hpp"
#include "storage/transaction_database.hpp"
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
  std::thread other_node([&] {
    second = (*second_store)->Write([&](storage::Connection& connection) -> Status {
      storage::TransactionDatabase batch(connection, **second_store);
      AppContext node = ContextOn(*store.context, batch);
      const auto ingested = IngestRawMail(node, "", raw);
      if (!ingested.ok()) return ingested.error();
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
