#pragma once

// The JSON shapes of the outbox (messages to customers and their delivery)
// and of the SMTP settings.

#include <nlohmann/json.hpp>

#include "app/channel_settings.hpp"
#include "app/outbox.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

nlohmann::json OutboxMessageToJson(const domain::OutboxMessage& message);
Result<app::CustomerMessageInput> ParseCustomerMessage(const nlohmann::json& body);

nlohmann::json SmtpSettingsToJson(const std::optional<app::SmtpSettingsView>& view);
Result<app::SmtpSettingsInput> ParseSmtpSettings(const nlohmann::json& body);

}  // namespace lt::http::wire
