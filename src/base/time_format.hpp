#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.hpp"

namespace lt {

// Formats an instant as RFC 3339 in UTC with milliseconds: 2026-03-01T08:30:00.000Z.
std::string FormatTimestamp(TimestampMs at_ms);

// Parses RFC 3339 / ISO 8601 date-times ("2026-03-01T08:30:00Z",
// "2026-03-01T16:30:00+08:00", "2026-03-01 08:30:00" read as UTC) and plain
// dates ("2026-03-01", read as midnight UTC). Returns nullopt when malformed.
std::optional<TimestampMs> ParseTimestamp(std::string_view text);

// Parses with a strftime-style format such as "%d-%m-%y" or "%m/%d/%Y %H:%M",
// reading the result as UTC. nullopt unless the whole text matches.
std::optional<TimestampMs> ParseTimestampWithFormat(std::string_view text,
                                                    const std::string& format);

// The calendar year (UTC) of an instant.
int YearOf(TimestampMs at_ms);

}  // namespace lt
