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
  if (!Allows(policy.channels, facts.channel)) return false;
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
  using domain::Urgency;
  constexpr auto kHours = DurationUnit::kWorkingDayHours;  // "N 小时"
  constexpr auto kDays = DurationUnit::kWorkingDays;       // "N 天"
  constexpr auto kCalendarHours = DurationUnit::kCalendarHours;
  const std::vector<std::string> waiting = {"waiting_customer"};
  const std::vector<std::string> reply_stops = {"replied"};
  const std::vector<CaseType> complaints = {CaseType::kComplaint, CaseType::kGrumble};
  auto policy = [&](std::string code, std::string name, std::vector<Urgency> urgencies,
                    std::vector<OriginClass> origins, std::vector<SlaTarget> targets) {
    SlaPolicy made;
    made.code = std::move(code);
    made.name = std::move(name);
    made.case_types = complaints;
    made.urgencies = std::move(urgencies);
    made.origin_classes = std::move(origins);
    made.targets = std::move(targets);
    return made;
  };
  // The stages every complaint goes through, in one kind of hours.
  auto contact = [&](DurationUnit unit) {
    return Target("first_contact", "received", {"first_contact"}, 12, unit);
  };
  auto investigation = [&](const std::string& handed_over, DurationUnit unit) {
    return Target("investigation", handed_over, {"investigation_done"}, 24, unit);
  };
  auto countermeasures = [&](DurationUnit unit) {
    return Target("countermeasures", "investigation_done", {"countermeasures_submitted"}, 24, unit);
  };
  auto reply = [&](const std::string& start, std::int64_t amount, DurationUnit unit) {
    return Target("reply", start, reply_stops, amount, unit, waiting);
  };
  // Without a sample, QA's analysis of the potential failure cause is the
  // reply: its clock ends when it reaches the customer.
  const SlaTarget failure_analysis = Target("failure_analysis", "failure_analysis_requested",
                                            reply_stops, 48, kCalendarHours, waiting);
  const std::string to_general_affairs = "handed_to_general_affairs";
  const std::vector<Urgency> urgent = {Urgency::kUrgent};

  // Environmental complaints: general affairs investigates and the
  // responsible unit enters its solution; sales replies with the
  // environmental feedback letter.
  SlaPolicy urgent_environmental =
      policy("urgent_environmental", "Urgent environmental complaints", urgent,
             {OriginClass::kEnvironmental},
             {contact(kCalendarHours), investigation(to_general_affairs, kCalendarHours),
              countermeasures(kCalendarHours), reply(to_general_affairs, 48, kCalendarHours)});
  SlaPolicy environmental =
      policy("environmental", "Environmental complaints", {}, {OriginClass::kEnvironmental},
             {contact(kHours), investigation(to_general_affairs, kHours), countermeasures(kHours),
              reply(to_general_affairs, 3, kDays)});
  // Urgent other-factory abnormalities: the initial analysis cannot wait
  // two days when the reply is due in 48 hours.
  SlaPolicy urgent_other_factory = policy(
      "urgent_other_factory", "Urgent other-factory abnormalities", urgent,
      {OriginClass::kOtherFactory},
      {Target("initial_analysis", "handed_to_qa", {"initial_analysis_done"}, 24, kCalendarHours)});
  SlaPolicy urgent_complaint =
      policy("urgent_complaint", "Urgent complaints", urgent, {},
             {contact(kCalendarHours), investigation("handed_to_qa", kCalendarHours),
              countermeasures(kCalendarHours), reply("sample_received", 48, kCalendarHours),
              failure_analysis});
  // Other-factory abnormalities: the receiving unit's initial analysis in 2
  // days, the responsible unit's cause in 5, the reply in 7.
  SlaPolicy other_factory = policy(
      "other_factory", "Other-factory abnormalities", {}, {OriginClass::kOtherFactory},
      {Target("initial_analysis", "handed_to_qa", {"initial_analysis_done"}, 2, kDays),
       Target("investigation", "handed_to_qa", {"investigation_done"}, 5, kDays),
       reply("sample_received", 7, kDays),
       // The supplier's corrective action request (src/app/supplier_cars.hpp).
       Target("supplier_initial_analysis", "car_requested", {"car_initial_analysis"}, 2, kDays),
       Target("supplier_answer", "car_requested", {"car_answered"}, 7, kDays)});
  SlaPolicy own_factory = policy("own_factory", "Own-factory abnormalities", {},
                                 {OriginClass::kOwnFactory}, {reply("sample_received", 3, kDays)});
  SlaPolicy complaint =
      policy("complaint", "Complaints", {}, {},
             {contact(kHours), investigation("handed_to_qa", kHours), countermeasures(kHours),
              reply("sample_received", 3, kDays), failure_analysis});

  // Complaints the market regulator referred: contact and negotiation within
  // 10 working days of the referral, whatever else applies.
  SlaPolicy regulator;
  regulator.code = "regulator_referral";
  regulator.name = "Regulator referrals (12315)";
  regulator.channels = {domain::Channel::kRegulator};
  regulator.targets = {Target("regulator", "received", reply_stops, 10, kDays)};

  SlaPolicy other_matters;
  other_matters.code = "inquiry";
  other_matters.name = "Inquiries, suggestions and praise";
  other_matters.case_types = {CaseType::kInquiry, CaseType::kSuggestion, CaseType::kPraise};
  other_matters.targets = {contact(kHours)};

  return {
      urgent_environmental, environmental, urgent_other_factory, urgent_complaint, other_factory,
      own_factory,          complaint,     other_matters,        regulator};
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
