#include "storage/quality_report_store.hpp"

#include "storage/code_list.hpp"

namespace lt::storage {
namespace {

using domain::Id;

constexpr const char* kReportColumns =
    "id, case_id, kind, defect_description, sample_received_at, root_cause_occurrence, "
    "root_cause_outflow, responsible_department_id, approved_by, approved_at, verification, "
    "verified_by, verified_at, created_at, updated_at, preliminary_analysis, meeting_held_at, "
    "meeting_department_ids, meeting_conclusion, failure_analysis, solution, solution_by, "
    "solution_at, early_close_reason";
constexpr int kReportColumnCount = 24;

domain::QualityReport ReportFromRow(const Row& row) {
  domain::QualityReport report;
  report.id = row.Int(0);
  report.case_id = row.Int(1);
  report.kind = domain::kQualityReportKindCodes.FromCode(row.Text(2))
                    .value_or(domain::QualityReportKind::kQuality);
  report.defect_description = row.Text(3);
  report.sample_received_at = row.OptionalInt(4);
  report.root_cause_occurrence = row.Text(5);
  report.root_cause_outflow = row.Text(6);
  report.responsible_department_id = row.OptionalInt(7);
  report.approved_by = row.OptionalInt(8);
  report.approved_at = row.OptionalInt(9);
  report.verification = row.Text(10);
  report.verified_by = row.OptionalInt(11);
  report.verified_at = row.OptionalInt(12);
  report.created_at = row.Int(13);
  report.updated_at = row.Int(14);
  report.preliminary_analysis = row.Text(15);
  report.meeting.held_at = row.OptionalInt(16);
  report.meeting.department_ids = SplitIds(row.Text(17));
  report.meeting.conclusion = row.Text(18);
  report.failure_analysis = row.Text(19);
  report.solution = row.Text(20);
  report.solution_by = row.OptionalInt(21);
  report.solution_at = row.OptionalInt(22);
  report.early_close_reason = row.Text(23);
  return report;
}

}  // namespace

Result<std::optional<domain::QualityReport>> QualityReportStore::Find(Id case_id) {
  std::optional<domain::QualityReport> found;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kReportColumns + " FROM quality_reports WHERE case_id = $1",
      {case_id}, [&](const Row& row) { found = ReportFromRow(row); }));
  return found;
}

Result<Id> QualityReportStore::Save(const domain::QualityReport& report) {
  const SqlParams params = {report.case_id,
                            std::string(domain::kQualityReportKindCodes.ToCode(report.kind)),
                            report.defect_description,
                            OptionalValue(report.sample_received_at),
                            report.root_cause_occurrence,
                            report.root_cause_outflow,
                            OptionalValue(report.responsible_department_id),
                            OptionalValue(report.approved_by),
                            OptionalValue(report.approved_at),
                            report.verification,
                            OptionalValue(report.verified_by),
                            OptionalValue(report.verified_at),
                            report.created_at,
                            report.updated_at,
                            report.preliminary_analysis,
                            OptionalValue(report.meeting.held_at),
                            JoinIds(report.meeting.department_ids),
                            report.meeting.conclusion,
                            report.failure_analysis,
                            report.solution,
                            OptionalValue(report.solution_by),
                            OptionalValue(report.solution_at),
                            report.early_close_reason};
  return connection_.QueryInt(
      "INSERT INTO quality_reports (case_id, kind, defect_description, sample_received_at, "
      "root_cause_occurrence, root_cause_outflow, responsible_department_id, approved_by, "
      "approved_at, verification, verified_by, verified_at, created_at, updated_at, "
      "preliminary_analysis, meeting_held_at, meeting_department_ids, meeting_conclusion, "
      "failure_analysis, solution, solution_by, solution_at, early_close_reason) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
      "$19, $20, $21, $22, $23) "
      "ON CONFLICT (case_id) DO UPDATE SET kind = excluded.kind, "
      "defect_description = excluded.defect_description, "
      "sample_received_at = excluded.sample_received_at, "
      "root_cause_occurrence = excluded.root_cause_occurrence, "
      "root_cause_outflow = excluded.root_cause_outflow, "
      "responsible_department_id = excluded.responsible_department_id, "
      "approved_by = excluded.approved_by, approved_at = excluded.approved_at, "
      "verification = excluded.verification, verified_by = excluded.verified_by, "
      "verified_at = excluded.verified_at, updated_at = excluded.updated_at, "
      "preliminary_analysis = excluded.preliminary_analysis, "
      "meeting_held_at = excluded.meeting_held_at, "
      "meeting_department_ids = excluded.meeting_department_ids, "
      "meeting_conclusion = excluded.meeting_conclusion, "
      "failure_analysis = excluded.failure_analysis, solution = excluded.solution, "
      "solution_by = excluded.solution_by, solution_at = excluded.solution_at, "
      "early_close_reason = excluded.early_close_reason RETURNING id",
      params);
}

Result<std::vector<domain::QualityReport>> QualityReportStore::ListAwaitingVerification(
    TimestampMs approved_before, int limit) {
  std::vector<domain::QualityReport> reports;
  LT_TRY(connection_.Query(std::string("SELECT ") + kReportColumns +
                               " FROM quality_reports WHERE verified_at IS NULL AND "
                               "approved_at < $1 ORDER BY approved_at, id LIMIT $2",
                           {approved_before, std::int64_t{limit}},
                           [&](const Row& row) { reports.push_back(ReportFromRow(row)); }));
  return reports;
}

Result<std::vector<QualityReportStore::ClosedReport>> QualityReportStore::ListClosed(
    TimestampMs from, TimestampMs to) {
  std::vector<ClosedReport> reports;
  std::string columns;  // kReportColumns, each qualified with "r."
  for (const auto& column : SplitCodes(kReportColumns)) {
    columns += "r." + column.substr(0, column.find(',')) + ", ";
  }
  // A case closed again later (after a reopening) belongs to the later period.
  LT_TRY(connection_.Query(
      "SELECT " + columns +
          "e.at FROM case_procedure_events e JOIN quality_reports r ON r.case_id = e.case_id "
          "WHERE e.event = 'closed' AND e.at >= $1 AND e.at < $2 AND NOT EXISTS (SELECT 1 FROM "
          "case_procedure_events later WHERE later.case_id = e.case_id AND "
          "later.event = 'closed' AND later.at > e.at) ORDER BY e.at, r.id",
      {from, to}, [&](const Row& row) {
        reports.push_back({ReportFromRow(row), row.Int(kReportColumnCount)});
      }));
  return reports;
}

}  // namespace lt::storage
