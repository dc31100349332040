#include "app/authentication.hpp"

#include "app/audit_trail.hpp"
#include "app/field_rules.hpp"
#include "base/crypto.hpp"
#include "domain/contact.hpp"
#include "storage/audit_store.hpp"
#include "storage/auth_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/directory_store.hpp"

namespace lt::app {
namespace {

constexpr std::string_view kTokenPrefix = "lt_";
// A token's last use is written at most this often, so a busy integration
// does not turn every request into a write.
constexpr std::int64_t kTokenTouchIntervalMs = 60 * 1000;

domain::Principal PrincipalOf(const domain::User& user) {
  domain::Principal principal;
  principal.user_id = user.id;
  principal.role = user.role;
  principal.department_ids = user.department_ids;
  principal.customer_id = user.customer_id;
  return principal;
}

Error Unauthenticated() { return Error::Of(ErrorCode::kUnauthenticated, "error.unauthenticated"); }

// The first wait once failures reach their limit; each failure after that
// doubles it, up to the window.
constexpr std::int64_t kFirstBackoffMs = 30 * 1000;
// A client may fail this many times the account limit across accounts
// before it is slowed down itself (one office behind one address).
constexpr int kClientLimitFactor = 4;
// The wait doubles at most this many times (the window caps it long before).
constexpr int kMaxDoublings = 20;
// Past this many keys, keys whose failures all left the window are dropped.
constexpr std::size_t kPruneAboveKeys = 10000;

// A password hash of the same cost as real ones, checked when the account
// is unknown or cannot log in, so that the time a wrong login takes does
// not tell which e-mail addresses have accounts.
const std::string& DecoyPasswordHash() {
  static const std::string hash = HashPassword(RandomHex(16)).value_or(std::string());
  return hash;
}

}  // namespace

std::optional<std::int64_t> Authenticator::SecondsUntilAllowed(const std::string& key, int limit,
                                                               TimestampMs now) {
  auto found = failures_.find(key);
  if (found == failures_.end()) return std::nullopt;
  auto& times = found->second;
  while (!times.empty() && times.front() <= now - context_.options.login_window_ms) {
    times.pop_front();
  }
  const int count = static_cast<int>(times.size());
  if (count < limit) return std::nullopt;
  // Back off progressively from the latest failure: 30 s, 1 min, 2 min, ...
  const int doublings = std::min(count - limit, kMaxDoublings);
  const std::int64_t backoff =
      std::min(kFirstBackoffMs << doublings, context_.options.login_window_ms);
  const TimestampMs allowed_at = times.back() + backoff;
  if (allowed_at <= now) return std::nullopt;
  return (allowed_at - now + 999) / 1000;
}

void Authenticator::RecordFailure(const std::string& key, int limit, TimestampMs now) {
  if (failures_.size() > kPruneAboveKeys) {
    std::erase_if(failures_, [&](const auto& entry) {
      return entry.second.empty() || entry.second.back() <= now - context_.options.login_window_ms;
    });
  }
  auto& times = failures_[key];
  times.push_back(now);
  // More failures than the last doubling needs change nothing.
  while (static_cast<int>(times.size()) > limit + kMaxDoublings + 1) times.pop_front();
}

Result<Session> Authenticator::Login(const std::string& email_text, const std::string& password,
                                     const std::string& address) {
  const TimestampMs now = context_.clock.NowMs();
  const std::string email = domain::NormalizeEmail(email_text).value_or(email_text);
  // Failures count per account from one client, and per client across
  // accounts: guessing one account's password from one place is slowed
  // down, while its owner elsewhere, and other people at that place, still
  // log in.
  const std::string account_key = "account:" + email + "\n" + address;
  const std::string client_key = "client:" + address;
  const int account_limit = context_.options.login_max_failures;
  const int client_limit = account_limit * kClientLimitFactor;
  {
    std::lock_guard lock(mutex_);
    std::optional<std::int64_t> wait = SecondsUntilAllowed(account_key, account_limit, now);
    if (!wait) wait = SecondsUntilAllowed(client_key, client_limit, now);
    if (wait) {
      return Error::Of(ErrorCode::kRateLimited, "error.rate_limited",
                       {{"retry_after", std::to_string(*wait)}});
    }
  }
  std::optional<domain::User> user;
  std::optional<std::string> hash;
  LT_TRY(context_.database.Read([&](storage::Connection& connection) -> Status {
    storage::DirectoryStore directory(connection);
    LT_TRY_ASSIGN(user, directory.FindUserByEmail(email));
    if (user) {
      LT_TRY_ASSIGN(hash, directory.PasswordHashOf(user->id));
    }
    return Ok();
  }));
  // The same work whether or not the account exists or may log in.
  const bool can_log_in = user && user->active && hash;
  const bool password_matches = VerifyPassword(password, can_log_in ? *hash : DecoyPasswordHash());
  if (!can_log_in || !password_matches) {
    std::lock_guard lock(mutex_);
    RecordFailure(account_key, account_limit, now);
    RecordFailure(client_key, client_limit, now);
    return Error::Of(ErrorCode::kUnauthenticated, "error.login_failed");
  }
  {
    std::lock_guard lock(mutex_);
    failures_.erase(account_key);
  }
  return OpenSession(*user);
}

Result<Session> Authenticator::OpenSession(const domain::User& user) {
  const TimestampMs now = context_.clock.NowMs();
  Session session;
  session.session_token = RandomHex(32);
  session.csrf_token = RandomHex(24);
  session.expires_at = now + context_.options.session_ttl_ms;
  session.user = user;
  LT_TRY(context_.database.Write([&](storage::Connection& connection) -> Status {
    storage::AuthStore auth(connection);
    LT_TRY(auth.DeleteExpiredSessions(now));
    LT_TRY(auth.InsertSession(user.id, HashToken(session.session_token), session.csrf_token, now,
                              session.expires_at));
    return storage::AuditStore(connection)
        .Append(MakeEvent("user", user.id, "login", user.id, now, {}));
  }));
  return session;
}

Status Authenticator::Logout(const std::string& session_token) {
  return context_.database.Write([&](storage::Connection& connection) -> Status {
    return storage::AuthStore(connection).DeleteSession(HashToken(session_token));
  });
}

Result<Caller> Authenticator::CallerFor(storage::Connection& connection, domain::Id user_id) {
  LT_TRY_ASSIGN(auto user, storage::DirectoryStore(connection).FindUser(user_id));
  if (!user || !user->active) return Unauthenticated();
  Caller caller;
  caller.principal = PrincipalOf(*user);
  caller.locale = user->locale;
  caller.user = std::move(*user);
  return caller;
}

Result<Caller> Authenticator::ResolveSession(const std::string& session_token) {
  if (session_token.size() != 64) return Unauthenticated();
  const TimestampMs now = context_.clock.NowMs();
  Caller caller;
  LT_TRY(context_.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto session,
                  storage::AuthStore(connection).FindSession(HashToken(session_token)));
    if (!session || session->expires_at <= now) return Unauthenticated();
    LT_TRY_ASSIGN(caller, CallerFor(connection, session->user_id));
    caller.csrf_token = session->csrf_token;
    return Ok();
  }));
  return caller;
}

void Authenticator::ForgetCachedCallers() {
  std::lock_guard lock(mutex_);
  token_cache_.clear();
}

Result<Caller> Authenticator::ResolveBearer(const std::string& token) {
  if (token.rfind(kTokenPrefix, 0) != 0) return Unauthenticated();
  const std::string token_hash = HashToken(token);
  const auto steady_now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    const auto cached = token_cache_.find(token_hash);
    if (cached != token_cache_.end() && cached->second.expires > steady_now)
      return cached->second.caller;
  }
  const TimestampMs now = context_.clock.NowMs();
  Caller caller;
  std::optional<domain::ApiToken> stored;
  LT_TRY(context_.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(stored, storage::AuthStore(connection).FindActiveToken(token_hash));
    if (!stored) return Unauthenticated();
    LT_TRY_ASSIGN(caller, CallerFor(connection, stored->user_id));
    return Ok();
  }));
  if (!stored->last_used_at || *stored->last_used_at < now - kTokenTouchIntervalMs) {
    std::ignore = context_.database.Write([&](storage::Connection& connection) -> Status {
      return storage::AuthStore(connection).TouchToken(stored->id, now);
    });  // last_used_at is informational; the request goes on if it fails
  }
  std::lock_guard lock(mutex_);
  if (token_cache_.size() > 10000)
    token_cache_.clear();  // bounded: many distinct tokens are unusual
  token_cache_[token_hash] = CachedCaller{caller, steady_now + kTokenCacheTtl};
  return caller;
}

Result<CreatedToken> Authenticator::CreateToken(const domain::Principal& principal,
                                                std::optional<domain::Id> user_id,
                                                const std::string& name) {
  const domain::Id owner = user_id.value_or(principal.user_id.value_or(0));
  const bool own = principal.user_id == owner;
  if (!(own ? domain::HasPermission(principal, domain::Permission::kManageOwnTokens)
            : domain::HasPermission(principal, domain::Permission::kManageAllTokens))) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  FieldErrors errors;
  const std::string token_name =
      CheckText(name.empty() ? "api" : name, "name", 100, Presence::kRequired, errors);
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context_.clock.NowMs();
  CreatedToken created;
  created.secret = std::string(kTokenPrefix) + RandomHex(20);
  created.token = domain::ApiToken{0,   owner,        token_name,  created.secret.substr(0, 8),
                                   now, std::nullopt, std::nullopt};
  LT_TRY(context_.database.Write([&](storage::Connection& connection) -> Status {
    FieldErrors reference_errors;
    LT_TRY_ASSIGN(auto user, storage::DirectoryStore(connection).FindUser(owner));
    if (!user) {
      reference_errors.Add("user_id", "validation.unknown_reference",
                           {{"what", "@word.user"}, {"id", std::to_string(owner)}});
      return reference_errors.ToError();
    }
    LT_TRY_ASSIGN(
        created.token.id,
        storage::AuthStore(connection).InsertToken(created.token, HashToken(created.secret)));
    ChangeList changes;
    changes.Record("token_id", std::optional<domain::Id>(),
                   std::optional<domain::Id>(created.token.id));
    changes.Record("name", std::nullopt, token_name);
    return storage::AuditStore(connection)
        .Append(MakeEvent("user", owner, "create_token", principal.user_id, now, changes.Take()));
  }));
  return created;
}

Result<std::vector<domain::ApiToken>> Authenticator::ListTokens(
    const domain::Principal& principal) {
  const bool all = domain::HasPermission(principal, domain::Permission::kManageAllTokens);
  if (!all && !domain::HasPermission(principal, domain::Permission::kManageOwnTokens)) {
    return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  }
  std::vector<domain::ApiToken> tokens;
  LT_TRY(context_.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(
        tokens, storage::AuthStore(connection).ListTokens(all ? std::nullopt : principal.user_id));
    return Ok();
  }));
  return tokens;
}

Status Authenticator::RevokeToken(const domain::Principal& principal, domain::Id token_id) {
  const TimestampMs now = context_.clock.NowMs();
  const Status revoked = context_.database.Write([&](storage::Connection& connection) -> Status {
    storage::AuthStore auth(connection);
    LT_TRY_ASSIGN(auto token, auth.FindToken(token_id));
    const bool own = token && token->user_id == principal.user_id;
    if (!token ||
        (!own && !domain::HasPermission(principal, domain::Permission::kManageAllTokens))) {
      return Error::Of(ErrorCode::kNotFound, "error.not_found");
    }
    LT_TRY(auth.RevokeToken(token_id, now));
    ChangeList changes;
    changes.Record("token_id", std::optional<domain::Id>(), std::optional<domain::Id>(token_id));
    return storage::AuditStore(connection)
        .Append(MakeEvent("user", token->user_id, "revoke_token", principal.user_id, now,
                          changes.Take()));
  });
  ForgetCachedCallers();
  return revoked;
}

}  // namespace lt::app
