#pragma once

// One word for all the SLA clocks of a case, as a queue row shows it: the
// most pressing of them.

#include <optional>
#include <span>
#include <string_view>

#include "sla/sla_clock.hpp"

namespace lt::sla {

// "breached" when a clock was breached or runs past its due time; else
// "warning" when a running clock is past its warning time; else "running",
// "paused" or "met" by the first clock in that order; nullopt without clocks.
std::optional<std::string_view> SummaryState(std::span<const SlaClock> clocks, TimestampMs now);

}  // namespace lt::sla
