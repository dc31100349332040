#include "http/json/notification_wire.hpp"

#include <tuple>

#include "http/json/wire_support.hpp"
#include "http/json/workflow_wire.hpp"

namespace lt::http::wire {
using nlohmann::json;

json NotificationToJson(const domain::Notification& notification, i18n::Locale locale) {
  const std::string target_name =
      NameOf({}, "sla.target." + notification.target, notification.target, locale);
  const std::string due = notification.due_at ? FormatTimestamp(*notification.due_at) : "";
  return {{"id", notification.id},
          {"kind", notification.kind},
          {"case_id", OptionalId(notification.case_id)},
          {"case_number", notification.case_number},
          {"target", notification.target},
          {"due_at", OptionalTime(notification.due_at)},
          {"message",
           i18n::Translate(
               locale, "notification." + notification.kind,
               {{"number", notification.case_number}, {"target", target_name}, {"due_at", due}})},
          {"created_at", FormatTimestamp(notification.created_at)},
          {"read_at", OptionalTime(notification.read_at)}};
}

}  // namespace lt::http::wire
