#include "app/staff_notifications.hpp"

#include <algorithm>

#include "app/authorization.hpp"
#include "app/department_calendars.hpp"
#include "app/outbox.hpp"
#include "domain/contact.hpp"
#include "i18n/i18n.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/directory_store.hpp"
#include "storage/group_robot_store.hpp"
#include "storage/notification_store.hpp"

namespace lt::app {
namespace {

bool Takes(const std::vector<std::string>& kinds, const std::string& kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

i18n::Locale LocaleOf(const std::string& tag) {
  i18n::Locale locale = i18n::kDefaultLocale;
  i18n::ParseLocaleTag(tag, locale);
  return locale;
}

std::string TargetName(i18n::Locale locale, const std::string& target) {
  const std::string key = "sla.target." + target;
  return i18n::HasKey(key) ? i18n::Translate(locale, key) : target;
}

// What a notice says in one language: its title (the first line of an
// e-mail's subject, a robot's heading), its text and the link to the case.
struct NoticeWords {
  std::string title;
  std::string text;
  std::string link;
  std::string link_label;
};

NoticeWords WordsOf(i18n::Locale locale, const domain::Notification& notification,
                    const domain::Case& a_case, const std::string& due,
                    const std::string& public_url) {
  NoticeWords words;
  words.title =
      i18n::Translate(locale, "notice.title." + notification.kind, {{"number", a_case.number}});
  words.text = NotificationText(locale, notification, TargetName(locale, notification.target), due);
  words.text +=
      "\n" + i18n::Translate(locale, "notice.case_subject", {{"subject", a_case.subject}});
  words.link = public_url + "/cases/" + std::to_string(a_case.id);
  words.link_label = i18n::Translate(locale, "notice.open_case");
  return words;
}

}  // namespace

std::string NotificationText(i18n::Locale locale, const domain::Notification& notification,
                             const std::string& target_name, const std::string& due) {
  return i18n::Translate(locale, "notification." + notification.kind,
                         {{"number", notification.case_number},
                          {"target", target_name},
                          {"subject", notification.subject},
                          {"due_at", due}});
}

Status NotifyStaff(storage::Connection& connection, const std::string& public_url,
                   const StaffNotice& notice, const std::vector<Id>& user_ids, TimestampMs now) {
  const domain::Case& a_case = *notice.about;
  domain::Notification notification;
  notification.kind = notice.kind;
  notification.case_id = a_case.id;
  notification.case_number = a_case.number;
  notification.target = notice.target;
  notification.subject = notice.subject;
  notification.due_at = notice.due_at;
  notification.created_at = now;
  std::string due;
  if (notice.due_at) {
    LT_TRY_ASSIGN(const auto calendar, CalendarForDepartment(connection, a_case.department_id));
    due = calendar->FormatLocal(*notice.due_at).substr(0, 16);
  }

  storage::DirectoryStore directory(connection);
  storage::NotificationStore notifications(connection);
  storage::NotificationPreferenceStore preferences(connection);
  std::vector<Id> told;
  for (const Id user_id : user_ids) {
    if (std::find(told.begin(), told.end(), user_id) != told.end()) continue;
    LT_TRY_ASSIGN(const auto user, directory.FindUser(user_id));
    if (!user || !user->active) continue;
    told.push_back(user_id);
    notification.user_id = user_id;
    LT_TRY(notifications.Insert(notification));
    LT_TRY_ASSIGN(const auto chosen, preferences.Find(user_id));
    if (!chosen) continue;
    const bool by_mail = Takes(chosen->email_kinds, notice.kind);
    const bool by_text = Takes(chosen->sms_kinds, notice.kind) && !chosen->mobile.empty();
    if (!by_mail && !by_text) continue;
    const NoticeWords words =
        WordsOf(LocaleOf(user->locale), notification, a_case, due, public_url);
    domain::OutboxMessage message;
    message.recipient_name = user->name;
    if (by_mail) {
      message.channel = domain::OutboxChannel::kEmail;
      message.recipient = user->email;
      message.subject = words.title;
      message.body = words.text + "\n\n" + words.link_label + ": " + words.link + "\n";
      LT_TRY(QueueStaffNotice(connection, message, now));
    }
    if (by_text) {
      message.channel = domain::OutboxChannel::kSms;
      message.recipient = chosen->mobile;
      message.subject.clear();
      message.body = words.text + " " + words.link;
      LT_TRY(QueueStaffNotice(connection, message, now));
    }
  }

  LT_TRY_ASSIGN(const auto robots, storage::GroupRobotStore(connection).List());
  for (const auto& robot : robots) {
    if (!robot.active || !Takes(robot.kinds, notice.kind)) continue;
    if (robot.department_id && robot.department_id != a_case.department_id &&
        robot.department_id != a_case.responsible_department_id) {
      continue;
    }
    const NoticeWords words =
        WordsOf(LocaleOf(robot.language), notification, a_case, due, public_url);
    domain::OutboxMessage message;
    message.channel = domain::OutboxChannel::kRobot;
    message.robot_id = robot.id;
    message.recipient_name = robot.name;
    message.recipient = robot.name;
    message.subject = words.title;
    message.body = RobotMessageJson({words.title, words.text, words.link, words.link_label});
    LT_TRY(QueueStaffNotice(connection, message, now));
  }
  if (told.empty()) return Ok();
  return storage::PublishUserNotice(connection, told);
}

Status NotifyAssignee(storage::Connection& connection, const std::string& public_url,
                      const domain::Case& a_case, std::optional<Id> previous, std::optional<Id> by,
                      TimestampMs now) {
  if (!a_case.assignee_id || a_case.assignee_id == previous || a_case.assignee_id == by) {
    return Ok();
  }
  StaffNotice notice;
  notice.kind = "assignment";
  notice.about = &a_case;
  return NotifyStaff(connection, public_url, notice, std::vector<Id>{*a_case.assignee_id}, now);
}

Result<NotificationList> ListNotifications(AppContext& context, const domain::Principal& principal,
                                           i18n::Locale locale, bool unread_only, int limit) {
  NotificationList list;
  if (!principal.user_id) return list;
  std::vector<domain::Notification> found;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    storage::NotificationStore store(connection);
    LT_TRY_ASSIGN(found, store.ListForUser(*principal.user_id, unread_only, limit));
    LT_TRY_ASSIGN(list.unread, store.CountUnread(*principal.user_id));
    return Ok();
  }));
  LT_TRY_ASSIGN(const auto* calendar, ShippedBusinessCalendar());
  for (auto& notification : found) {
    const std::string due =
        notification.due_at ? calendar->FormatLocal(*notification.due_at).substr(0, 16) : "";
    std::string text =
        NotificationText(locale, notification, TargetName(locale, notification.target), due);
    list.items.push_back({std::move(notification), std::move(text)});
  }
  return list;
}

Status MarkNotificationRead(AppContext& context, const domain::Principal& principal, Id id) {
  if (!principal.user_id) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  const TimestampMs now = context.clock.NowMs();
  return context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const bool marked,
                  storage::NotificationStore(connection).MarkRead(*principal.user_id, id, now));
    if (!marked) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    return Ok();
  });
}

Status MarkAllNotificationsRead(AppContext& context, const domain::Principal& principal) {
  if (!principal.user_id) return Ok();
  const TimestampMs now = context.clock.NowMs();
  return context.database.Write([&](storage::Connection& connection) -> Status {
    return storage::NotificationStore(connection).MarkAllRead(*principal.user_id, now);
  });
}

Result<domain::NotificationPreferences> GetNotificationPreferences(
    AppContext& context, const domain::Principal& principal) {
  LT_TRY(RequireStaff(principal));
  domain::NotificationPreferences preferences;
  if (!principal.user_id) return preferences;
  preferences.user_id = *principal.user_id;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto stored,
                  storage::NotificationPreferenceStore(connection).Find(*principal.user_id));
    if (stored) preferences = *stored;
    return Ok();
  }));
  return preferences;
}

namespace {

// Each kind once, every one known; errors named "<field>[i]".
std::vector<std::string> CheckedKinds(const std::vector<std::string>& kinds,
                                      const std::string& field, FieldErrors& errors) {
  std::vector<std::string> checked;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (!domain::IsNotificationKind(kinds[i])) {
      errors.Add(field + "[" + std::to_string(i) + "]", "validation.notification_kind");
    } else if (!Takes(checked, kinds[i])) {
      checked.push_back(kinds[i]);
    }
  }
  return checked;
}

}  // namespace

Result<domain::NotificationPreferences> SaveNotificationPreferences(
    AppContext& context, const domain::Principal& principal,
    domain::NotificationPreferences preferences) {
  LT_TRY(RequireStaff(principal));
  if (!principal.user_id) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  FieldErrors errors;
  preferences.email_kinds = CheckedKinds(preferences.email_kinds, "email_kinds", errors);
  preferences.sms_kinds = CheckedKinds(preferences.sms_kinds, "sms_kinds", errors);
  if (!preferences.mobile.empty()) {
    const auto phone = domain::NormalizePhone(preferences.mobile);
    if (!phone || !domain::CanReceiveSms(*phone)) {
      errors.Add("mobile", "validation.mobile");
    } else {
      preferences.mobile = *phone;
    }
  } else if (!preferences.sms_kinds.empty()) {
    errors.Add("mobile", "validation.mobile_for_sms");
  }
  if (!errors.empty()) return errors.ToError();
  preferences.user_id = *principal.user_id;
  preferences.updated_at = context.clock.NowMs();
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    return storage::NotificationPreferenceStore(connection).Save(preferences);
  }));
  return preferences;
}

}  // namespace lt::app
