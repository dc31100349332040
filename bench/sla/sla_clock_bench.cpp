// SLA clock evaluation throughput: how many clocks per second one core
// computes on the shipped calendar (the evaluation every case change and
// every alert runs). Prints JSON lines; see docs/PERFORMANCE.md.
//   build/test/bench/sla/lingting-sla-bench [--clocks N] [--reps R]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "sla/shipped_calendar.hpp"
#include "sla/sla_clock.hpp"

namespace {

using lt::sla::CaseHistory;

constexpr std::int64_t kHourMs = 3600LL * 1000;

// Complaints received during 2026 at random moments, contacted, with a sample
// received up to 30 hours later and, for one in four, a day of waiting for
// the customer; evaluated a day after receipt.
std::vector<CaseHistory> MakeHistories(int count) {
  std::mt19937_64 random(42);
  const lt::TimestampMs year_start = lt::ParseTimestamp("2026-01-01T00:00:00+08:00").value();
  std::vector<CaseHistory> histories(static_cast<std::size_t>(count));
  for (auto& history : histories) {
    history.received_at = year_start + static_cast<std::int64_t>(random() % (350 * 24)) * kHourMs;
    history.states.push_back({history.received_at, "received", false});
    {
      const auto sample_at =
          history.received_at + static_cast<std::int64_t>(random() % 30) * kHourMs;
      history.events.push_back({"first_contact", history.received_at + kHourMs});
      history.events.push_back({"sample_received", sample_at});
      history.states.push_back({sample_at, "replying", false});
      if (random() % 4 == 0) {
        history.states.push_back({sample_at + 5 * kHourMs, "waiting_customer", false});
        history.states.push_back({sample_at + 29 * kHourMs, "replying", false});
      }
    }
  }
  return histories;
}

}  // namespace

int main(int argc, char** argv) {
  int clocks = 200000;
  int reps = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--clocks") {
      clocks = std::atoi(argv[i + 1]);
    } else if (option == "--reps") {
      reps = std::atoi(argv[i + 1]);
    } else {
      std::fprintf(stderr, "usage: %s [--clocks N] [--reps R]\n", argv[0]);
      return 64;
    }
  }
  const auto calendar = lt::sla::ShippedCalendar();
  if (!calendar.ok()) return 1;
  lt::sla::CaseFacts facts;
  // The targets these histories start: first contact (hours of working days) and
  // the reply (working days, paused while waiting).
  std::vector<lt::sla::SlaTarget> targets;
  for (const auto& target : lt::sla::ChooseTargets(lt::sla::DefaultSlaPolicies(), facts)) {
    if (target.code == "first_contact" || target.code == "reply") targets.push_back(target);
  }
  const auto histories = MakeHistories(clocks);
  std::vector<double> rates;
  for (int rep = 0; rep < reps; ++rep) {
    std::size_t evaluated = 0, started = 0;
    const auto begin = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < histories.size(); ++i) {
      const auto& target = targets[i % targets.size()];
      const auto now = histories[i].received_at + 24 * kHourMs;
      auto clock = lt::sla::EvaluateClock(target, histories[i], *calendar, now);
      ++evaluated;
      if (clock.ok() && clock->has_value()) ++started;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    rates.push_back(static_cast<double>(evaluated) / seconds);
    std::printf(
        "{\"bench\":\"sla_clock_eval\",\"rep\":%d,\"clocks\":%zu,\"started\":%zu,"
        "\"seconds\":%.3f,\"per_second\":%.0f}\n",
        rep + 1, evaluated, started, seconds, rates.back());
  }
  std::sort(rates.begin(), rates.end());
  std::printf("{\"bench\":\"sla_clock_eval\",\"median_per_second\":%.0f}\n",
              rates[rates.size() / 2]);
  return 0;
}
