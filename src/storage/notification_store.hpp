#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/notification.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// What users are told (migrations/*/0004_sla.sql, 0023_staff_notifications.sql).
class NotificationStore {
 public:
  explicit NotificationStore(Connection& connection) : connection_(connection) {}

  Status Insert(const domain::Notification& notification);
  // Newest first, up to `limit`; only unread ones when asked.
  Result<std::vector<domain::Notification>> ListForUser(domain::Id user_id, bool unread_only,
                                                        int limit);
  Result<std::int64_t> CountUnread(domain::Id user_id);
  // Marks one of the user's notifications read; false when it is not theirs.
  Result<bool> MarkRead(domain::Id user_id, domain::Id id, TimestampMs at);
  // Marks all of the user's notifications read.
  Status MarkAllRead(domain::Id user_id, TimestampMs at);

 private:
  Connection& connection_;
};

// How each user wants to hear of notifications beyond the console.
class NotificationPreferenceStore {
 public:
  explicit NotificationPreferenceStore(Connection& connection) : connection_(connection) {}

  Result<std::optional<domain::NotificationPreferences>> Find(domain::Id user_id);
  Status Save(const domain::NotificationPreferences& preferences);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
