// Sign-in codes (app/portal_sign_in.hpp): the limits hold across nodes, so
// that requests for one address on two nodes at the same moment send one
// code, not one per node; the code's text leaves the outbox once sent, and
// a code that could not be sent before it expired is not sent. Runs on both
// stores.

#include "app/portal_sign_in.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <thread>

#include "app/channel_settings.hpp"
#include "app/outbox.hpp"
#include "domain/portal_code.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt::app {
namespace {

class PortalSignInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto admin = store.PrincipalOf(store.AddUser("admin@example.com", domain::Role::kAdmin));
    SmtpSettingsInput smtp;
    smtp.settings.host = "127.0.0.1";
    smtp.settings.port = 9;  // nothing listens: nothing is sent unless a test says so
    smtp.settings.from_address = "service@example.com";
    ASSERT_TRUE(SaveSmtpSettings(*store.context, admin, smtp).ok());
  }

  // The outbox messages to `recipient`: id and text, oldest first.
  std::vector<std::pair<domain::Id, std::string>> MessagesTo(const std::string& recipient) {
    std::vector<std::pair<domain::Id, std::string>> messages;
    EXPECT_TRUE(store.database
                    ->Read([&](storage::Connection& connection) -> Status {
                      return connection.Query(
                          "SELECT id, body FROM outbox_messages WHERE recipient = $1 ORDER BY id",
                          {recipient}, [&](const storage::Row& row) {
                            messages.emplace_back(row.Int(0), row.Text(1));
                          });
                    })
                    .ok());
    return messages;
  }

  test::TestStore store;
};

TEST_F(PortalSignInTest, CodesAskedForAtOnceOnTwoNodesAreSentOnce) {
  auto second_store = test::OpenTestDatabase(store.directory.path());
  ASSERT_TRUE(second_store.ok()) << test::Describe(second_store.error());
  AppContext second_node = ContextOn(*store.context, **second_store);

  // Eight callers on each node ask for a code for the same address, and
  // eight more each for an address of their own, from one client.
  constexpr int kCallers = 16;
  std::atomic<int> sent_same{0};
  std::atomic<int> limited_same{0};
  std::atomic<int> sent_own{0};
  std::vector<std::thread> callers;
  for (int index = 0; index < kCallers; ++index) {
    callers.emplace_back([&, index] {
      AppContext& node = index % 2 == 0 ? *store.context : second_node;
      SignInCodeRequest same{"wang@example.com", "198.51.100.7"};
      const auto asked = RequestSignInCode(node, same);
      if (asked.ok()) ++sent_same;
      if (!asked.ok() && asked.error().code == ErrorCode::kRateLimited) ++limited_same;
      SignInCodeRequest own{"caller" + std::to_string(index) + "@example.com", "198.51.100.8"};
      if (RequestSignInCode(node, own).ok()) ++sent_own;
    });
  }
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(sent_same.load(), 1);
  EXPECT_EQ(limited_same.load(), kCallers - 1);
  // Twenty an hour per client: all sixteen of the other client's.
  EXPECT_EQ(sent_own.load(), kCallers);

  std::int64_t codes = -1;
  ASSERT_TRUE(store.database
                  ->Read([&](storage::Connection& connection) -> Status {
                    LT_TRY_ASSIGN(codes, connection.QueryInt(
                                             "SELECT COUNT(*) FROM portal_codes WHERE address = $1",
                                             {std::string("wang@example.com")}));
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(codes, 1);
  EXPECT_EQ(MessagesTo("wang@example.com").size(), 1u);
}

TEST_F(PortalSignInTest, ACodesTextLeavesTheOutboxOnceSentAndAnExpiredOneIsNotSent) {
  ASSERT_TRUE(RequestSignInCode(*store.context, {"zhao@example.com", "198.51.100.7"}).ok());
  auto messages = MessagesTo("zhao@example.com");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(std::regex_search(messages[0].second, std::regex("[0-9]{6}"))) << messages[0].second;
  // Accepted by the mail server: the text with the code is gone.
  ASSERT_TRUE(store.database
                  ->Write([&](storage::Connection& connection) {
                    return RecordOutboxAttempt(connection, messages[0].first,
                                               {domain::SendOutcome::Kind::kSent, "250 2.0.0 Ok"},
                                               store.clock.NowMs());
                  })
                  .ok());
  EXPECT_EQ(MessagesTo("zhao@example.com")[0].second, "");

  // A code still queued when it expires is failed, not sent, and forgotten.
  store.clock.Advance(domain::kPortalCodeResendMs);
  ASSERT_TRUE(RequestSignInCode(*store.context, {"zhao@example.com", "198.51.100.7"}).ok());
  messages = MessagesTo("zhao@example.com");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_NE(messages[1].second, "");
  store.clock.Advance(domain::kPortalCodeLifetimeMs);
  const auto attempted = AttemptOutboxMessage(*store.context, messages[1].first, false);
  ASSERT_TRUE(attempted.ok()) << test::Describe(attempted.error());
  ASSERT_TRUE(attempted->has_value());
  EXPECT_EQ((*attempted)->kind, domain::SendOutcome::Kind::kPermanent);
  EXPECT_EQ((*attempted)->answer, "the code expired before it could be sent");
  ASSERT_TRUE(store.database
                  ->Write([&](storage::Connection& connection) {
                    return RecordOutboxAttempt(connection, messages[1].first, **attempted,
                                               store.clock.NowMs());
                  })
                  .ok());
  EXPECT_EQ(MessagesTo("zhao@example.com")[1].second, "");
}

}  // namespace
}  // namespace lt::app
