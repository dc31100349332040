#include "storage/notification_store.hpp"

namespace lt::storage {

using domain::Id;

Status NotificationStore::Insert(const domain::Notification& notification) {
  LT_TRY(connection_.Execute(
      "INSERT INTO notifications (user_id, kind, case_id, target, due_at, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {notification.user_id, notification.kind, OptionalValue(notification.case_id),
       notification.target, OptionalValue(notification.due_at), notification.created_at}));
  return Ok();
}

Result<std::vector<domain::Notification>> NotificationStore::ListForUser(Id user_id,
                                                                         bool unread_only,
                                                                         int limit) {
  std::vector<domain::Notification> out;
  LT_TRY(connection_.Query(
      std::string("SELECT n.id, n.user_id, n.kind, n.case_id, COALESCE(c.number, ''), n.target, "
                  "n.due_at, n.created_at, n.read_at FROM notifications n "
                  "LEFT JOIN cases c ON c.id = n.case_id WHERE n.user_id = $1") +
          (unread_only ? " AND n.read_at IS NULL" : "") + " ORDER BY n.id DESC LIMIT $2",
      {user_id, std::int64_t{limit}}, [&](const Row& row) {
        out.push_back(domain::Notification{row.Int(0), row.Int(1), row.Text(2), row.OptionalInt(3),
                                           row.Text(4), row.Text(5), row.OptionalInt(6), row.Int(7),
                                           row.OptionalInt(8)});
      }));
  return out;
}

Result<bool> NotificationStore::MarkRead(Id user_id, Id id, TimestampMs at) {
  LT_TRY_ASSIGN(const std::int64_t changed,
                connection_.Execute("UPDATE notifications SET read_at = COALESCE(read_at, $1) "
                                    "WHERE id = $2 AND user_id = $3",
                                    {at, id, user_id}));
  return changed > 0;
}

}  // namespace lt::storage
