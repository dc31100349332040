#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/entities.hpp"

namespace lt::domain {

// What staff are told of (issue 16): an SLA clock's warning and breach, a
// case assigned to them, a claim awaiting their approval, an action of
// theirs falling due.
inline constexpr std::array<std::string_view, 5> kNotificationKinds = {
    "sla_warning", "sla_breach", "assignment", "claim_approval", "action_due"};

inline bool IsNotificationKind(std::string_view kind) {
  return std::find(kNotificationKinds.begin(), kNotificationKinds.end(), kind) !=
         kNotificationKinds.end();
}

// One notice to one user, shown in the console (live) and, as the user
// chose, sent by e-mail or SMS.
struct Notification {
  Id id = 0;
  Id user_id = 0;
  std::string kind;  // one of kNotificationKinds
  std::optional<Id> case_id;
  std::string case_number;
  std::string target;   // the SLA target of an SLA alert
  std::string subject;  // what it is about beyond the case: the action, the claim's amount
  std::optional<TimestampMs> due_at;
  TimestampMs created_at = 0;
  std::optional<TimestampMs> read_at;
};

// How a user wants to hear of each kind beyond the console: by e-mail (to
// their sign-in address) and by SMS (to their mobile).
struct NotificationPreferences {
  Id user_id = 0;
  std::string mobile;                    // E.164; empty: none
  std::vector<std::string> email_kinds;  // kinds sent by e-mail
  std::vector<std::string> sms_kinds;    // kinds sent by SMS
  TimestampMs updated_at = 0;
};

}  // namespace lt::domain
