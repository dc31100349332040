#pragma once

// Use cases on cases: create, change, read, list, audit trail.

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/case_intake.hpp"
#include "app/inputs.hpp"
#include "app/store_access.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/queries.hpp"
#include "domain/queue.hpp"

namespace lt::app {

// Files a new case, matching or creating its customer, numbering it and
// writing the audit records, all in one transaction.
// Errors: kInvalidArgument (fields; idempotency key reused for another body),
// kForbidden (a portal user filing for another customer).
Result<CreatedCase> CreateCase(AppContext& context, const domain::Principal& principal,
                               const CreateCaseInput& input,
                               const std::optional<IdempotencyKey>& key);
// CreateCase's checks of the request itself, before anything is read: the
// case to file (through context.case_intake, or FileCases), which refers
// to `principal`, `input` and `key`.
Result<NewCase> PrepareNewCase(AppContext& context, const domain::Principal& principal,
                               const CreateCaseInput& input,
                               const std::optional<IdempotencyKey>& key);

// Applies a patch. `expected_version` (from If-Match) guards against lost
// updates. Errors: kNotFound (absent or not visible), kForbidden (portal
// users), kInvalidArgument, kConflict (version changed).
Result<domain::Case> UpdateCase(AppContext& context, const domain::Principal& principal, Id id,
                                const CasePatch& patch,
                                std::optional<std::int64_t> expected_version);

// kNotFound when absent or not visible to the principal.
Result<domain::Case> GetCase(AppContext& context, const domain::Principal& principal, Id id);

// What a queue row shows beside the case itself.
struct CaseRowFacts {
  std::string customer_name;
  std::optional<std::string_view> sla_state;  // sla::SummaryState of its clocks now
};

struct CasePage {
  std::vector<domain::Case> cases;
  std::vector<CaseRowFacts> facts;  // one per case
  std::optional<domain::CaseCursor> next;
};
// The cases matching `filter`, narrowed to `queue` when one is given (see
// domain/queue.hpp). Errors: kInvalidArgument (unknown state, no search
// words), kForbidden (a queue the principal does not have).
Result<CasePage> ListCases(AppContext& context, const domain::Principal& principal,
                           const domain::CaseFilter& filter,
                           std::optional<domain::Queue> queue = std::nullopt);

struct QueueCount {
  domain::Queue queue;
  std::int64_t count = 0;
  bool more = false;  // the count stopped at kQueueCountCap: there are more
};
// A queue's count stops here: a work list reads "10000+", and counting a
// large store's every open case on each page load costs seconds.
inline constexpr std::int64_t kQueueCountCap = 10'000;
// The principal's queues with how many open cases each holds now.
Result<std::vector<QueueCount>> CountQueues(AppContext& context,
                                            const domain::Principal& principal);

// The audit trail of a case (staff only).
Result<std::vector<domain::CaseEvent>> ListCaseEvents(AppContext& context,
                                                      const domain::Principal& principal, Id id);

}  // namespace lt::app
