// Sign-in codes asked for at once (app/portal_sign_in.hpp): the limits hold
// across nodes. Requests for one address on two nodes at the same moment
// send one code, not one per node. Runs on both stores.

#include "app/portal_sign_in.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "app/channel_settings.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "support/test_database.hpp"
#include "support/test_env.hpp"

namespace lt::app {
namespace {

TEST(PortalSignInTest, CodesAskedForAtOnceOnTwoNodesAreSentOnce) {
  test::TestStore store;
  const auto admin = store.PrincipalOf(store.AddUser("admin@example.com", domain::Role::kAdmin));
  SmtpSettingsInput smtp;
  smtp.settings.host = "127.0.0.1";
  smtp.settings.port = 2525;
  smtp.settings.from_address = "service@example.com";
  ASSERT_TRUE(SaveSmtpSettings(*store.context, admin, smtp).ok());
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
  std::int64_t messages = -1;
  ASSERT_TRUE(
      store.database
          ->Read([&](storage::Connection& connection) -> Status {
            LT_TRY_ASSIGN(
                codes, connection.QueryInt("SELECT COUNT(*) FROM portal_codes WHERE address = $1",
                                           {std::string("wang@example.com")}));
            LT_TRY_ASSIGN(messages, connection.QueryInt(
                                        "SELECT COUNT(*) FROM outbox_messages WHERE recipient = $1",
                                        {std::string("wang@example.com")}));
            return Ok();
          })
          .ok());
  EXPECT_EQ(codes, 1);
  EXPECT_EQ(messages, 1);
}

}  // namespace
}  // namespace lt::app
