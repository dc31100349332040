#include "http/json/notification_wire.hpp"

#include "http/json/object_reader.hpp"
#include "http/json/outbox_wire.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

json NotificationToJson(const app::ListedNotification& listed) {
  const domain::Notification& notification = listed.notification;
  return {{"id", notification.id},
          {"kind", notification.kind},
          {"case_id", OptionalId(notification.case_id)},
          {"case_number", notification.case_number},
          {"target", notification.target},
          {"subject", notification.subject},
          {"due_at", OptionalTime(notification.due_at)},
          {"message", listed.text},
          {"created_at", FormatTimestamp(notification.created_at)},
          {"read_at", OptionalTime(notification.read_at)}};
}

json NotificationPreferencesToJson(const domain::NotificationPreferences& preferences) {
  return {{"mobile", preferences.mobile},
          {"email_kinds", preferences.email_kinds},
          {"sms_kinds", preferences.sms_kinds},
          {"kinds", domain::kNotificationKinds}};
}

Result<domain::NotificationPreferences> ParseNotificationPreferences(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  domain::NotificationPreferences preferences;
  preferences.mobile = reader.String("mobile").value_or("");
  preferences.email_kinds = reader.StringList("email_kinds").value_or(std::vector<std::string>{});
  preferences.sms_kinds = reader.StringList("sms_kinds").value_or(std::vector<std::string>{});
  return Finish(reader, errors, std::move(preferences));
}

json GroupRobotToJson(const app::GroupRobotView& view) {
  const domain::GroupRobot& robot = view.robot;
  json out = {{"id", robot.id},
              {"name", robot.name},
              {"kind", domain::kRobotKindCodes.ToCode(robot.kind)},
              {"department_id", OptionalId(robot.department_id)},
              {"url", robot.url},
              {"secret_set", view.secret_set},
              {"kinds", robot.kinds},
              {"language", robot.language},
              {"active", robot.active},
              {"created_at", FormatTimestamp(robot.created_at)},
              {"updated_at", FormatTimestamp(robot.updated_at)},
              {"last_message", nullptr}};
  if (view.last_message) out["last_message"] = OutboxMessageToJson(*view.last_message);
  return out;
}

Result<app::GroupRobotInput> ParseGroupRobot(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::GroupRobotInput input;
  input.name = reader.RequiredString("name");
  if (!reader.Has("kind")) errors.Add("kind", "validation.required");
  input.kind = reader.Enum("kind", domain::kRobotKindCodes).value_or(domain::RobotKind::kWecom);
  input.url = reader.RequiredString("url");
  input.kinds = reader.StringList("kinds").value_or(std::vector<std::string>{});
  if (auto department = reader.NullableId("department_id")) input.department_id = *department;
  input.language = reader.String("language").value_or("zh-CN");
  input.active = reader.Boolean("active").value_or(true);
  input.secret = reader.String("secret");
  return Finish(reader, errors, std::move(input));
}

}  // namespace lt::http::wire
