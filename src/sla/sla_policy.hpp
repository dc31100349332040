#pragma once

// SLA policies: which deadlines apply to a case and how each is measured.
// Data edited by admins (storage::SlaPolicyStore); the procedure's deadlines
// ship as DefaultSlaPolicies(). Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"

namespace lt::sla {

// How a target's duration is counted. Working units follow the business
// calendar: N working hours count working minutes, N working days end at the
// same time of day N working days later. Calendar units count every hour
// (urgent cases do not wait for the weekend).
enum class DurationUnit { kCalendarHours, kCalendarDays, kWorkingHours, kWorkingDays };
inline constexpr domain::EnumCodes<DurationUnit, 4> kDurationUnitCodes{{{
    {DurationUnit::kCalendarHours, "calendar_hours"},
    {DurationUnit::kCalendarDays, "calendar_days"},
    {DurationUnit::kWorkingHours, "working_hours"},
    {DurationUnit::kWorkingDays, "working_days"},
}}};

// One deadline: from a start event to a stop event, paused while the case is
// in one of the pause states.
struct SlaTarget {
  std::string code;         // "first_contact", "reply", ...: the clock's name
  std::string start_event;  // "received" or a procedure event of the workflow
  std::vector<std::string> stop_events;
  std::vector<std::string> pause_states;  // workflow state codes
  std::int64_t amount = 0;
  DurationUnit unit = DurationUnit::kWorkingHours;
  int warn_percent = 75;  // warn when this share of the time is used; 0: never
  // At breach the owner's managers are told; optionally the case moves to
  // this user.
  std::optional<domain::Id> escalate_to_user_id;
};

// A policy applies to the cases matching all of its conditions (an empty
// list matches everything) and contributes the targets it names.
struct SlaPolicy {
  domain::Id id = 0;
  std::string code;
  std::string name;
  bool active = true;
  std::vector<domain::CaseType> case_types;
  std::vector<domain::Urgency> urgencies;
  std::vector<domain::OriginClass> origin_classes;
  std::vector<domain::Segment> segments;
  std::vector<domain::Id> category_ids;
  std::vector<SlaTarget> targets;
};

// What policies look at.
struct CaseFacts {
  domain::CaseType type = domain::CaseType::kComplaint;
  domain::Urgency urgency = domain::Urgency::kNormal;
  domain::OriginClass origin_class = domain::OriginClass::kUnknown;
  domain::Segment segment = domain::Segment::kNormal;
  std::optional<domain::Id> category_id;
};

bool Matches(const SlaPolicy& policy, const CaseFacts& facts);

// The targets that apply: policies are tried in order and the first active
// matching policy that names a target code decides it.
std::vector<SlaTarget> ChooseTargets(const std::vector<SlaPolicy>& policies,
                                     const CaseFacts& facts);

// The procedure's deadlines (PRODUCT.md): first contact 12 working hours
// after receipt; investigation 24 working hours after hand-over to QA;
// reply after the sample is received: urgent 48 calendar hours, normal and
// own-factory 3 working days, other-factory 7 working days with the initial
// analysis in 2; potential-failure analysis without a sample 48 calendar
// hours. Reply clocks pause while waiting for the customer.
std::vector<SlaPolicy> DefaultSlaPolicies();

// Checks codes, events, durations and percentages. Errors:
// kInvalidArgument with one field error per problem ("policies[1].targets[0].amount").
Status ValidateSlaPolicies(const std::vector<SlaPolicy>& policies);

}  // namespace lt::sla
