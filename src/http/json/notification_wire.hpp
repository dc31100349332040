#pragma once

// The JSON shapes of notifications, of a user's choice of channels for
// them, and of the group robots that post them.

#include <nlohmann/json.hpp>

#include "app/group_robots.hpp"
#include "app/staff_notifications.hpp"
#include "base/result.hpp"
#include "domain/notification.hpp"

namespace lt::http::wire {

nlohmann::json NotificationToJson(const app::ListedNotification& listed);

nlohmann::json NotificationPreferencesToJson(const domain::NotificationPreferences& preferences);
// {"mobile"?, "email_kinds"?, "sms_kinds"?}
Result<domain::NotificationPreferences> ParseNotificationPreferences(const nlohmann::json& body);

nlohmann::json GroupRobotToJson(const app::GroupRobotView& view);
// {"name", "kind", "url", "kinds", "department_id"?, "language"?, "active"?, "secret"?}
Result<app::GroupRobotInput> ParseGroupRobot(const nlohmann::json& body);

}  // namespace lt::http::wire
