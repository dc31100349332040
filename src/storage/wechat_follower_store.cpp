#include "storage/wechat_follower_store.hpp"

namespace lt::storage {

Result<std::optional<domain::WechatFollower>> WechatFollowerStore::Find(const std::string& openid) {
  std::optional<domain::WechatFollower> found;
  LT_TRY(connection_.Query(
      "SELECT openid, last_inbound_at, sent_in_window, subscribed, binding_failures, "
      "binding_failed_at FROM wechat_followers WHERE openid = $1",
      {openid}, [&](const Row& row) {
        found = domain::WechatFollower{
            row.Text(0),     row.OptionalInt(1),           static_cast<int>(row.Int(2)),
            row.Int(3) != 0, static_cast<int>(row.Int(4)), row.OptionalInt(5)};
      }));
  return found;
}

Status WechatFollowerStore::RecordInbound(const std::string& openid, TimestampMs at) {
  LT_TRY(connection_.Execute(
      "INSERT INTO wechat_followers (openid, last_inbound_at, sent_in_window, subscribed, "
      "created_at, updated_at) VALUES ($1, $2, 0, 1, $2, $2) ON CONFLICT (openid) DO UPDATE SET "
      "last_inbound_at = excluded.last_inbound_at, sent_in_window = 0, subscribed = 1, "
      "updated_at = excluded.updated_at",
      {openid, at}));
  return Ok();
}

Status WechatFollowerStore::RecordSent(const std::string& openid, TimestampMs at) {
  LT_TRY(connection_.Execute(
      "UPDATE wechat_followers SET sent_in_window = sent_in_window + 1, updated_at = $2 "
      "WHERE openid = $1",
      {openid, at}));
  return Ok();
}

Status WechatFollowerStore::RecordSubscription(const std::string& openid, bool subscribed,
                                               TimestampMs at) {
  LT_TRY(connection_.Execute(
      "INSERT INTO wechat_followers (openid, subscribed, created_at, updated_at) "
      "VALUES ($1, $2, $3, $3) ON CONFLICT (openid) DO UPDATE SET "
      "subscribed = excluded.subscribed, updated_at = excluded.updated_at",
      {openid, std::int64_t{subscribed ? 1 : 0}, at}));
  return Ok();
}

Status WechatFollowerStore::RecordBindingFailure(const std::string& openid, int failures,
                                                 TimestampMs at) {
  LT_TRY(connection_.Execute(
      "INSERT INTO wechat_followers (openid, subscribed, binding_failures, binding_failed_at, "
      "created_at, updated_at) VALUES ($1, 1, $2, $3, $3, $3) ON CONFLICT (openid) DO UPDATE SET "
      "binding_failures = excluded.binding_failures, "
      "binding_failed_at = excluded.binding_failed_at, updated_at = excluded.updated_at",
      {openid, std::int64_t{failures}, at}));
  return Ok();
}

}  // namespace lt::storage
