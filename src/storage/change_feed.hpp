#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/call.hpp"
#include "domain/entities.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Case changes as Connection::Notify payloads (compact JSON).

// Publishes `change` from inside the write transaction that made it.
Status PublishCaseChange(Connection& connection, const domain::CaseChange& change);
// The same for several changes, in order.
Status PublishCaseChanges(Connection& connection, std::span<const domain::CaseChange> changes);

// Reads a payload back; nullopt when it is not a case change.
std::optional<domain::CaseChange> ParseCaseChange(std::string_view payload);

// A call's notice for the consoles (domain/call.hpp), on the same feed.
Status PublishCallNotice(Connection& connection, const domain::CallNotice& notice);
std::optional<domain::CallNotice> ParseCallNotice(std::string_view payload);

// That `user_ids` have a new notification, on the same feed.
Status PublishUserNotice(Connection& connection, const std::vector<domain::Id>& user_ids);
std::optional<std::vector<domain::Id>> ParseUserNotice(std::string_view payload);

}  // namespace lt::storage
