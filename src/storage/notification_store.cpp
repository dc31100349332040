#include "storage/notification_store.hpp"

#include "storage/code_list.hpp"

namespace lt::storage {

using domain::Id;

Status NotificationStore::Insert(const domain::Notification& notification) {
  LT_TRY(connection_.Execute(
      "INSERT INTO notifications (user_id, kind, case_id, target, subject, due_at, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {notification.user_id, notification.kind, OptionalValue(notification.case_id),
       notification.target, notification.subject, OptionalValue(notification.due_at),
       notification.created_at}));
  return Ok();
}

Result<std::vector<domain::Notification>> NotificationStore::ListForUser(Id user_id,
                                                                         bool unread_only,
                                                                         int limit) {
  std::vector<domain::Notification> out;
  LT_TRY(connection_.Query(
      std::string("SELECT n.id, n.user_id, n.kind, n.case_id, COALESCE(c.number, ''), n.target, "
                  "n.subject, n.due_at, n.created_at, n.read_at FROM notifications n "
                  "LEFT JOIN cases c ON c.id = n.case_id WHERE n.user_id = $1") +
          (unread_only ? " AND n.read_at IS NULL" : "") + " ORDER BY n.id DESC LIMIT $2",
      {user_id, std::int64_t{limit}}, [&](const Row& row) {
        out.push_back(domain::Notification{row.Int(0), row.Int(1), row.Text(2), row.OptionalInt(3),
                                           row.Text(4), row.Text(5), row.Text(6),
                                           row.OptionalInt(7), row.Int(8), row.OptionalInt(9)});
      }));
  return out;
}

Result<std::int64_t> NotificationStore::CountUnread(Id user_id) {
  std::int64_t count = 0;
  LT_TRY(
      connection_.Query("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
                        {user_id}, [&](const Row& row) { count = row.Int(0); }));
  return count;
}

Result<bool> NotificationStore::MarkRead(Id user_id, Id id, TimestampMs at) {
  LT_TRY_ASSIGN(const std::int64_t changed,
                connection_.Execute("UPDATE notifications SET read_at = COALESCE(read_at, $1) "
                                    "WHERE id = $2 AND user_id = $3",
                                    {at, id, user_id}));
  return changed > 0;
}

Status NotificationStore::MarkAllRead(Id user_id, TimestampMs at) {
  LT_TRY(connection_.Execute(
      "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
      {at, user_id}));
  return Ok();
}

Result<std::optional<domain::NotificationPreferences>> NotificationPreferenceStore::Find(
    Id user_id) {
  std::optional<domain::NotificationPreferences> found;
  LT_TRY(connection_.Query(
      "SELECT user_id, mobile, email_kinds, sms_kinds, updated_at FROM notification_preferences "
      "WHERE user_id = $1",
      {user_id}, [&](const Row& row) {
        found = domain::NotificationPreferences{row.Int(0), row.Text(1), SplitCodes(row.Text(2)),
                                                SplitCodes(row.Text(3)), row.Int(4)};
      }));
  return found;
}

Status NotificationPreferenceStore::Save(const domain::NotificationPreferences& preferences) {
  LT_TRY(connection_.Execute(
      "INSERT INTO notification_preferences (user_id, mobile, email_kinds, sms_kinds, updated_at) "
      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO UPDATE SET mobile = excluded.mobile, "
      "email_kinds = excluded.email_kinds, sms_kinds = excluded.sms_kinds, "
      "updated_at = excluded.updated_at",
      {preferences.user_id, preferences.mobile, JoinCodes(preferences.email_kinds),
       JoinCodes(preferences.sms_kinds), preferences.updated_at}));
  return Ok();
}

}  // namespace lt::storage
