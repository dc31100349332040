#include "app/sla_recompute.hpp"

#include <sstream>

#include "app/sla_clocks.hpp"
#include "domain/enum_codes.hpp"
#include "storage/case_store.hpp"
#include "storage/connection.hpp"
#include "storage/job_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

constexpr domain::EnumCodes<RecomputeScope, 3> kScopeCodes{{{
    {RecomputeScope::kAllOpenCases, "all"},
    {RecomputeScope::kCalendar, "calendar"},
    {RecomputeScope::kDepartment, "department"},
}}};

Status Schedule(storage::Connection& connection, const SlaRecompute& run, TimestampMs now) {
  const std::string payload = EncodeSlaRecompute(run);
  return storage::ScheduleJob(connection, std::string(kSlaRecomputeKind), payload, payload, now,
                              now);
}

}  // namespace

std::string EncodeSlaRecompute(const SlaRecompute& run) {
  return std::string(kScopeCodes.ToCode(run.scope)) + " " + std::to_string(run.scope_id) + " " +
         std::to_string(run.after_case_id) + " " + std::to_string(run.ordered_at);
}

std::optional<SlaRecompute> ParseSlaRecompute(std::string_view payload) {
  std::istringstream in{std::string(payload)};
  std::string scope;
  SlaRecompute run;
  if (!(in >> scope >> run.scope_id >> run.after_case_id >> run.ordered_at)) return std::nullopt;
  std::string rest;
  const auto parsed = kScopeCodes.FromCode(scope);
  if (in >> rest || !parsed) return std::nullopt;
  run.scope = *parsed;
  return run;
}

Status ScheduleSlaRecompute(storage::Connection& connection, RecomputeScope scope,
                            domain::Id scope_id, TimestampMs now) {
  return Schedule(connection, {scope, scope_id, 0, now}, now);
}

Result<int> RecomputeSlaBatch(storage::Connection& connection, const SlaRecompute& run,
                              TimestampMs now, int batch) {
  LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
  storage::OpenCaseFilter filter;
  for (const auto& state : workflow->states) {
    if (state.kind == domain::StateKind::kResolved || state.kind == domain::StateKind::kClosed) {
      filter.settled_states.push_back(state.code);
    }
  }
  filter.after_id = run.after_case_id;
  if (run.scope == RecomputeScope::kDepartment) filter.department_id = run.scope_id;
  if (run.scope == RecomputeScope::kCalendar) filter.calendar_id = run.scope_id;
  filter.limit = batch;
  LT_TRY_ASSIGN(const auto cases, storage::CaseStore(connection).ListOpen(filter));
  for (const auto& a_case : cases) {
    LT_TRY(RefreshSlaClocks(connection, *workflow, a_case, now));
  }
  if (static_cast<int>(cases.size()) == batch) {
    SlaRecompute next = run;
    next.after_case_id = cases.back().id;
    LT_TRY(Schedule(connection, next, now));
  }
  return static_cast<int>(cases.size());
}

}  // namespace lt::app
