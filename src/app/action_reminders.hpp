#pragma once

// Actions falling due (issue 16): the owner of an open corrective or
// preventive action is told a day before its deadline (at once when it is
// given a deadline nearer than that, or one already past), once per
// deadline. Run by the job runner's action sweep (jobs/due_sweeps.cpp).

#include <optional>
#include <string>

#include "app/inputs.hpp"
#include "app/store_access.hpp"
#include "base/clock.hpp"
#include "base/result.hpp"

namespace lt::app {

// How long before its deadline an action's owner is told.
inline constexpr std::int64_t kActionDueLeadMs = 24LL * 3600 * 1000;

// Tells the owners of the open actions falling due by `now` + the lead, at
// most `limit`, in the caller's write transaction (claimed rows are locked
// on PostgreSQL; other nodes skip them). Returns how many it told.
Result<int> FireActionDueNotices(storage::Connection& connection, const std::string& public_url,
                                 TimestampMs now, int limit);

// When the next owner is to be told.
Result<std::optional<TimestampMs>> NextActionDueNoticeAt(storage::Database& database);

}  // namespace lt::app
