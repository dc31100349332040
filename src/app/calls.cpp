#include "app/calls.hpp"

#include <algorithm>
#include <cstdio>

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/field_rules.hpp"
#include "app/interactions.hpp"
#include "app/references.hpp"
#include "app/webhooks.hpp"
#include "base/utf8.hpp"
#include "domain/contact.hpp"
#include "domain/queue.hpp"
#include "domain/webhook_signature.hpp"
#include "i18n/i18n.hpp"
#include "storage/audit_store.hpp"
#include "storage/call_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/directory_store.hpp"
#include "storage/outbox_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxNotesChars = 10000;
constexpr std::size_t kMaxCallIdChars = 200;
constexpr int kMaxDurationSeconds = 24 * 3600;

std::string Duration(int seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%d:%02d", seconds / 60, seconds % 60);
  return text;
}

// The timeline entry of a call: who called whom and for how long, then the notes.
std::string CallBody(const domain::Call& call) {
  const std::string line = i18n::Translate(
      i18n::Locale::kZhCn,
      call.direction == domain::Direction::kOutbound ? "call.outbound" : "call.inbound",
      {{"number", call.number}, {"duration", Duration(call.duration_seconds.value_or(0))}});
  return call.notes.empty() ? line : line + "\n\n" + call.notes;
}

Result<std::optional<Id>> CustomerOfNumber(storage::Connection& connection,
                                           const std::string& number) {
  return storage::CustomerStore(connection).FindByContact({domain::ContactKind::kPhone, number});
}

Status Notify(storage::Connection& connection, const domain::Call& call, std::string event) {
  return storage::PublishCallNotice(connection, {call.id, std::move(event), call.agent_user_id});
}

// Puts an ended call on its case's timeline, in one transaction with the
// call's record of it.
Result<domain::Call> AddToTimeline(AppContext& context, const domain::Principal& principal,
                                   domain::Call call, const std::vector<AttachmentInput>& recording,
                                   bool insert) {
  InteractionInput input;
  input.direction = call.direction;
  input.channel = domain::Channel::kPhone;
  input.visibility = domain::Visibility::kPublic;
  input.body = CallBody(call);
  input.occurred_at = call.started_at;
  input.attachments = recording;
  LT_TRY(AddInteraction(context, principal, *call.case_id, input,
                        [&](storage::Connection& connection, const domain::Case&,
                            const domain::Interaction& interaction) -> Status {
                          call.interaction_id = interaction.id;
                          storage::CallStore calls(connection);
                          if (insert) {
                            LT_TRY(calls.Insert(call));
                          } else {
                            LT_TRY(calls.Update(call));
                          }
                          return Notify(connection, call, "linked");
                        }));
  return call;
}

}  // namespace

Result<domain::Call> RecordCall(AppContext& context, const domain::Principal& principal,
                                const CallInput& input) {
  LT_TRY(RequireStaff(principal));
  const TimestampMs now = context.clock.NowMs();
  FieldErrors errors;
  domain::Call call;
  call.direction = input.direction;
  if (input.direction == domain::Direction::kInternal)
    errors.Add("direction", "validation.call_direction");
  const auto number = domain::NormalizePhone(input.number);
  if (!number) errors.Add("number", "validation.phone");
  if (input.duration_seconds < 0 || input.duration_seconds > kMaxDurationSeconds) {
    errors.Add("duration_seconds", "validation.range",
               {{"min", "0"}, {"max", std::to_string(kMaxDurationSeconds)}});
  }
  call.notes = CheckText(input.notes, "notes", kMaxNotesChars, Presence::kOptional, errors);
  call.started_at = input.started_at.value_or(now - std::int64_t{input.duration_seconds} * 1000);
  if (call.started_at > now + context.options.max_clock_skew_ms) {
    errors.Add("started_at", "validation.future_time");
  }
  if (!input.recording.empty() && !input.case_id) {
    errors.Add("attachments", "validation.recording_needs_case");
  }
  call.agent_user_id = input.agent_user_id ? input.agent_user_id : principal.user_id;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY(
        CheckReference(connection, Reference::kUser, input.agent_user_id, "agent_user_id", errors));
    if (number) {
      LT_TRY_ASSIGN(call.customer_id, CustomerOfNumber(connection, *number));
    }
    return Ok();
  }));
  if (!errors.empty()) return errors.ToError();
  call.number = *number;
  call.state = domain::CallState::kEnded;
  call.duration_seconds = input.duration_seconds;
  call.ended_at = call.started_at + std::int64_t{input.duration_seconds} * 1000;
  call.answered_at = call.started_at;
  call.case_id = input.case_id;
  call.created_at = now;
  if (call.case_id) return AddToTimeline(context, principal, call, input.recording, true);
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY(storage::CallStore(connection).Insert(call));
    return Notify(connection, call, "ended");
  }));
  return call;
}

Result<domain::Call> ReceiveCallEvent(AppContext& context, const CallEvent& event,
                                      const std::string& signature) {
  const TimestampMs now = context.clock.NowMs();
  FieldErrors errors;
  const std::string call_id =
      CheckText(event.call_id, "call_id", kMaxCallIdChars, Presence::kRequired, errors);
  const bool ringing = event.event == "ringing";
  const bool answered = event.event == "answered";
  const bool hangup = event.event == "hangup";
  if (!ringing && !answered && !hangup) {
    errors.Add("event", "validation.enum", {{"allowed", "ringing, answered, hangup"}});
  }
  std::optional<std::string> number;
  if (!event.number.empty()) {
    number = domain::NormalizePhone(event.number);
    if (!number) errors.Add("number", "validation.phone");
  }
  if (event.duration_seconds &&
      (*event.duration_seconds < 0 || *event.duration_seconds > kMaxDurationSeconds)) {
    errors.Add("duration_seconds", "validation.range",
               {{"min", "0"}, {"max", std::to_string(kMaxDurationSeconds)}});
  }
  std::optional<Id> agent;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    if (event.agent.empty()) return Ok();
    const auto email = domain::NormalizeEmail(event.agent);
    std::optional<domain::User> user;
    if (email) {
      LT_TRY_ASSIGN(user, storage::DirectoryStore(connection).FindUserByEmail(*email));
    }
    if (!user || !user->active) {
      errors.Add("agent", "validation.unknown_reference",
                 {{"what", "@word.user"}, {"id", event.agent}});
    } else {
      agent = user->id;
    }
    return Ok();
  }));
  if (!errors.empty()) return errors.ToError();
  const TimestampMs at = std::min(event.at.value_or(now), now);

  domain::Call call;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY(RecordWebhookReceipt(connection, domain::Channel::kPhone, signature, now));
    storage::CallStore calls(connection);
    LT_TRY_ASSIGN(const auto known, calls.FindByExternal(call_id));
    const bool created = !known;
    if (known) {
      call = *known;
    } else {
      if (!number) return Error::Invalid("number", "validation.required");
      call.external_id = call_id;
      call.direction = event.direction;
      call.number = *number;
      call.started_at = at;
      call.created_at = now;
      call.state = domain::CallState::kRinging;
      LT_TRY_ASSIGN(call.customer_id, CustomerOfNumber(connection, call.number));
    }
    if (agent) call.agent_user_id = agent;
    if (answered && call.state == domain::CallState::kRinging) {
      call.state = domain::CallState::kAnswered;
      call.answered_at = at;
    }
    if (hangup && call.state != domain::CallState::kEnded) {
      call.state = domain::CallState::kEnded;
      call.ended_at = at;
      const TimestampMs talk_from = call.answered_at.value_or(at);
      call.duration_seconds = event.duration_seconds.value_or(
          static_cast<int>(std::max<TimestampMs>(0, at - talk_from) / 1000));
    }
    if (created) {
      LT_TRY(calls.Insert(call));
    } else {
      LT_TRY(calls.Update(call));
    }
    return Notify(connection, call, hangup ? "ended" : event.event);
  }));
  if (call.state == domain::CallState::kEnded && call.case_id && !call.interaction_id) {
    return AddToTimeline(context, domain::Principal::System(), call, {}, false);
  }
  return call;
}

Result<CallView> GetCall(AppContext& context, const domain::Principal& principal, Id call_id) {
  LT_TRY(RequireStaff(principal));
  CallView view;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto found, storage::CallStore(connection).Find(call_id));
    if (!found) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    view.call = *found;
    if (!view.call.customer_id) return Ok();
    LT_TRY_ASSIGN(view.customer, storage::CustomerStore(connection).Find(*view.call.customer_id));
    LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
    domain::CaseFilter filter;
    filter.customer_id = *view.call.customer_id;
    filter.statuses = domain::OpenStates(*workflow);
    filter.sort = {domain::CaseSortField::kReceivedAt, true};
    filter.limit = 20;
    LT_TRY_ASSIGN(view.open_cases,
                  storage::CaseStore(connection).List(filter, domain::ScopeOf(principal)));
    return Ok();
  }));
  return view;
}

Result<std::vector<domain::Call>> ListCalls(AppContext& context, const domain::Principal& principal,
                                            int days, bool unlinked, bool mine) {
  LT_TRY(RequireStaff(principal));
  std::vector<domain::Call> calls;
  const TimestampMs since = context.clock.NowMs() - std::int64_t{days} * 24 * 3600 * 1000;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(calls,
                  storage::CallStore(connection)
                      .List(since, unlinked, mine ? principal.user_id : std::optional<Id>(), 200));
    return Ok();
  }));
  return calls;
}

Result<domain::Call> LinkCall(AppContext& context, const domain::Principal& principal, Id call_id,
                              Id case_id) {
  LT_TRY(RequireStaff(principal));
  domain::Call call;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto found, storage::CallStore(connection).Find(call_id));
    if (!found) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    call = *found;
    LT_TRY(LoadVisibleCase(connection, principal, case_id));
    return Ok();
  }));
  if (call.case_id) {
    return Error::Of(ErrorCode::kConflict, "error.call_linked",
                     {{"id", std::to_string(*call.case_id)}});
  }
  call.case_id = case_id;
  if (call.state == domain::CallState::kEnded) {
    return AddToTimeline(context, principal, call, {}, false);
  }
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    // Another agent may have linked it meanwhile.
    LT_TRY_ASSIGN(const auto current, storage::CallStore(connection).Find(call_id));
    if (current && current->case_id) {
      return Error::Of(ErrorCode::kConflict, "error.call_linked",
                       {{"id", std::to_string(*current->case_id)}});
    }
    if (current) {
      call.state = current->state;
      call.answered_at = current->answered_at;
      call.ended_at = current->ended_at;
      call.duration_seconds = current->duration_seconds;
    }
    LT_TRY(storage::CallStore(connection).Update(call));
    return Notify(connection, call, "linked");
  }));
  // It may have ended between the read and the write.
  if (call.state == domain::CallState::kEnded && !call.interaction_id) {
    return AddToTimeline(context, principal, call, {}, false);
  }
  return call;
}

Result<TelephonySettings> GetTelephonySettings(AppContext& context,
                                               const domain::Principal& principal) {
  LT_TRY(RequireAdmin(principal));
  TelephonySettings settings;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto secret,
                  storage::ChannelSettingsStore(connection).FindTelephonySecret());
    settings.webhook_secret_set = secret && !secret->empty();
    return Ok();
  }));
  return settings;
}

Result<TelephonySettings> SaveTelephonySettings(AppContext& context,
                                                const domain::Principal& principal,
                                                const std::string& webhook_secret) {
  LT_TRY(RequireAdmin(principal));
  if (CountCodePoints(webhook_secret) < domain::kMinWebhookSecretChars ||
      webhook_secret.size() > 200) {
    return Error::Invalid("webhook_secret", "validation.secret_length",
                          {{"min", std::to_string(domain::kMinWebhookSecretChars)}});
  }
  const TimestampMs now = context.clock.NowMs();
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY(storage::ChannelSettingsStore(connection)
               .SaveTelephonySecret(webhook_secret, now, principal.user_id));
    ChangeList changes;
    changes.Record("telephony.webhook_secret", std::nullopt, std::string("(changed)"));
    return storage::AuditStore(connection)
        .Append(MakeEvent("channel_settings", 0, "update", principal.user_id, now, changes.Take()));
  }));
  return TelephonySettings{true};
}

}  // namespace lt::app
