#include "domain/workflow.hpp"

#include <algorithm>
#include <set>

namespace lt::domain {
namespace {

template <class T>
bool Contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

constexpr auto kAgent = Role::kAgent;
constexpr auto kSales = Role::kSales;
constexpr auto kQa = Role::kQa;
constexpr auto kQaHead = Role::kQaHead;
constexpr auto kGeneralAffairs = Role::kGeneralAffairs;
constexpr auto kDepartment = Role::kDepartmentMember;

const std::vector<CaseType> kComplaints = {CaseType::kComplaint, CaseType::kGrumble};
const std::vector<CaseType> kShortPath = {CaseType::kInquiry, CaseType::kSuggestion,
                                          CaseType::kPraise};
const std::vector<OriginClass> kProductOrigins = {OriginClass::kUnknown, OriginClass::kOwnFactory,
                                                  OriginClass::kOtherFactory, OriginClass::kUsage};
const std::vector<OriginClass> kEnvironmental = {OriginClass::kEnvironmental};

WorkflowTransition Step(std::string code, std::vector<std::string> from, std::string to,
                        std::vector<Role> roles, std::vector<Requirement> requirements,
                        std::vector<std::string> events) {
  WorkflowTransition step;
  step.code = std::move(code);
  step.from = std::move(from);
  step.to = std::move(to);
  step.roles = std::move(roles);
  step.requirements = std::move(requirements);
  step.events = std::move(events);
  return step;
}

WorkflowTransition ForCases(WorkflowTransition step, std::vector<CaseType> types,
                            std::vector<OriginClass> origins = {}) {
  step.case_types = std::move(types);
  step.origin_classes = std::move(origins);
  return step;
}

}  // namespace

const WorkflowState* Workflow::FindState(std::string_view code) const {
  for (const auto& state : states) {
    if (state.code == code) return &state;
  }
  return nullptr;
}

std::vector<const WorkflowTransition*> Workflow::StepsFrom(std::string_view state, CaseType type,
                                                           OriginClass origin) const {
  std::vector<const WorkflowTransition*> steps;
  for (const auto& step : transitions) {
    if (std::find(step.from.begin(), step.from.end(), state) == step.from.end()) continue;
    if (!step.case_types.empty() && !Contains(step.case_types, type)) continue;
    if (!step.origin_classes.empty() && !Contains(step.origin_classes, origin)) continue;
    steps.push_back(&step);
  }
  return steps;
}

std::span<const RequirementField> FieldsOf(Requirement requirement) {
  static constexpr RequirementField kNote[] = {{"note", "string"}};
  static constexpr RequirementField kReason[] = {{"reason", "string"}};
  static constexpr RequirementField kResolution[] = {{"resolution", "string"}};
  static constexpr RequirementField kDepartment[] = {{"department_id", "id"}};
  static constexpr RequirementField kSampleReceived[] = {{"sample_received_at", "timestamp"}};
  static constexpr RequirementField kDefect[] = {{"defect_description", "string"}};
  static constexpr RequirementField kRootCause[] = {{"root_cause_occurrence", "string"},
                                                    {"root_cause_outflow", "string", false}};
  static constexpr RequirementField kResponsible[] = {{"responsible_department_id", "id"}};
  static constexpr RequirementField kCountermeasure[] = {
      {"countermeasures", "array", false}, {"permanent_pending_reason", "string", false}};
  static constexpr RequirementField kReply[] = {{"reply", "string"}};
  static constexpr RequirementField kDecision[] = {{"customer_decision", "enum"},
                                                   {"alternatives", "array", false}};
  static constexpr RequirementField kVerification[] = {{"verification", "string"},
                                                       {"early_close_reason", "string", false}};
  static constexpr RequirementField kPreliminary[] = {{"preliminary_analysis", "string", false}};
  static constexpr RequirementField kMeeting[] = {{"meeting", "object", false}};
  static constexpr RequirementField kFailureAnalysis[] = {{"failure_analysis", "string"}};
  static constexpr RequirementField kSolution[] = {{"solution", "string"}};
  switch (requirement) {
    case Requirement::kNote:
      return kNote;
    case Requirement::kReason:
      return kReason;
    case Requirement::kResolution:
      return kResolution;
    case Requirement::kDepartment:
      return kDepartment;
    case Requirement::kSampleReceived:
      return kSampleReceived;
    case Requirement::kDefectDescription:
      return kDefect;
    case Requirement::kRootCause:
      return kRootCause;
    case Requirement::kResponsibleDepartment:
      return kResponsible;
    case Requirement::kCountermeasure:
      return kCountermeasure;
    case Requirement::kReply:
      return kReply;
    case Requirement::kCustomerDecision:
      return kDecision;
    case Requirement::kVerification:
      return kVerification;
    case Requirement::kPreliminaryAnalysis:
      return kPreliminary;
    case Requirement::kMeeting:
      return kMeeting;
    case Requirement::kFailureAnalysis:
      return kFailureAnalysis;
    case Requirement::kSolution:
      return kSolution;
  }
  return {};
}

bool TakesField(const WorkflowTransition& step, std::string_view name) {
  return std::any_of(step.requirements.begin(), step.requirements.end(), [&](Requirement r) {
    const auto fields = FieldsOf(r);
    return std::any_of(fields.begin(), fields.end(),
                       [&](const RequirementField& field) { return field.name == name; });
  });
}

bool MayTake(const WorkflowTransition& step, Role role) {
  return role == Role::kAdmin || std::any_of(step.roles.begin(), step.roles.end(),
                                             [&](Role required) { return Holds(role, required); });
}

bool IsWorkflowCode(std::string_view code) {
  if (code.empty() || code.size() > 40 || code[0] < 'a' || code[0] > 'z') return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Workflow DefaultWorkflow() {
  using R = Requirement;
  Workflow workflow;
  workflow.initial_state = "received";
  workflow.states = {
      {"received", StateKind::kOpen, {}},
      {"understanding", StateKind::kOpen, {}},
      {"sample_collection", StateKind::kOpen, {}},
      {"investigating", StateKind::kOpen, {}},
      {"cause_analysis", StateKind::kOpen, {}},
      {"failure_analysis", StateKind::kOpen, {}},
      {"countermeasures", StateKind::kOpen, {}},
      {"qa_approval", StateKind::kOpen, {}},
      {"replying", StateKind::kOpen, {}},
      {"following_up", StateKind::kOpen, {}},
      {"verifying", StateKind::kOpen, {}},
      {"environmental_handling", StateKind::kOpen, {}},
      {"environmental_solution", StateKind::kOpen, {}},
      {"waiting_customer", StateKind::kWaiting, {}},
      {"resolved", StateKind::kResolved, {}},
      {"closed", StateKind::kClosed, {}},
  };
  const std::vector<std::string> waiting_from = {"understanding", "sample_collection", "replying",
                                                 "following_up"};
  workflow.transitions = {
      // 1. Receipt and 2. understanding (5.1.1): sales contacts the customer.
      ForCases(Step("contact_customer", {"received"}, "understanding", {kSales, kAgent}, {R::kNote},
                    {"first_contact"}),
               kComplaints, kProductOrigins),
      // Environmental complaints (5.1.3): whoever takes the complaint fills
      // the communication form and hands it to general affairs.
      ForCases(Step("refer_to_general_affairs", {"received"}, "environmental_handling",
                    {kAgent, kSales, kGeneralAffairs}, {R::kDefectDescription},
                    {"first_contact", "handed_to_general_affairs"}),
               kComplaints, kEnvironmental),
      ForCases(Step("answer", {"received"}, "resolved", {kAgent, kSales}, {R::kResolution},
                    {"first_contact", "resolved"}),
               kShortPath),
      // Frontline empowerment: usage and installation problems solved on the spot.
      ForCases(Step("resolve_on_site", {"understanding"}, "resolved", {kSales, kAgent},
                    {R::kResolution}, {"resolved"}),
               kComplaints),
      ForCases(Step("request_sample", {"understanding"}, "sample_collection", {kSales}, {R::kNote},
                    {"sample_requested"}),
               kComplaints),
      // 3. Record (5.1.2): the quality abnormality report goes to QA with the sample...
      ForCases(Step("hand_to_qa", {"sample_collection"}, "investigating", {kSales},
                    {R::kSampleReceived, R::kDefectDescription},
                    {std::string(kSampleReceivedEvent), "handed_to_qa"}),
               kComplaints, kProductOrigins),
      // ...or, when the customer cannot send one but wants an explanation
      // (5.5 2.), QA writes the potential-failure analysis, which is the reply.
      ForCases(Step("request_failure_analysis", {"understanding"}, "failure_analysis", {kSales},
                    {R::kDefectDescription, R::kReason}, {"failure_analysis_requested"}),
               kComplaints, kProductOrigins),
      Step("record_failure_analysis", {"failure_analysis"}, "replying", {kQa},
           {R::kFailureAnalysis}, {"failure_analysis_written"}),
      // 4. Investigate (5.2 (1)): the preliminary analysis (the other-factory
      // initial analysis), the meeting of the related units, the causes and
      // the responsible department.
      Step("record_preliminary_analysis", {"investigating"}, "cause_analysis", {kQa},
           {R::kPreliminaryAnalysis}, {"initial_analysis_done"}),
      Step("record_cause", {"investigating", "cause_analysis"}, "countermeasures", {kQa},
           {R::kPreliminaryAnalysis, R::kMeeting, R::kRootCause, R::kResponsibleDepartment},
           {"investigation_done", "initial_analysis_done"}),
      // 5. Correct and prevent (5.3): temporary and permanent countermeasures
      // with departments and due dates; the QA head approves.
      Step("submit_countermeasures", {"countermeasures"}, "qa_approval", {kQa, kDepartment, kSales},
           {R::kCountermeasure}, {"countermeasures_submitted"}),
      Step("approve_countermeasures", {"qa_approval"}, "replying", {kQaHead}, {},
           {std::string(kCountermeasuresApprovedEvent)}),
      Step("return_countermeasures", {"qa_approval"}, "countermeasures", {kQaHead}, {R::kReason},
           {"countermeasures_returned"}),
      // Environmental complaints (5.2 (2)–(3)): general affairs investigates
      // and fills the communication form; the responsible unit signs for it
      // and enters its solution.
      ForCases(Step("record_environmental_investigation", {"environmental_handling"},
                    "environmental_solution", {kGeneralAffairs},
                    {R::kRootCause, R::kResponsibleDepartment}, {"investigation_done"}),
               {}, kEnvironmental),
      ForCases(Step("enter_environmental_solution", {"environmental_solution"}, "replying",
                    {kDepartment}, {R::kSolution}, {"countermeasures_submitted"}),
               {}, kEnvironmental),
      // 6. Reply (5.4) with the customer feedback letter.
      Step("send_reply", {"replying"}, "following_up", {kSales, kGeneralAffairs}, {R::kReply},
           {"replied"}),
      // 7. Follow up: the customer accepts or rejects the outcome.
      ForCases(Step("confirm_follow_up", {"following_up"}, "verifying", {kSales},
                    {R::kCustomerDecision, R::kNote}, {"followed_up"}),
               {}, kProductOrigins),
      ForCases(Step("close_environmental", {"following_up"}, "closed", {kGeneralAffairs},
                    {R::kCustomerDecision}, {"followed_up", "closed"}),
               {}, kEnvironmental),
      // 8. Verify next month and close (5.3 (3)), or reopen.
      Step("close_verified", {"verifying"}, "closed", {kQa}, {R::kVerification},
           {std::string(kVerifiedEvent), "closed"}),
      Step("reopen_investigation", {"verifying"}, "investigating", {kQa}, {R::kReason},
           {"reopened"}),
      // Resolved cases close once the customer has had their say, or reopen.
      Step("close_resolved", {"resolved"}, "closed", {kAgent, kSales, kQa, kGeneralAffairs},
           {R::kCustomerDecision}, {"closed"}),
      ForCases(Step("reopen", {"resolved"}, "understanding", {kAgent, kSales}, {R::kReason},
                    {"reopened"}),
               kComplaints),
      ForCases(Step("reopen_inquiry", {"resolved"}, "received", {kAgent, kSales}, {R::kReason},
                    {"reopened"}),
               kShortPath),
      // Waiting for the customer pauses the clocks that allow it.
      Step("wait_for_customer", waiting_from, "waiting_customer", {kSales, kAgent}, {R::kReason},
           {"waiting_for_customer"}),
      Step("resume_understanding", {"waiting_customer"}, "understanding", {kSales, kAgent},
           {R::kNote}, {"customer_responded"}),
      Step("resume_sample_collection", {"waiting_customer"}, "sample_collection", {kSales, kAgent},
           {R::kNote}, {"customer_responded"}),
      Step("resume_reply", {"waiting_customer"}, "replying", {kSales, kAgent}, {R::kNote},
           {"customer_responded"}),
      Step("resume_follow_up", {"waiting_customer"}, "following_up", {kSales, kAgent}, {R::kNote},
           {"customer_responded"}),
  };
  return workflow;
}

Status ValidateWorkflow(const Workflow& workflow) {
  FieldErrors errors;
  std::set<std::string> state_codes;
  bool has_closed = false;
  for (std::size_t i = 0; i < workflow.states.size(); ++i) {
    const auto& state = workflow.states[i];
    const std::string field = "states[" + std::to_string(i) + "].code";
    if (!IsWorkflowCode(state.code)) {
      errors.Add(field, "validation.workflow_code");
    } else if (!state_codes.insert(state.code).second) {
      errors.Add(field, "validation.duplicate", {{"value", state.code}});
    }
    has_closed = has_closed || state.kind == StateKind::kClosed;
  }
  if (workflow.states.empty()) errors.Add("states", "validation.required");
  if (!has_closed && !workflow.states.empty()) {
    errors.Add("states", "validation.workflow_needs_closed_state");
  }
  if (!state_codes.count(workflow.initial_state)) {
    errors.Add("initial_state", "validation.unknown_state", {{"value", workflow.initial_state}});
  }
  std::set<std::string> step_codes;
  for (std::size_t i = 0; i < workflow.transitions.size(); ++i) {
    const auto& step = workflow.transitions[i];
    const std::string prefix = "transitions[" + std::to_string(i) + "].";
    if (!IsWorkflowCode(step.code)) {
      errors.Add(prefix + "code", "validation.workflow_code");
    } else if (!step_codes.insert(step.code).second) {
      errors.Add(prefix + "code", "validation.duplicate", {{"value", step.code}});
    }
    if (step.from.empty()) errors.Add(prefix + "from", "validation.required");
    for (const auto& from : step.from) {
      if (!state_codes.count(from)) {
        errors.Add(prefix + "from", "validation.unknown_state", {{"value", from}});
      } else if (from == step.to) {
        errors.Add(prefix + "to", "validation.workflow_loop", {{"value", from}});
      }
    }
    if (!state_codes.count(step.to)) {
      errors.Add(prefix + "to", "validation.unknown_state", {{"value", step.to}});
    }
    for (const auto& event : step.events) {
      if (!IsWorkflowCode(event)) errors.Add(prefix + "events", "validation.workflow_code");
    }
  }
  if (!errors.empty()) return errors.ToError();
  return Ok();
}

std::vector<const WorkflowTransition*> StepsOpenTo(const Workflow& workflow, const Case& a_case,
                                                   const Principal& principal) {
  std::vector<const WorkflowTransition*> open;
  for (const auto* step : workflow.StepsFrom(a_case.status, a_case.type, a_case.origin_class)) {
    if (principal.system || MayTake(*step, principal.role)) open.push_back(step);
  }
  return open;
}

Result<const WorkflowTransition*> ChooseStep(const Workflow& workflow, const Case& a_case,
                                             const Principal& principal, std::string_view to,
                                             const std::optional<std::string>& step) {
  bool leads_there = false;
  for (const auto* candidate :
       workflow.StepsFrom(a_case.status, a_case.type, a_case.origin_class)) {
    if (candidate->to != to || (step && candidate->code != *step)) continue;
    leads_there = true;
    if (principal.system || MayTake(*candidate, principal.role)) return candidate;
  }
  return Error::Of(leads_there ? ErrorCode::kForbidden : ErrorCode::kConflict,
                   leads_there ? "error.transition_forbidden" : "error.transition_not_allowed",
                   {{"from", a_case.status}, {"to", std::string(to)}});
}

}  // namespace lt::domain
