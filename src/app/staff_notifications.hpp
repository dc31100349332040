#pragma once

// Staff notifications where staff are (issue 16). SLA warnings and breaches,
// assignments, claims awaiting approval and actions falling due reach each
// user in the console (live, with an unread count) and, as the user chose
// per kind, by e-mail and SMS; a department's group robots on WeCom,
// DingTalk and Feishu post the kinds their administrator chose to the chat
// group. Everything beyond the console goes through the outbox in the
// transaction that gave the notice: sent once, retried, with a link back to
// the case.

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/notification.hpp"
#include "i18n/i18n.hpp"

namespace lt::app {

// One notice about a case, before it is addressed.
struct StaffNotice {
  std::string kind;  // one of domain::kNotificationKinds
  const domain::Case* about = nullptr;
  std::string target;   // the SLA target of an SLA alert
  std::string subject;  // the action, the claim's amount
  std::optional<TimestampMs> due_at;
};

// Gives `notice` to `user_ids` (inactive users and repeats skipped) in the
// caller's write transaction: a console notification each, with a live
// notice; an e-mail or a text to those who chose it for the kind; and a post
// by each active group robot of the case's department (or of every
// department) that takes the kind, once per robot. Links point at
// `public_url`. Robots post even when `user_ids` is empty.
Status NotifyStaff(storage::Connection& connection, const std::string& public_url,
                   const StaffNotice& notice, const std::vector<Id>& user_ids, TimestampMs now);

// Tells the case's assignee that it is theirs now, unless it was theirs
// before (`previous`) or they assigned it to themselves (`by`).
Status NotifyAssignee(storage::Connection& connection, const std::string& public_url,
                      const domain::Case& a_case, std::optional<Id> previous, std::optional<Id> by,
                      TimestampMs now);

// The text of a notification in `locale`: "案件 TS-2026-000123 已分派给您".
// `due` is the deadline as the reader reads it (local time); `target_name`
// the SLA target's name.
std::string NotificationText(i18n::Locale locale, const domain::Notification& notification,
                             const std::string& target_name, const std::string& due);

// The principal's notifications, newest first, each with its text in
// `locale`, and how many are unread.
struct ListedNotification {
  domain::Notification notification;
  std::string text;
};
struct NotificationList {
  std::vector<ListedNotification> items;
  std::int64_t unread = 0;
};
Result<NotificationList> ListNotifications(AppContext& context, const domain::Principal& principal,
                                           i18n::Locale locale, bool unread_only, int limit);
// Errors: kNotFound when it is not one of the principal's.
Status MarkNotificationRead(AppContext& context, const domain::Principal& principal, Id id);
Status MarkAllNotificationsRead(AppContext& context, const domain::Principal& principal);

// The principal's own choice of e-mail and SMS per kind (staff only; the
// defaults, nothing beyond the console, while none is stored).
Result<domain::NotificationPreferences> GetNotificationPreferences(
    AppContext& context, const domain::Principal& principal);
// Errors: kForbidden (not staff); kInvalidArgument: "mobile" (not a mobile
// number), "email_kinds[i]"/"sms_kinds[i]" (unknown kind), "mobile" required
// for SMS kinds.
Result<domain::NotificationPreferences> SaveNotificationPreferences(
    AppContext& context, const domain::Principal& principal,
    domain::NotificationPreferences preferences);

}  // namespace lt::app
