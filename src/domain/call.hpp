#pragma once

// Phone calls (issue 16). A call is recorded by an agent after the fact, or
// reported by the telephony system as it rings, is answered and ends; the
// caller is looked up by number, and the agent it rings for sees it pop up
// in the console with the customer and their open cases, to add it to one
// of them or file a new case. Once it has ended and joined a case it is an
// interaction on that case's timeline.

#include <optional>
#include <string>

#include "base/clock.hpp"
#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"

namespace lt::domain {

enum class CallState { kRinging, kAnswered, kEnded };
inline constexpr EnumCodes<CallState, 3> kCallStateCodes{{{
    {CallState::kRinging, "ringing"},
    {CallState::kAnswered, "answered"},
    {CallState::kEnded, "ended"},
}}};

struct Call {
  Id id = 0;
  std::optional<std::string> external_id;  // the telephony system's id of the call
  Direction direction = Direction::kInbound;
  std::string number;  // the customer's end, E.164
  std::optional<Id> customer_id;
  std::optional<Id> agent_user_id;
  CallState state = CallState::kRinging;
  TimestampMs started_at = 0;
  std::optional<TimestampMs> answered_at;
  std::optional<TimestampMs> ended_at;
  std::optional<int> duration_seconds;
  std::string notes;
  std::optional<Id> case_id;
  std::optional<Id> interaction_id;  // set once the call is on the case's timeline
  TimestampMs created_at = 0;
};

// What the live updates tell the console of a call: it rings (for the agent
// it rings for, or every agent when the telephony system names none), was
// answered, ended or joined a case.
struct CallNotice {
  Id call_id = 0;
  std::string event;  // "ringing", "answered", "ended", "linked"
  std::optional<Id> agent_user_id;
};

}  // namespace lt::domain
