#pragma once

// The business calendar the SLA tests count on: Monday to Friday,
// 08:30–12:00 and 13:30–17:30 in Shanghai, with mainland China's real 2026
// holidays and adjusted working days (data/holidays-cn/2026.json).

#include <string>

#include "base/time_format.hpp"
#include "sla/business_calendar.hpp"

namespace lt::test {

sla::BusinessCalendar ChinaOffice2026();

// "2026-10-09T14:30:00" as the API writes Shanghai time:
// "2026-10-09T14:30:00+08:00".
inline std::string ShanghaiIso(const std::string& local) { return local + "+08:00"; }

// "2026-10-09T14:30:00" read as Shanghai time.
inline TimestampMs Shanghai(const std::string& local) {
  return ParseTimestamp(ShanghaiIso(local)).value();
}

}  // namespace lt::test
