#pragma once

// Recomputing the SLA clocks of open cases after what counts their deadlines
// changed: the SLA policies, a business calendar, or the calendar a
// department counts in. The change schedules a background job
// (kSlaRecomputeKind) in its own transaction; the job walks the open cases in
// scope in id order, a batch per run, and schedules the next batch in the
// transaction that recomputes this one, so a node killed mid-way leaves the
// rest to another node and no batch is applied twice. Clocks that stopped
// keep their verdict (see RefreshSlaClocks).

#include <optional>
#include <string>
#include <string_view>

#include "app/store_access.hpp"
#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"

namespace lt::app {

inline constexpr std::string_view kSlaRecomputeKind = "sla.recompute";

enum class RecomputeScope { kAllOpenCases, kCalendar, kDepartment };

// One run of the job: the open cases in scope with an id above
// after_case_id. ordered_at (when the change was made) tells two walks of
// the same scope apart.
struct SlaRecompute {
  RecomputeScope scope = RecomputeScope::kAllOpenCases;
  domain::Id scope_id = 0;  // the calendar or department; 0 for all open cases
  domain::Id after_case_id = 0;
  TimestampMs ordered_at = 0;
};

// The job's payload and key: "<scope> <scope_id> <after_case_id> <ordered_at>",
// e.g. "calendar 3 120 1764000000000".
std::string EncodeSlaRecompute(const SlaRecompute& run);
std::optional<SlaRecompute> ParseSlaRecompute(std::string_view payload);

// Schedules the walk of `scope` in the caller's write transaction.
Status ScheduleSlaRecompute(storage::Connection& connection, RecomputeScope scope,
                            domain::Id scope_id, TimestampMs now);

// Recomputes the clocks of up to `batch` open cases of the run at `now` and,
// when a full batch was found, schedules the run after the last of them.
// Returns how many cases were recomputed. Call inside a write transaction.
Result<int> RecomputeSlaBatch(storage::Connection& connection, const SlaRecompute& run,
                              TimestampMs now, int batch);

}  // namespace lt::app
