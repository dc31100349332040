#include "app/quality_ledger.hpp"

#include <limits>
#include <map>
#include <string>

#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/report_period.hpp"
#include "storage/action_store.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/directory_store.hpp"
#include "storage/quality_report_store.hpp"
#include "storage/sla_clock_store.hpp"
#include "storage/step_store.hpp"

namespace lt::app {
namespace {

constexpr std::string_view kRepliedEvent = "replied";

// Names by id, read once per ledger.
struct Names {
  std::map<domain::Id, std::string> departments;
  std::map<domain::Id, std::string> categories;

  static Result<Names> Load(storage::DirectoryStore& directory) {
    Names names;
    LT_TRY_ASSIGN(const auto departments, directory.ListDepartments());
    for (const auto& department : departments) names.departments[department.id] = department.name;
    LT_TRY_ASSIGN(const auto categories, directory.ListCategories());
    for (const auto& category : categories) names.categories[category.id] = category.name;
    return names;
  }
  static std::string Of(const std::map<domain::Id, std::string>& names,
                        const std::optional<domain::Id>& id) {
    if (!id) return "";
    const auto found = names.find(*id);
    return found == names.end() ? "" : found->second;
  }
};

Result<LedgerRow> BuildRow(storage::Connection& connection, const Names& names, domain::Case a_case,
                           storage::QualityReportStore::ClosedReport closed) {
  LedgerRow row;
  LT_TRY_ASSIGN(const auto customer, storage::CustomerStore(connection).Find(a_case.customer_id));
  if (customer) row.customer_name = customer->name;
  row.category_name = Names::Of(names.categories, a_case.category_id);
  row.responsible_department_name =
      Names::Of(names.departments, closed.report.responsible_department_id);
  LT_TRY_ASSIGN(auto actions, storage::ActionStore(connection).List(a_case.id));
  for (auto& action : actions) {
    if (action.status != domain::ActionStatus::kCancelled) row.actions.push_back(std::move(action));
  }
  LT_TRY_ASSIGN(const auto events, storage::StepStore(connection).ListEvents(a_case.id));
  for (const auto& event : events) {
    if (event.event == kRepliedEvent) row.replied_at = event.at;
  }
  LT_TRY_ASSIGN(const auto steps, storage::StepStore(connection).List(a_case.id));
  for (const auto& step : steps) {
    if (step.customer_decision) row.customer_decision = step.customer_decision;
  }
  LT_TRY_ASSIGN(auto clocks, storage::SlaClockStore(connection).ListForCase(a_case.id));
  for (auto& clock : clocks) {
    if (clock.moved) row.moved_clocks.push_back(std::move(clock));
  }
  row.report = closed.report;
  row.closed_at = closed.closed_at;
  row.a_case = std::move(a_case);
  return row;
}

}  // namespace

Result<std::vector<LedgerRow>> GetQualityLedger(AppContext& context,
                                                const domain::Principal& principal,
                                                std::string_view from, std::string_view to) {
  LT_TRY(RequireStaff(principal));
  const std::string_view last_month = to.empty() ? from : to;
  LT_TRY_ASSIGN(const Period first, MonthPeriod(from, "from"));
  LT_TRY_ASSIGN(const Period last, MonthPeriod(last_month, "to"));
  // Both are valid "YYYY-MM" now.
  auto month_index = [](std::string_view month) {
    return std::stoi(std::string(month.substr(0, 4))) * 12 +
           std::stoi(std::string(month.substr(5, 2)));
  };
  const int months = month_index(last_month) - month_index(from) + 1;
  if (months < 1) return Error::Invalid("to", "validation.period_order");
  if (months > kMaxLedgerMonths) {
    return Error::Invalid("to", "validation.period_too_long",
                          {{"months", std::to_string(kMaxLedgerMonths)}});
  }
  std::vector<LedgerRow> rows;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    storage::DirectoryStore directory(connection);
    LT_TRY_ASSIGN(const Names names, Names::Load(directory));
    LT_TRY_ASSIGN(const auto closed,
                  storage::QualityReportStore(connection).ListClosed(first.from, last.to));
    using Closed = storage::QualityReportStore::ClosedReport;
    return KeepVisible(
        connection, principal, closed, std::numeric_limits<int>::max(),
        [](const Closed& report) { return report.report.case_id; },
        [&](const Closed& report, domain::Case a_case) -> Status {
          LT_TRY_ASSIGN(auto row, BuildRow(connection, names, std::move(a_case), report));
          rows.push_back(std::move(row));
          return Ok();
        });
  }));
  return rows;
}

}  // namespace lt::app
