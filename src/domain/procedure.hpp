#pragma once

// The records the complaint procedure keeps besides the case itself: the
// steps a case took, the procedure events they recorded, the quality
// abnormality report (or environmental communication form) and the actions.
// Values only.

#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/error.hpp"
#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"

namespace lt::domain {

enum class CustomerDecision { kAccepted, kRejected };
inline constexpr EnumCodes<CustomerDecision, 2> kCustomerDecisionCodes{{{
    {CustomerDecision::kAccepted, "accepted"},
    {CustomerDecision::kRejected, "rejected"},
}}};

// The ways forward offered to a customer who rejects a decision (ISO 10002).
enum class Alternative { kReExamination, kConsumerAssociation, kArbitration, kCourt };
inline constexpr EnumCodes<Alternative, 4> kAlternativeCodes{{{
    {Alternative::kReExamination, "re_examination"},
    {Alternative::kConsumerAssociation, "consumer_association"},  // 消费者协会 / 12315
    {Alternative::kArbitration, "arbitration"},
    {Alternative::kCourt, "court"},
}}};

// One step a case took through the workflow.
struct CaseStep {
  Id id = 0;
  Id case_id = 0;
  std::string step;  // the transition's code
  std::string from_state;
  std::string to_state;
  std::optional<Id> actor_user_id;
  TimestampMs at = 0;
  std::string note;
  std::string reason;
  std::optional<CustomerDecision> customer_decision;
  std::vector<Alternative> alternatives;  // offered with a rejection
};

// "first_contact at 09:12": a moment of the procedure that SLA clocks start,
// stop or pause on.
struct ProcedureEvent {
  std::string event;
  TimestampMs at = 0;
};

enum class QualityReportKind { kQuality, kEnvironmental };
inline constexpr EnumCodes<QualityReportKind, 2> kQualityReportKindCodes{{{
    {QualityReportKind::kQuality, "quality"},
    {QualityReportKind::kEnvironmental, "environmental"},
}}};

// The meeting of the related units that confirms the causes and the
// responsible department (the regulation's 5.2 (1)).
struct CauseMeeting {
  std::optional<TimestampMs> held_at;
  std::vector<Id> department_ids;  // the units present
  std::string conclusion;

  bool operator==(const CauseMeeting&) const = default;
};

// 市场品质异常处理报告, or for environmental complaints 内外部沟通处理单.
struct QualityReport {
  Id id = 0;
  Id case_id = 0;
  QualityReportKind kind = QualityReportKind::kQuality;
  std::string defect_description;
  std::optional<TimestampMs> sample_received_at;
  std::string preliminary_analysis;  // 初步分析: the other-factory initial analysis
  CauseMeeting meeting;
  std::string root_cause_occurrence;  // why it happened (environmental: the investigation)
  std::string root_cause_outflow;     // why it was not caught
  std::optional<Id> responsible_department_id;
  // Without a sample: QA's potential-failure-cause analysis (潜在失效原因分析).
  std::string failure_analysis;
  // Environmental form: the responsible unit's solution and who signed for it.
  std::string solution;
  std::optional<Id> solution_by;
  std::optional<TimestampMs> solution_at;
  std::optional<Id> approved_by;
  std::optional<TimestampMs> approved_at;
  std::string verification;
  std::optional<Id> verified_by;
  std::optional<TimestampMs> verified_at;
  // The QA head's written reason for closing before the verification allowed.
  std::string early_close_reason;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;

  bool operator==(const QualityReport&) const = default;
};

enum class ActionKind { kContainment, kCorrective, kPreventive };
inline constexpr EnumCodes<ActionKind, 3> kActionKindCodes{{{
    {ActionKind::kContainment, "containment"},
    {ActionKind::kCorrective, "corrective"},
    {ActionKind::kPreventive, "preventive"},
}}};

enum class ActionStatus { kOpen, kDone, kVerified, kCancelled };
inline constexpr EnumCodes<ActionStatus, 4> kActionStatusCodes{{{
    {ActionStatus::kOpen, "open"},
    {ActionStatus::kDone, "done"},
    {ActionStatus::kVerified, "verified"},
    {ActionStatus::kCancelled, "cancelled"},
}}};

// One containment, corrective or preventive action.
struct Action {
  Id id = 0;
  Id case_id = 0;
  ActionKind kind = ActionKind::kCorrective;
  std::string description;
  Id owner_id = 0;
  std::optional<Id> department_id;
  TimestampMs due_at = 0;
  ActionStatus status = ActionStatus::kOpen;
  std::string evidence;
  std::string verification;
  std::optional<TimestampMs> done_at;
  std::optional<TimestampMs> verified_at;
  std::optional<Id> created_by;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
  std::optional<Id> prevention_report_id;  // set by a recurrence-prevention report
};

// A customer's rejection of the decision on their case, under review until
// it is settled (ISO 10002): the case stays on the review list meanwhile.
struct DecisionReview {
  Id id = 0;
  Id case_id = 0;
  Id transition_id = 0;                   // the step that recorded the rejection
  std::vector<Alternative> alternatives;  // offered to the customer
  TimestampMs opened_at = 0;
  std::optional<TimestampMs> settled_at;
  std::optional<Id> settled_by;
  std::optional<Alternative> alternative_taken;  // what the customer went on to, if any
  std::string outcome;
};

// 预防再发处理报告: opened by QA for a serious problem, with its own
// actions; approved by a manager, then verified by QA once every action is
// verified or cancelled.
struct PreventionReport {
  Id id = 0;
  Id case_id = 0;
  std::string problem;
  std::string analysis;
  std::optional<Id> opened_by;
  TimestampMs opened_at = 0;
  std::optional<Id> approved_by;
  std::optional<TimestampMs> approved_at;
  std::string verification;
  std::optional<Id> verified_by;
  std::optional<TimestampMs> verified_at;
  TimestampMs updated_at = 0;
};

// When a report's countermeasures took effect: the latest done_at of its
// corrective and preventive actions once one is done, else the approval of
// the countermeasures; nullopt before they are approved. Cases received
// since then count as recurrences in the verification next month.
std::optional<TimestampMs> CountermeasuresEffectiveSince(const QualityReport& report,
                                                         const std::vector<Action>& actions);

// What the countermeasures set after the investigation lack (the
// regulation's 5.3 (1)–(2)): a temporary one (containment) that stops the
// outflow and, once the cause is clear, a permanent one (corrective or
// preventive) that removes it, each with its department (a new action,
// id 0, has its own field for that). Cancelled actions and those of a
// recurrence-prevention report do not count. `permanent_pending`: the cause
// still needs a simulation on the line or a deeper analysis, and the
// permanent countermeasure follows it. One "countermeasures" field error per
// gap ("validation.countermeasure_temporary", "..._permanent", "..._department").
std::vector<FieldError> CountermeasureGaps(const std::vector<Action>& actions,
                                           bool permanent_pending);

// Whether an action still needs work or verification (open or done).
inline bool IsUnsettled(const Action& action) {
  return action.status == ActionStatus::kOpen || action.status == ActionStatus::kDone;
}

}  // namespace lt::domain
