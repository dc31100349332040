#pragma once

// The case workflow as data: the states a case can be in and the steps
// (transitions) between them, who may take each step and what it requires.
// The complaint procedure of PRODUCT.md ships as DefaultWorkflow(); admins
// change it without code (storage::WorkflowStore keeps it in the database).
// Values and rules only: no I/O.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/enum_codes.hpp"
#include "domain/role.hpp"
#include "domain/vocabulary.hpp"

namespace lt::domain {

// What a state means for queues, SLA clocks and reports.
enum class StateKind {
  kOpen,      // work is under way
  kWaiting,   // waiting for the customer: SLA targets may pause here
  kResolved,  // an answer was given; the case may still be reopened
  kClosed,    // finished; counts in the ledger and the monthly figures
};
inline constexpr EnumCodes<StateKind, 4> kStateKindCodes{{{
    {StateKind::kOpen, "open"},
    {StateKind::kWaiting, "waiting"},
    {StateKind::kResolved, "resolved"},
    {StateKind::kClosed, "closed"},
}}};

// The data a step can ask for. Each has a fixed shape in the API (see
// http/json) and a fixed effect (app/workflow_steps.cpp); the workflow only
// chooses which steps need which.
enum class Requirement {
  kNote,                   // "note": what was done or agreed, kept with the step
  kReason,                 // "reason": why (sending back, reopening, waiting)
  kResolution,             // "resolution": how the matter was settled, told to the customer
  kDepartment,             // "department_id": the department the case is handed to
  kSampleReceived,         // "sample_received_at": when the sample arrived
  kDefectDescription,      // "defect_description": opens the quality abnormality report
  kRootCause,              // "root_cause_occurrence" and "root_cause_outflow"
  kResponsibleDepartment,  // "responsible_department_id"
  kCountermeasure,         // "countermeasures": the temporary and permanent actions with
                           // departments and due dates, given or already on the case
  kReply,                  // "reply": the answer sent to the customer
  kCustomerDecision,       // "customer_decision": accepted | rejected (+ "alternatives")
  kVerification,           // "verification": the evidence that the fix held (+ the QA
                           // head's "early_close_reason")
  kPreliminaryAnalysis,    // "preliminary_analysis": QA's first analysis (初步分析)
  kMeeting,                // "meeting": the meeting of the related units
  kFailureAnalysis,        // "failure_analysis": the potential-failure-cause analysis
  kSolution,               // "solution": the responsible unit's solution (environmental)
};
inline constexpr EnumCodes<Requirement, 16> kRequirementCodes{{{
    {Requirement::kNote, "note"},
    {Requirement::kReason, "reason"},
    {Requirement::kResolution, "resolution"},
    {Requirement::kDepartment, "department"},
    {Requirement::kSampleReceived, "sample_received"},
    {Requirement::kDefectDescription, "defect_description"},
    {Requirement::kRootCause, "root_cause"},
    {Requirement::kResponsibleDepartment, "responsible_department"},
    {Requirement::kCountermeasure, "countermeasure"},
    {Requirement::kReply, "reply"},
    {Requirement::kCustomerDecision, "customer_decision"},
    {Requirement::kVerification, "verification"},
    {Requirement::kPreliminaryAnalysis, "preliminary_analysis"},
    {Requirement::kMeeting, "meeting"},
    {Requirement::kFailureAnalysis, "failure_analysis"},
    {Requirement::kSolution, "solution"},
}}};

// A field of POST /api/v1/cases/{id}/transitions that answers a requirement.
struct RequirementField {
  std::string_view name;
  std::string_view type;  // "string", "id", "timestamp", "object", "enum", "array"
  // Must be given. Not so for "countermeasures" (actions already on the case
  // will do), "permanent_pending_reason" (only while the cause needs deeper
  // analysis), "preliminary_analysis" (one already on the report will do),
  // "meeting", "alternatives" (only with a rejection), "root_cause_outflow",
  // "early_close_reason" (only to close before the verification allows).
  bool required = true;
};

// The fields that answer a requirement.
std::span<const RequirementField> FieldsOf(Requirement requirement);

// Procedure events whose step data the use cases treat specially: the
// sample's own arrival time is recorded, and QA's approval is entered on the
// quality report.
inline constexpr std::string_view kSampleReceivedEvent = "sample_received";
inline constexpr std::string_view kCountermeasuresApprovedEvent = "countermeasures_approved";
// A step that records "verified" closes the case after the verification next
// month: app::TakeStep refuses it until the verification allows (see
// domain::CloseReadiness).
inline constexpr std::string_view kVerifiedEvent = "verified";

// Display names by locale ("zh-CN", "en"). Empty for the shipped states and
// steps, whose names come from the i18n catalog ("workflow.state.<code>").
using Labels = std::map<std::string, std::string>;

struct WorkflowState {
  std::string code;  // [a-z][a-z0-9_]*, stored in cases.status
  StateKind kind = StateKind::kOpen;
  Labels labels;
};

struct WorkflowTransition {
  std::string code;               // names the step: "contact_customer"
  std::vector<std::string> from;  // state codes it starts from
  std::string to;                 // the state it ends in
  std::vector<Role> roles;        // who may take it (admins always may)
  // Which cases it applies to; empty means all.
  std::vector<CaseType> case_types;
  std::vector<OriginClass> origin_classes;
  std::vector<Requirement> requirements;
  // Procedure events the step records, which start, stop or pause SLA
  // clocks: "first_contact", "handed_to_qa", "sample_received", ...
  std::vector<std::string> events;
  Labels labels;
};

struct Workflow {
  std::string initial_state;
  std::vector<WorkflowState> states;
  std::vector<WorkflowTransition> transitions;

  const WorkflowState* FindState(std::string_view code) const;
  // The steps out of `state` that apply to a case of this type and origin.
  std::vector<const WorkflowTransition*> StepsFrom(std::string_view state, CaseType type,
                                                   OriginClass origin) const;
};

// The procedure of the complaint-management regulation (docs/procedure.md):
// receipt, understanding, on-site resolution or sample collection, quality
// abnormality report, investigation (preliminary analysis, meeting of the
// related units, cause), countermeasures, the QA head's approval, reply,
// follow-up, verification next month, closed; without a sample the
// potential-failure analysis as the reply; environmental complaints through
// general affairs and the responsible unit; inquiries, suggestions and praise
// on a short path; waiting for the customer.
Workflow DefaultWorkflow();

// Checks that a workflow is usable: codes well formed and unique, the initial
// state and every state a step names exist, no step leads where it starts,
// and at least one closed state. Errors: kInvalidArgument with one field
// error per problem ("states[2].code", "transitions[4].to", ...).
Status ValidateWorkflow(const Workflow& workflow);

// Whether a code is a well-formed state, step or event code.
bool IsWorkflowCode(std::string_view code);

// Whether the step asks for the field `name` through one of its requirements.
bool TakesField(const WorkflowTransition& step, std::string_view name);

// Whether the role may take the step.
bool MayTake(const WorkflowTransition& step, Role role);

// The steps out of the case's state that `principal` may take now.
std::vector<const WorkflowTransition*> StepsOpenTo(const Workflow& workflow, const Case& a_case,
                                                   const Principal& principal);

// The step `principal` takes to move `a_case` to the state `to`; `step`
// names it when several lead there. Errors: kConflict
// "error.transition_not_allowed" when no step from the case's state leads
// there, kForbidden "error.transition_forbidden" when none of those is the
// principal's to take.
Result<const WorkflowTransition*> ChooseStep(const Workflow& workflow, const Case& a_case,
                                             const Principal& principal, std::string_view to,
                                             const std::optional<std::string>& step);

}  // namespace lt::domain
