#pragma once

// The quality abnormality ledger (市场品质异常管理表): one row per report whose
// case was closed in the period, with what the monthly review needs from
// the case, the report, its actions, the reply and any deadline moved with
// the customer's agreement.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/procedure.hpp"
#include "sla/stored_clock.hpp"

namespace lt::app {

struct LedgerRow {
  domain::Case a_case;
  std::string customer_name;
  std::string category_name;
  std::string responsible_department_name;
  domain::QualityReport report;
  std::vector<domain::Action> actions;  // all but cancelled ones
  std::optional<TimestampMs> replied_at;
  std::optional<domain::CustomerDecision> customer_decision;  // the latest recorded
  std::vector<sla::StoredClock> moved_clocks;                 // deadlines moved with consent
  TimestampMs closed_at = 0;
};

// At most this many months per ledger.
inline constexpr int kMaxLedgerMonths = 24;

// Cases closed from the start of month `from` to the end of month `to`
// ("YYYY-MM", business time zone; `to` defaults to `from`), on cases the
// caller sees. Staff only. Errors: kForbidden, kInvalidArgument (from, to).
Result<std::vector<LedgerRow>> GetQualityLedger(AppContext& context,
                                                const domain::Principal& principal,
                                                std::string_view from, std::string_view to);

}  // namespace lt::app
