#pragma once

// The JSON shape of a notification.

#include <nlohmann/json.hpp>

#include <vector>

#include "app/inputs.hpp"
#include "domain/notification.hpp"
#include "i18n/i18n.hpp"

namespace lt::http::wire {

nlohmann::json NotificationToJson(const domain::Notification& notification, i18n::Locale locale);

}  // namespace lt::http::wire
