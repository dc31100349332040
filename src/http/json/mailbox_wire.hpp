#pragma once

// The JSON shapes of the mailboxes Lingting fetches.

#include <nlohmann/json.hpp>

#include "app/mailboxes.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

nlohmann::json MailboxToJson(const app::MailboxView& view);
Result<app::MailboxInput> ParseMailbox(const nlohmann::json& body);

}  // namespace lt::http::wire
