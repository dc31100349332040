#include "sla/clock_summary.hpp"

#include <algorithm>

namespace lt::sla {

std::optional<std::string_view> SummaryState(std::span<const SlaClock> clocks, TimestampMs now) {
  if (clocks.empty()) return std::nullopt;
  const auto any = [&](auto predicate) { return std::ranges::any_of(clocks, predicate); };
  const auto running = [](const SlaClock& c) { return c.state == ClockState::kRunning; };
  if (any([&](const SlaClock& c) {
        return c.state == ClockState::kBreached || (running(c) && c.due_at <= now);
      })) {
    return "breached";
  }
  if (any([&](const SlaClock& c) { return running(c) && c.warn_at && *c.warn_at <= now; })) {
    return "warning";
  }
  if (any(running)) return "running";
  if (any([](const SlaClock& c) { return c.state == ClockState::kPaused; })) return "paused";
  return "met";
}

}  // namespace lt::sla
