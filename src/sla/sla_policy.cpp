#include "sla/sla_policy.hpp"

#include <algorithm>
#include <set>

#include "domain/workflow.hpp"

namespace lt::sla {
namespace {

template <class T>
bool Allows(const std::vector<T>& allowed, const T& value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

SlaTarget Target(std::string code, std::string start, std::vector<std::string> stops,
                 std::int64_t amount, DurationUnit unit,
                 std::vector<std::string> pause_states = {}) {
  SlaTarget target;
  target.code = std::move(code);
  target.start_event = std::move(start);
  target.stop_events = std::move(stops);
  target.pause_states = std::move(pause_states);
  target.amount = amount;
  target.unit = unit;
  return target;
}

}  // namespace

bool Matches(const SlaPolicy& policy, const CaseFacts& facts) {
  if (!policy.active) return false;
  if (!Allows(policy.case_types, facts.type)) return false;
  if (!Allows(policy.urgencies, facts.urgency)) return false;
  if (!Allows(policy.origin_classes, facts.origin_class)) return false;
  if (!Allows(policy.segments, facts.segment)) return false;
  if (!policy.category_ids.empty()) {
    if (!facts.category_id) return false;
    if (!Allows(policy.category_ids, *facts.category_id)) return false;
  }
  return true;
}

std::vector<SlaTarget> ChooseTargets(const std::vector<SlaPolicy>& policies,
                                     const CaseFacts& facts) {
  std::vector<SlaTarget> chosen;
  std::set<std::string> decided;
  for (const auto& policy : policies) {
    if (!Matches(policy, facts)) continue;
    for (const auto& target : policy.targets) {
      if (decided.insert(target.code).second) chosen.push_back(target);
    }
  }
  return chosen;
}

std::vector<SlaPolicy> DefaultSlaPolicies() {
  using domain::CaseType;
  using domain::OriginClass;
  const std::vector<std::string> waiting = {"waiting_customer"};
  const std::vector<std::string> reply_stops = {"replied"};
  const std::vector<CaseType> complaints = {CaseType::kComplaint, CaseType::kGrumble};

  SlaPolicy urgent;
  urgent.code = "urgent_complaint";
  urgent.name = "Urgent complaints";
  urgent.case_types = complaints;
  urgent.urgencies = {domain::Urgency::kUrgent};
  urgent.targets = {
      Target("reply", "sample_received", reply_stops, 48, DurationUnit::kCalendarHours, waiting)};

  SlaPolicy other_factory;
  other_factory.code = "other_factory";
  other_factory.name = "Other-factory abnormalities";
  other_factory.case_types = complaints;
  other_factory.origin_classes = {OriginClass::kOtherFactory};
  other_factory.targets = {
      Target("reply", "sample_received", reply_stops, 7, DurationUnit::kWorkingDays, waiting),
      Target("initial_analysis", "handed_to_qa", {"initial_analysis_done"}, 2,
             DurationUnit::kWorkingDays),
      // The supplier's corrective action request (src/app/supplier_car_cases.hpp).
      Target("supplier_initial_analysis", "car_requested", {"car_initial_analysis"}, 2,
             DurationUnit::kWorkingDays),
      Target("supplier_answer", "car_requested", {"car_answered"}, 7, DurationUnit::kWorkingDays)};

  SlaPolicy own_factory;
  own_factory.code = "own_factory";
  own_factory.name = "Own-factory abnormalities";
  own_factory.case_types = complaints;
  own_factory.origin_classes = {OriginClass::kOwnFactory};
  own_factory.targets = {
      Target("reply", "sample_received", reply_stops, 3, DurationUnit::kWorkingDays, waiting)};

  SlaPolicy complaint;
  complaint.code = "complaint";
  complaint.name = "Complaints";
  complaint.case_types = complaints;
  complaint.targets = {
      Target("first_contact", "received", {"first_contact"}, 12, DurationUnit::kWorkingHours),
      Target("investigation", "handed_to_qa", {"investigation_done"}, 24,
             DurationUnit::kWorkingHours),
      Target("reply", "sample_received", reply_stops, 3, DurationUnit::kWorkingDays, waiting),
      Target("failure_analysis", "failure_analysis_requested", {"failure_analysis_done"}, 48,
             DurationUnit::kCalendarHours)};

  SlaPolicy other_matters;
  other_matters.code = "inquiry";
  other_matters.name = "Inquiries, suggestions and praise";
  other_matters.case_types = {CaseType::kInquiry, CaseType::kSuggestion, CaseType::kPraise};
  other_matters.targets = {
      Target("first_contact", "received", {"first_contact"}, 12, DurationUnit::kWorkingHours)};

  return {urgent, other_factory, own_factory, complaint, other_matters};
}

Status ValidateSlaPolicies(const std::vector<SlaPolicy>& policies) {
  FieldErrors errors;
  std::set<std::string> codes;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    const auto& policy = policies[i];
    const std::string prefix = "policies[" + std::to_string(i) + "].";
    if (!domain::IsWorkflowCode(policy.code)) {
      errors.Add(prefix + "code", "validation.workflow_code");
    } else if (!codes.insert(policy.code).second) {
      errors.Add(prefix + "code", "validation.duplicate", {{"value", policy.code}});
    }
    std::set<std::string> target_codes;
    for (std::size_t t = 0; t < policy.targets.size(); ++t) {
      const auto& target = policy.targets[t];
      const std::string field = prefix + "targets[" + std::to_string(t) + "].";
      if (!domain::IsWorkflowCode(target.code)) {
        errors.Add(field + "code", "validation.workflow_code");
      } else if (!target_codes.insert(target.code).second) {
        errors.Add(field + "code", "validation.duplicate", {{"value", target.code}});
      }
      if (!domain::IsWorkflowCode(target.start_event)) {
        errors.Add(field + "start_event", "validation.workflow_code");
      }
      if (target.stop_events.empty()) errors.Add(field + "stop_events", "validation.required");
      for (const auto& event : target.stop_events) {
        if (!domain::IsWorkflowCode(event)) {
          errors.Add(field + "stop_events", "validation.workflow_code");
        }
      }
      for (const auto& state : target.pause_states) {
        if (!domain::IsWorkflowCode(state)) {
          errors.Add(field + "pause_states", "validation.workflow_code");
        }
      }
      if (target.amount <= 0 || target.amount > 10000) {
        errors.Add(field + "amount", "validation.range", {{"min", "1"}, {"max", "10000"}});
      }
      if (target.warn_percent < 0 || target.warn_percent > 99) {
        errors.Add(field + "warn_percent", "validation.range", {{"min", "0"}, {"max", "99"}});
      }
    }
  }
  if (!errors.empty()) return errors.ToError();
  return Ok();
}

}  // namespace lt::sla
