#include "app/quality_reports.hpp"

#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "storage/action_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/quality_report_store.hpp"

namespace lt::app {
namespace {

// Reads inside a transaction once the case is visible to staff.
template <class Read>
Status ReadForStaff(AppContext& context, const domain::Principal& principal, Id case_id,
                    Read read) {
  return context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY(LoadVisibleCase(connection, principal, case_id));
    LT_TRY(RequireStaff(principal));
    return read(connection);
  });
}

}  // namespace

Result<domain::QualityReport> GetQualityReport(AppContext& context,
                                               const domain::Principal& principal, Id case_id) {
  std::optional<domain::QualityReport> report;
  LT_TRY(ReadForStaff(context, principal, case_id, [&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(report, storage::QualityReportStore(connection).Find(case_id));
    return Ok();
  }));
  if (!report) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  return *report;
}

Result<std::vector<domain::Action>> ListCaseActions(AppContext& context,
                                                    const domain::Principal& principal,
                                                    Id case_id) {
  std::vector<domain::Action> actions;
  LT_TRY(ReadForStaff(context, principal, case_id, [&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(actions, storage::ActionStore(connection).List(case_id));
    return Ok();
  }));
  return actions;
}

}  // namespace lt::app
