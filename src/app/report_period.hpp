#pragma once

// The periods monthly figures are counted in, in the business calendar's
// time zone (a month in Shanghai starts at 16:00 UTC the day before).

#include <string_view>

#include "base/clock.hpp"
#include "base/result.hpp"

namespace lt::app {

struct Period {
  TimestampMs from = 0;  // inclusive
  TimestampMs to = 0;    // exclusive
};

// "2026-11" → [2026-11-01 00:00, 2026-12-01 00:00) local time.
// Errors: kInvalidArgument on field `field` ("validation.month") when malformed.
Result<Period> MonthPeriod(std::string_view month, std::string_view field = "month");

// "2026" → the whole year, "2026-11" → that month (local time).
// Errors: kInvalidArgument on `field` ("validation.period").
Result<Period> YearOrMonthPeriod(std::string_view text, std::string_view field = "period");

// The month (local time) that contains `at`.
Result<Period> MonthContaining(TimestampMs at);

}  // namespace lt::app
