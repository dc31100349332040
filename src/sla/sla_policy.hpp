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

// How a target's duration is counted (the regulation counts hours and days
// separately):
//  - working_day_hours: the hours of working days round the clock; a day off
//    (weekend or holiday that is not an adjusted working day) does not
//    count, a working day counts 24 h. The regulation's "N 小时".
//  - working_days: ends at the same time of day N working days later. The
//    regulation's "N 天".
//  - working_hours: only the calendar's working periods count (office hours).
//  - calendar_hours, calendar_days: every hour counts (urgent cases do not
//    wait for the weekend).
enum class DurationUnit {
  kCalendarHours,
  kCalendarDays,
  kWorkingHours,
  kWorkingDays,
  kWorkingDayHours
};
inline constexpr domain::EnumCodes<DurationUnit, 5> kDurationUnitCodes{{{
    {DurationUnit::kCalendarHours, "calendar_hours"},
    {DurationUnit::kCalendarDays, "calendar_days"},
    {DurationUnit::kWorkingHours, "working_hours"},
    {DurationUnit::kWorkingDays, "working_days"},
    {DurationUnit::kWorkingDayHours, "working_day_hours"},
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
  std::vector<domain::Channel> channels;
  std::vector<SlaTarget> targets;
};

// What policies look at.
struct CaseFacts {
  domain::CaseType type = domain::CaseType::kComplaint;
  domain::Urgency urgency = domain::Urgency::kNormal;
  domain::OriginClass origin_class = domain::OriginClass::kUnknown;
  domain::Segment segment = domain::Segment::kNormal;
  std::optional<domain::Id> category_id;
  domain::Channel channel = domain::Channel::kPhone;
};

bool Matches(const SlaPolicy& policy, const CaseFacts& facts);

// The targets that apply: policies are tried in order and the first active
// matching policy that names a target code decides it.
std::vector<SlaTarget> ChooseTargets(const std::vector<SlaPolicy>& policies,
                                     const CaseFacts& facts);

// The procedure's deadlines (PRODUCT.md, docs/procedure.md has the table).
// Hours are hours of working days, days are working days:
//  - first contact 12 h after receipt;
//  - investigation 24 h after the hand-over to QA (to general affairs for
//    environmental complaints); countermeasures set 24 h after the
//    investigation;
//  - reply 3 days after the sample arrives (environmental: after the
//    hand-over to general affairs); own-factory 3 days; other-factory 7 days,
//    with the initial analysis in 2 and the cause in 5;
//  - the potential-failure analysis, when no sample can be sent, 48 calendar
//    hours from the request until it reaches the customer;
//  - urgent complaints: reply in 48 calendar hours, and every hour clock in
//    calendar hours.
//  - regulator referrals (channel "regulator"): the regulator's deadline, 10
//    working days from receipt until the reply, never paused.
// Reply clocks pause while waiting for the customer. Each stage's deadline
// falls no later than the next one's (tests/sla/procedure_deadlines_test.cpp).
std::vector<SlaPolicy> DefaultSlaPolicies();

// Checks codes, events, durations and percentages. Errors:
// kInvalidArgument with one field error per problem ("policies[1].targets[0].amount").
Status ValidateSlaPolicies(const std::vector<SlaPolicy>& policies);

}  // namespace lt::sla
