#pragma once

// Phone calls (issue 16, domain/call.hpp): recorded by agents through the API
// and the case page, and reported by the telephony system's signed webhook
// as they ring, are answered and end. On ringing the caller is looked up by
// number and the agent's console is told (the screen pop: GetCall gives the
// customer and their open cases); the agent adds the call to a case
// (LinkCall), where it lands on the timeline once it has ended, with its
// duration and notes.

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/call.hpp"

namespace lt::app {

// An agent's record of a call that took place.
struct CallInput {
  domain::Direction direction = domain::Direction::kInbound;
  std::string number;
  std::optional<TimestampMs> started_at;  // default: now less the duration
  int duration_seconds = 0;
  std::optional<Id> agent_user_id;  // default: whoever records it
  std::string notes;
  std::optional<Id> case_id;
  std::vector<AttachmentInput> recording;  // the recording, as attachments
};

// Staff. Errors: kForbidden; kNotFound (case not visible); kInvalidArgument
// on direction, number, started_at, duration_seconds, agent_user_id, notes,
// attachments (the recording needs a case).
Result<domain::Call> RecordCall(AppContext& context, const domain::Principal& principal,
                                const CallInput& input);

// What the telephony system reports of a call.
struct CallEvent {
  std::string call_id;  // its id of the call
  std::string event;    // "ringing", "answered", "hangup"
  domain::Direction direction = domain::Direction::kInbound;
  std::string number;  // the customer's end
  std::string agent;   // the e-mail of the agent it rings for; "" for anyone
  std::optional<TimestampMs> at;
  std::optional<int> duration_seconds;  // on hang-up, if it counts it
};

// Applies a checked event (app/webhooks.hpp), recording its signature with
// it. The first event of a call creates it; a hang-up ends it and puts it on
// its case's timeline when an agent added it to one. Errors:
// kInvalidArgument on call_id, event, number, agent (no such user); kConflict
// "error.webhook_replay"; the store's.
Result<domain::Call> ReceiveCallEvent(AppContext& context, const CallEvent& event,
                                      const std::string& signature);

// A call as the screen pop shows it: the customer the number belongs to and
// their open cases the agent may see.
struct CallView {
  domain::Call call;
  std::optional<domain::Customer> customer;
  std::vector<domain::Case> open_cases;
};
// Staff. Errors: kForbidden, kNotFound.
Result<CallView> GetCall(AppContext& context, const domain::Principal& principal, Id call_id);

// The calls of the last `days` days, latest first (staff); `unlinked`: only
// those on no case; `mine`: those of the caller and those for nobody.
Result<std::vector<domain::Call>> ListCalls(AppContext& context, const domain::Principal& principal,
                                            int days, bool unlinked, bool mine);

// Adds the call to a case the agent may see: on the timeline at once when it
// has ended, else at its hang-up. Errors: kForbidden, kNotFound (call or
// case), kConflict "error.call_linked" when it is on a case already.
Result<domain::Call> LinkCall(AppContext& context, const domain::Principal& principal, Id call_id,
                              Id case_id);

// The secret the telephony system signs its webhook with (admins).
struct TelephonySettings {
  bool webhook_secret_set = false;
};
Result<TelephonySettings> GetTelephonySettings(AppContext& context,
                                               const domain::Principal& principal);
// Errors: kForbidden; kInvalidArgument on webhook_secret (at least 16 characters).
Result<TelephonySettings> SaveTelephonySettings(AppContext& context,
                                                const domain::Principal& principal,
                                                const std::string& webhook_secret);

}  // namespace lt::app
