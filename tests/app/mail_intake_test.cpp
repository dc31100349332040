// A batch of mail stored while another node stores the same message
// (app/mail_intake.hpp): the message that loses the race is recognised as
// the duplicate it is, not refused. Runs on both stores.

#include "app/mail_intake.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "storage/connection.hpp"
#include "storage/database.hpp"
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

}  // namespace
}  // namespace lt::app
