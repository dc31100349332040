#include "http/json/quality_report_wire.hpp"

#include <tuple>

#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

json QualityReportToJson(const domain::QualityReport& report) {
  return {{"id", report.id},
          {"case_id", report.case_id},
          {"kind", domain::kQualityReportKindCodes.ToCode(report.kind)},
          {"defect_description", report.defect_description},
          {"sample_received_at", OptionalTime(report.sample_received_at)},
          {"preliminary_analysis", report.preliminary_analysis},
          {"meeting",
           {{"held_at", OptionalTime(report.meeting.held_at)},
            {"department_ids", report.meeting.department_ids},
            {"conclusion", report.meeting.conclusion}}},
          {"root_cause_occurrence", report.root_cause_occurrence},
          {"root_cause_outflow", report.root_cause_outflow},
          {"responsible_department_id", OptionalId(report.responsible_department_id)},
          {"failure_analysis", report.failure_analysis},
          {"solution", report.solution},
          {"solution_by", OptionalId(report.solution_by)},
          {"solution_at", OptionalTime(report.solution_at)},
          {"approved_by", OptionalId(report.approved_by)},
          {"approved_at", OptionalTime(report.approved_at)},
          {"verification", report.verification},
          {"verified_by", OptionalId(report.verified_by)},
          {"verified_at", OptionalTime(report.verified_at)},
          {"early_close_reason", report.early_close_reason},
          {"created_at", FormatTimestamp(report.created_at)},
          {"updated_at", FormatTimestamp(report.updated_at)}};
}

}  // namespace lt::http::wire
