#include "storage/prevention_report_store.hpp"

#include "storage/code_list.hpp"

namespace lt::storage {
namespace {

using domain::Id;

constexpr const char* kPreventionColumns =
    "id, case_id, problem, analysis, opened_by, opened_at, approved_by, approved_at, "
    "verification, verified_by, verified_at, updated_at";

domain::PreventionReport PreventionFromRow(const Row& row) {
  domain::PreventionReport report;
  report.id = row.Int(0);
  report.case_id = row.Int(1);
  report.problem = row.Text(2);
  report.analysis = row.Text(3);
  report.opened_by = row.OptionalInt(4);
  report.opened_at = row.Int(5);
  report.approved_by = row.OptionalInt(6);
  report.approved_at = row.OptionalInt(7);
  report.verification = row.Text(8);
  report.verified_by = row.OptionalInt(9);
  report.verified_at = row.OptionalInt(10);
  report.updated_at = row.Int(11);
  return report;
}

}  // namespace

Result<Id> PreventionReportStore::Insert(const domain::PreventionReport& report) {
  return connection_.QueryInt(
      "INSERT INTO prevention_reports (case_id, problem, analysis, opened_by, opened_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {report.case_id, report.problem, report.analysis, OptionalValue(report.opened_by),
       report.opened_at, report.updated_at});
}

Status PreventionReportStore::Save(const domain::PreventionReport& report) {
  LT_TRY(connection_.Execute(
      "UPDATE prevention_reports SET problem = $1, analysis = $2, approved_by = $3, "
      "approved_at = $4, verification = $5, verified_by = $6, verified_at = $7, updated_at = $8 "
      "WHERE id = $9",
      {report.problem, report.analysis, OptionalValue(report.approved_by),
       OptionalValue(report.approved_at), report.verification, OptionalValue(report.verified_by),
       OptionalValue(report.verified_at), report.updated_at, report.id}));
  return Ok();
}

Result<std::optional<domain::PreventionReport>> PreventionReportStore::Find(Id case_id) {
  std::optional<domain::PreventionReport> found;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kPreventionColumns + " FROM prevention_reports WHERE case_id = $1",
      {case_id}, [&](const Row& row) { found = PreventionFromRow(row); }));
  return found;
}

Result<std::vector<domain::PreventionReport>> PreventionReportStore::List(domain::Settled verified,
                                                                          int limit) {
  std::vector<domain::PreventionReport> reports;
  LT_TRY(connection_.Query(std::string("SELECT ") + kPreventionColumns +
                               " FROM prevention_reports WHERE verified_at IS " +
                               (verified == domain::Settled::kNo ? "NULL" : "NOT NULL") +
                               " ORDER BY opened_at, id LIMIT $1",
                           {std::int64_t{limit}},
                           [&](const Row& row) { reports.push_back(PreventionFromRow(row)); }));
  return reports;
}

}  // namespace lt::storage
