#pragma once

// Who is calling: login with e-mail and password (session cookie plus CSRF
// token), bearer API tokens, and the management of those tokens.

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"

namespace lt::app {

struct Session {
  std::string session_token;  // the cookie value; stored only as a hash
  std::string csrf_token;     // sent back by the browser in X-CSRF-Token
  TimestampMs expires_at = 0;
  domain::User user;
};

struct Caller {
  domain::Principal principal;
  domain::User user;
  std::optional<std::string> csrf_token;  // set for session callers: unsafe methods must echo it
  std::string locale;
};

struct CreatedToken {
  domain::ApiToken token;
  std::string secret;  // shown once
};

// Thread-safe. Keeps the login failure counts in memory, and resolved bearer
// tokens for a few seconds so an integration's requests do not each read the
// token and its user: a change to any token or user through this process
// clears that cache at once; other processes (several nodes) see a revoked
// token or deactivated user after at most kTokenCacheTtl.
class Authenticator {
 public:
  explicit Authenticator(AppContext& context) : context_(context) {}

  // Errors: kUnauthenticated (wrong e-mail or password, inactive user),
  // kRateLimited (args carry retry_after seconds) once this e-mail failed
  // login_max_failures times from this address, or the address failed four
  // times that across accounts, within the window: the wait starts at 30 s
  // and doubles with each further failure, up to the window. A wrong login
  // costs the same password check whether or not the account exists.
  Result<Session> Login(const std::string& email, const std::string& password,
                        const std::string& address);
  Status Logout(const std::string& session_token);
  // A session for a user who proved who they are (a password, or a portal
  // customer's one-time code, app/portal_sign_in.hpp), with its "login"
  // audit record, in one transaction.
  Result<Session> OpenSession(const domain::User& user);

  // kUnauthenticated when the session is unknown or expired.
  Result<Caller> ResolveSession(const std::string& session_token);
  // kUnauthenticated when the token is unknown, revoked, or its user inactive.
  Result<Caller> ResolveBearer(const std::string& token);

  // Creates a token for `user_id` (default: the caller). Admins may create
  // tokens for anyone; others only for themselves.
  Result<CreatedToken> CreateToken(const domain::Principal& principal,
                                   std::optional<domain::Id> user_id, const std::string& name);
  Result<std::vector<domain::ApiToken>> ListTokens(const domain::Principal& principal);
  Status RevokeToken(const domain::Principal& principal, domain::Id token_id);

  // Forgets every cached token: call after changing a user (role,
  // departments, active) so the change applies to the next request.
  void ForgetCachedCallers();

  static constexpr std::chrono::seconds kTokenCacheTtl{5};

 private:
  Result<Caller> CallerFor(storage::Connection& connection, domain::Id user_id);
  // Seconds until `key` may try again, once its failures in the window
  // reached `limit`: 30 s after the latest, doubling with each failure beyond.
  std::optional<std::int64_t> SecondsUntilAllowed(const std::string& key, int limit,
                                                  TimestampMs now);
  void RecordFailure(const std::string& key, int limit, TimestampMs now);

  struct CachedCaller {
    Caller caller;
    std::chrono::steady_clock::time_point expires;
  };

  AppContext& context_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<TimestampMs>> failures_;  // guarded by mutex_
  std::unordered_map<std::string, CachedCaller> token_cache_;  // by token hash; guarded by mutex_
};

}  // namespace lt::app
