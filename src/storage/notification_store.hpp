#pragma once

#include <vector>

#include "base/result.hpp"
#include "domain/notification.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// What users are told (migrations/*/0004_sla.sql).
class NotificationStore {
 public:
  explicit NotificationStore(Connection& connection) : connection_(connection) {}

  Status Insert(const domain::Notification& notification);
  // Newest first, up to `limit`; only unread ones when asked.
  Result<std::vector<domain::Notification>> ListForUser(domain::Id user_id, bool unread_only,
                                                        int limit);
  // Marks one of the user's notifications read; false when it is not theirs.
  Result<bool> MarkRead(domain::Id user_id, domain::Id id, TimestampMs at);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
