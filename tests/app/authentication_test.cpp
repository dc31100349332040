#include "app/authentication.hpp"

#include <gtest/gtest.h>

#include "support/test_env.hpp"

namespace lt::app {
namespace {

TEST(Authenticator, LogsInWithTheRightPasswordOnlyAndSessionsExpire) {
  test::TestStore store;
  const auto user = store.AddUser("Agent@Example.com", domain::Role::kAgent);
  Authenticator authenticator(*store.context);
  EXPECT_EQ(authenticator.Login("agent@example.com", "wrong password", "10.0.0.1").error().key,
            "error.login_failed");
  EXPECT_EQ(authenticator.Login("nobody@example.com", "correct horse", "10.0.0.1").error().key,
            "error.login_failed");
  auto session = authenticator.Login("AGENT@example.com", "correct horse", "10.0.0.1");
  ASSERT_TRUE(session.ok()) << test::Describe(session.error());
  auto caller = authenticator.ResolveSession(session->session_token);
  ASSERT_TRUE(caller.ok());
  EXPECT_EQ(caller->principal.user_id, user.id);
  EXPECT_EQ(caller->csrf_token, session->csrf_token);
  store.clock.Advance(store.context->options.session_ttl_ms + 1);
  EXPECT_EQ(authenticator.ResolveSession(session->session_token).error().code,
            ErrorCode::kUnauthenticated);
}

TEST(Authenticator, LimitsLoginAttemptsPerAccountUntilTheWindowPasses) {
  test::TestStore store;
  store.AddUser("qa@example.com", domain::Role::kQa);
  Authenticator authenticator(*store.context);
  for (int i = 0; i < store.context->options.login_max_failures; ++i) {
    EXPECT_EQ(
        authenticator.Login("qa@example.com", "guess", "10.0.0." + std::to_string(i)).error().code,
        ErrorCode::kUnauthenticated);
  }
  auto limited = authenticator.Login("qa@example.com", "correct horse", "10.0.0.99");
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, ErrorCode::kRateLimited);
  store.clock.Advance(store.context->options.login_window_ms + 1000);
  EXPECT_TRUE(authenticator.Login("qa@example.com", "correct horse", "10.0.0.99").ok());
}

TEST(Authenticator, RevokedTokensAndInactiveUsersAreRefused) {
  test::TestStore store;
  const auto user = store.AddUser("api@example.com", domain::Role::kAgent);
  Authenticator authenticator(*store.context);
  auto token = authenticator.CreateToken(store.PrincipalOf(user), std::nullopt, "erp");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->secret.rfind("lt_", 0), 0u);
  ASSERT_TRUE(authenticator.ResolveBearer(token->secret).ok());
  EXPECT_FALSE(authenticator.ResolveBearer(token->secret + "x").ok());
  ASSERT_TRUE(authenticator.RevokeToken(store.PrincipalOf(user), token->token.id).ok());
  EXPECT_EQ(authenticator.ResolveBearer(token->secret).error().code, ErrorCode::kUnauthenticated);
  auto tokens = authenticator.ListTokens(store.PrincipalOf(user));
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_TRUE((*tokens)[0].revoked_at.has_value());
}

TEST(Authenticator, OnlyAdminsCreateTokensForOthers) {
  test::TestStore store;
  const auto agent = store.AddUser("a@example.com", domain::Role::kAgent);
  const auto other = store.AddUser("b@example.com", domain::Role::kAgent);
  Authenticator authenticator(*store.context);
  EXPECT_EQ(authenticator.CreateToken(store.PrincipalOf(agent), other.id, "x").error().code,
            ErrorCode::kForbidden);
  const auto admin = store.AddUser("admin@example.com", domain::Role::kAdmin);
  EXPECT_TRUE(authenticator.CreateToken(store.PrincipalOf(admin), other.id, "x").ok());
}

}  // namespace
}  // namespace lt::app
