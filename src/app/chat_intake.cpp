#include "app/chat_intake.hpp"

#include <algorithm>
#include <cctype>

#include "app/cases.hpp"
#include "app/interactions.hpp"
#include "app/webhooks.hpp"
#include "base/utf8.hpp"
#include "domain/case_number.hpp"
#include "domain/queue.hpp"
#include "storage/case_store.hpp"
#include "storage/channel_message_store.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kChatSubjectChars = 40;

std::string ChannelCode(domain::Channel channel) {
  return std::string(domain::kChannelCodes.ToCode(channel));
}

// The case numbers written in a message, in upper case ("ts-2026-000123" too).
std::vector<std::string> CaseNumbersIn(const std::string& text, const std::string& prefix) {
  std::vector<std::string> numbers;
  std::string token;
  const auto flush = [&] {
    if (domain::LooksLikeCaseNumber(token) && token.rfind(prefix + "-", 0) == 0) {
      numbers.push_back(token);
    }
    token.clear();
  };
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-') {
      token += static_cast<char>(std::toupper(byte));
    } else {
      flush();
    }
  }
  flush();
  return numbers;
}

// The customer's case the message belongs to: one it names, else the latest
// open one received within the window.
Result<std::optional<domain::Case>> FindCase(AppContext& context, const domain::Contact& sender,
                                             const std::string& text, TimestampMs now) {
  std::optional<domain::Case> found;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto customer, storage::CustomerStore(connection).FindByContact(sender));
    if (!customer) return Ok();
    storage::CaseStore cases(connection);
    LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
    const auto open = domain::OpenStates(*workflow);
    for (const auto& number : CaseNumbersIn(text, context.options.case_number_prefix)) {
      LT_TRY_ASSIGN(const auto named, cases.FindByNumber(number));
      // Only the sender's own case: a number typed by someone else opens nothing of theirs.
      if (named && named->customer_id == *customer) {
        found = named;
        return Ok();
      }
    }
    if (context.options.mail_thread_window_ms <= 0) return Ok();
    domain::CaseFilter filter;
    filter.customer_id = *customer;
    filter.statuses = open;
    filter.received_from = now - context.options.mail_thread_window_ms;
    filter.sort = {domain::CaseSortField::kReceivedAt, true};
    filter.limit = 1;
    domain::CaseScope everything;
    everything.all = true;
    LT_TRY_ASSIGN(const auto latest, cases.List(filter, everything));
    if (!latest.empty()) found = latest.front();
    return Ok();
  }));
  return found;
}

// The first line that says something ("\n\n漏水" too), cut for a subject.
std::string SubjectOf(const std::string& text) {
  std::string first_line;
  for (std::size_t at = 0; first_line.empty() && at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    first_line = TrimSpace(std::string_view(text).substr(at, end - at));
    at = end + 1;
  }
  std::string subject = TruncateCodePoints(first_line, kChatSubjectChars);
  if (subject.size() < first_line.size()) subject += "…";
  return subject;
}

// A new case for the message, in the department the channel's settings name.
Result<domain::Case> OpenCase(AppContext& context, const ChatMessageIn& message,
                              const NewChatCase& settings) {
  CreateCaseInput input;
  input.type = domain::CaseType::kComplaint;
  input.channel = message.channel;
  input.subject = SubjectOf(message.text);
  input.description = message.text;
  input.department_id = settings.department_id;
  CustomerInput customer;
  customer.name = settings.customer_name;
  if (message.sender.kind == domain::ContactKind::kPhone) customer.phones = {message.sender.value};
  if (message.sender.kind == domain::ContactKind::kWechat) {
    customer.wechat_openids = {message.sender.value};
  }
  input.customer = customer;
  const std::string key = ChannelCode(message.channel) + ":" + message.external_id;
  LT_TRY_ASSIGN(auto created,
                CreateCase(context, domain::Principal::System(), input, IdempotencyKey{key, key}));
  return std::move(created.a_case);
}

}  // namespace

Result<std::optional<IngestedChat>> FindDeliveredChat(AppContext& context,
                                                      const ChatMessageIn& message) {
  const std::string channel = ChannelCode(message.channel);
  IngestedChat outcome;
  std::optional<storage::ChannelMessage> earlier;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(earlier,
                  storage::ChannelMessageStore(connection).Find(channel, message.external_id));
    if (!earlier || !earlier->case_id) return Ok();
    LT_TRY_ASSIGN(const auto a_case, storage::CaseStore(connection).Find(*earlier->case_id));
    if (a_case) outcome.case_number = a_case->number;
    return Ok();
  }));
  if (!earlier) return std::optional<IngestedChat>();
  outcome.case_id = earlier->case_id.value_or(0);
  outcome.interaction_id = earlier->interaction_id.value_or(0);
  outcome.duplicate = true;
  if (!message.signature.empty()) {
    const TimestampMs now = context.clock.NowMs();
    LT_TRY(context.database.Write([&](storage::Connection& connection) {
      return RecordWebhookReceipt(connection, message.channel, message.signature, now);
    }));
  }
  return std::optional<IngestedChat>(outcome);
}

Result<IngestedChat> IngestChatMessage(AppContext& context, const ChatMessageIn& message) {
  const TimestampMs now = context.clock.NowMs();
  IngestedChat outcome;
  LT_TRY_ASSIGN(std::optional<domain::Case> a_case,
                FindCase(context, message.sender, message.text, now));
  NewChatCase settings;
  if (!a_case) {
    if (message.new_case) {
      LT_TRY_ASSIGN(settings, message.new_case());
    }
    LT_TRY_ASSIGN(a_case, OpenCase(context, message, settings));
    outcome.new_case = true;
  }
  InteractionInput input;
  input.direction = domain::Direction::kInbound;
  input.channel = message.channel;
  input.visibility = domain::Visibility::kPublic;
  input.author_customer_id = a_case->customer_id;
  input.occurred_at = std::min(message.sent_at.value_or(now), now);
  input.body = message.text;
  // The message, its record and the request's signature land together: a
  // delivery of the same message racing this one finds it stored.
  LT_TRY_ASSIGN(const domain::Interaction added,
                AddInteraction(context, domain::Principal::System(), a_case->id, input,
                               [&](storage::Connection& connection, const domain::Case& landed,
                                   const domain::Interaction& interaction) -> Status {
                                 if (!message.signature.empty()) {
                                   LT_TRY(RecordWebhookReceipt(connection, message.channel,
                                                               message.signature, now));
                                 }
                                 storage::ChannelMessage stored;
                                 stored.channel = ChannelCode(message.channel);
                                 stored.external_id = message.external_id;
                                 stored.sender = message.sender.value;
                                 stored.case_id = landed.id;
                                 stored.interaction_id = interaction.id;
                                 stored.received_at = now;
                                 LT_TRY_ASSIGN(
                                     const bool inserted,
                                     storage::ChannelMessageStore(connection).Insert(stored));
                                 if (!inserted)
                                   return Error::Of(ErrorCode::kConflict, "error.webhook_replay");
                                 if (message.also)
                                   LT_TRY(message.also(connection, landed, interaction, now));
                                 if (!outcome.new_case || !settings.acknowledge) return Ok();
                                 return settings.acknowledge(connection, landed, now);
                               }));
  outcome.case_id = a_case->id;
  outcome.case_number = a_case->number;
  outcome.interaction_id = added.id;
  return outcome;
}

}  // namespace lt::app
