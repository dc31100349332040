#pragma once

#include <optional>
#include <string>

#include "base/result.hpp"
#include "domain/wechat.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// The WeChat followers' customer-service windows (migrations/*/0024_wechat.sql).
class WechatFollowerStore {
 public:
  explicit WechatFollowerStore(Connection& connection) : connection_(connection) {}

  Result<std::optional<domain::WechatFollower>> Find(const std::string& openid);
  // The follower wrote at `at`: the window opens again, subscribed.
  Status RecordInbound(const std::string& openid, TimestampMs at);
  // One more customer-service message went to them.
  Status RecordSent(const std::string& openid, TimestampMs at);
  // They followed or unfollowed the account.
  Status RecordSubscription(const std::string& openid, bool subscribed, TimestampMs at);
  // They sent a wrong binding code: `failures` in a row now (0 to forget).
  Status RecordBindingFailure(const std::string& openid, int failures, TimestampMs at);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
